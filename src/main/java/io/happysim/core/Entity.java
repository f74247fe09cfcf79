package io.happysim.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Anything that receives events: a server, a queue, a sink, a source.
 *
 * <p>A handler reacts to one event by scheduling others ({@link #schedule}, {@link #forward}) and,
 * to wait in simulated time, by naming what to do later ({@link #resumeAfter}). The simulation
 * records which entity's handler produced each event, so causality is exact.
 */
public abstract class Entity {
    private final String name;
    Simulation simulation;

    protected Entity(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an entity needs a name");
        }
        this.name = name;
    }

    public final String name() {
        return name;
    }

    /** The simulation this entity belongs to; null until it is registered with one. */
    public final Simulation simulation() {
        return simulation;
    }

    /** The simulation clock. */
    public final Instant now() {
        return Instant.ofNanos(requireSimulation().nowNanos);
    }

    public final long nowNanos() {
        return requireSimulation().nowNanos;
    }

    /** Reacts to one event. Runs on the simulation's thread; never blocks. */
    protected abstract void handle(Event event);

    /**
     * Returns this entity to its initial state: counters and data cleared, random streams
     * re-derived from the seed. Called when the simulation is built and on every reset, so a
     * reset run is the same as a fresh one.
     */
    protected void reset() {
    }

    /** Schedules this entity's first events (sources, probes); called after {@link #reset()} at the start time. */
    protected void start() {
    }

    /** Current metric values by name, in display order (the debugger shows them as they are). */
    public Map<String, Object> metrics() {
        return new LinkedHashMap<>();
    }

    /** One metric by name, or null; override when a metric is read often (probes, metric breakpoints). */
    public Object metric(String metricName) {
        return metrics().get(metricName);
    }

    /** The entities this one sends work to, for the topology graph. */
    public List<Entity> downstream() {
        return List.of();
    }

    public Category category() {
        return Category.OTHER;
    }

    /**
     * Entities that are parts of this one and receive events under dotted names (e.g. a queued
     * resource's {@code Server.queue}); they are attached and reset with their owner.
     */
    public List<Entity> internalEntities() {
        return List.of();
    }

    /** Whether this entity can accept more work now (queue drivers ask before delivering). */
    public boolean hasCapacity() {
        return true;
    }

    /** Schedules {@code event}, attributed to this entity's handler when called from one. */
    protected final Event schedule(Event event) {
        return requireSimulation().schedule(event);
    }

    /**
     * Sends a new event of {@code type} to {@code target} now, sharing {@code event}'s context and
     * daemon flag (work caused by background events stays background, so it cannot keep an endless run alive).
     */
    protected final Event forward(Event event, Entity target, String type) {
        return schedule(new Event(nowNanos(), type, target, event.isDaemon(), event.context()));
    }

    /** Sends a new event of the same type to {@code target} now, sharing {@code event}'s context. */
    protected final Event forward(Event event, Entity target) {
        return forward(event, target, event.type());
    }

    /**
     * Finishes handling {@code event} later: after {@code delayNanos} of simulated time the engine
     * processes a resume event (same type, target and context, a new sequence) by calling
     * {@code continuation}. The event's completion hooks move to the resume event, so they fire
     * when the work is really done. Only valid for the event being handled right now.
     */
    protected final Event resumeAfter(Event event, long delayNanos, Continuation continuation) {
        return requireSimulation().resumeAfter(event, delayNanos, continuation);
    }

    protected final Event resumeAfter(Event event, Duration delay, Continuation continuation) {
        return resumeAfter(event, delay.nanos(), continuation);
    }

    /**
     * A random stream for this entity, derived from the simulation's seed and
     * {@code name() + "/" + stream}: adding another component does not perturb this one.
     */
    protected final SplittableRandom random(String stream) {
        return requireSimulation().random(name + "/" + stream);
    }

    final void dispatch(Event event) {
        Continuation continuation = event.continuation;
        if (continuation != null) {
            continuation.resume(event);
        } else {
            handle(event);
        }
    }

    private Simulation requireSimulation() {
        Simulation sim = simulation;
        if (sim == null) {
            throw new IllegalStateException("entity '" + name + "' is not part of a simulation");
        }
        return sim;
    }

    @Override
    public String toString() {
        return name;
    }
}
