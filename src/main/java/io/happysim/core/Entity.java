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
    /** Crashed: events aimed at it are lost (see {@link #crash()}). */
    boolean down;
    /** Events aimed at it before this time wait until then (see {@link #pause}). */
    long pausedUntilNanos = Long.MIN_VALUE;
    /** Counts crashes: a wait begun before a crash is forgotten, not continued after the restart. */
    int incarnation;

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

    /**
     * Called when the entity crashes, after its pending events were lost: drop the work it held
     * (failing the replies of queued requests as lost). Counters are observations and stay.
     */
    protected void onCrash() {
    }

    /** Called when a crashed entity comes back: restart whatever keeps it going (a source's ticks). */
    protected void onRestart() {
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

    /**
     * Crashes this entity (and its internal parts): the work it holds is lost — events already
     * scheduled for it are cancelled and their replies fail as lost — and until {@link #restart()}
     * every event that reaches it is lost the same way. Logged at INFO.
     */
    public final void crash() {
        requireSimulation().crash(this);
    }

    /** Brings a crashed entity back, empty-handed; {@link #onRestart()} runs. Logged at INFO. */
    public final void restart() {
        requireSimulation().restart(this);
    }

    public final boolean isDown() {
        return down;
    }

    /**
     * Stops this entity for {@code durationNanos} of simulated time, as a stop-the-world pause
     * does: what reaches it meanwhile waits, in order, until the pause ends. Components that
     * keep a waiting line open during a pause (a server's queue keeps filling) override this.
     */
    public void pause(long durationNanos) {
        if (durationNanos < 0) {
            throw new IllegalArgumentException("negative pause " + durationNanos + " ns");
        }
        pausedUntilNanos = Math.max(pausedUntilNanos, Instant.addSaturating(nowNanos(), durationNanos));
    }

    /** Whether a {@link #pause} is in progress now. */
    public boolean isPaused() {
        return simulation != null && pausedUntilNanos > simulation.nowNanos;
    }

    /**
     * Continues with {@code then} when {@code future} settles. If it settles during this entity's
     * own turn (its timer fired, say), {@code then} runs right after the current handler, in the
     * same event; otherwise in a new event of type {@code resumeType} aimed at this entity at that
     * instant, carrying {@code context} (may be null), so the history shows who woke it. A crash
     * in between forgets the wait.
     */
    protected final <T> void await(SimFuture<T> future, String resumeType, Map<String, Object> context,
                                   java.util.function.Consumer<SimFuture<T>> then) {
        Simulation sim = requireSimulation();
        int waitingIncarnation = incarnation;
        future.onSettle(settled -> sim.continueIn(this, waitingIncarnation, resumeType, context, () -> then.accept(settled)));
    }

    /**
     * Runs {@code action} in an event of {@code type} aimed at this entity after {@code delayNanos}:
     * one-shot glue (a retry later, the end of a window). The returned event can be cancelled.
     */
    protected final Event after(long delayNanos, String type, Map<String, Object> context, Continuation action) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay " + delayNanos + " ns");
        }
        Simulation sim = requireSimulation();
        Event event = new Event(Instant.addSaturating(sim.nowNanos, delayNanos), type, this, false, context);
        event.continuation = action;
        return sim.schedule(event);
    }

    /**
     * A future that succeeds (with null) when an event of {@code type} reaches this entity after
     * {@code delayNanos}; cancelling the future cancels the event. Race it against a reply with
     * {@link SimFuture#anyOf} for a timeout.
     */
    protected final SimFuture<Void> timer(long delayNanos, String type, Map<String, Object> context) {
        SimFuture<Void> timer = SimFuture.pending();
        timer.timerEvent = after(delayNanos, type, context, fired -> timer.complete(null));
        return timer;
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
