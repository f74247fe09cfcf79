package io.happysim.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a model: pops the earliest pending event, lets its target handle it, repeats.
 *
 * <p>Everything happens on one thread, in (time, sequence) order, so a run is deterministic. The
 * run loop never processes an event later than the end time. With no end time the run stops by
 * itself when only daemon events (probe measurements) are left.
 *
 * <p>Control: {@link #step}, {@link #runUntil}, {@link #runUntilEvent}, {@link #resume} each run
 * the loop until their target, a user breakpoint, a pause request or completion, and say which as
 * a {@link PauseReason}. Only {@link #requestPause()} may be called from another thread. *
 * <p>Longer than most files on purpose: the loop, scheduling, the controls a debugger drives and the
 * state it reads are one object's API. Breakpoint bookkeeping ({@link BreakpointSet}) and crashes
 * ({@link Outages}) live in files of their own so the loop itself reads in one sitting.
 */
public final class Simulation {
    private static final Logger LOG = Logger.getLogger(Simulation.class.getName());
    private static final long NO_LIMIT = Long.MAX_VALUE;
    private static final EventListener[] NO_LISTENERS = {};

    private final long startNanos;
    private final long endNanos;
    private final long seed;
    private final long warmUpEndNanos;
    private final List<Entity> sources;
    private final List<Entity> entities;
    private final List<Entity> probes;
    private final List<Entity> everyEntity;
    private final Map<String, Entity> byName;
    private final EventQueue queue = new EventQueue();
    private final List<Event> replayTemplates = new ArrayList<>();

    long nowNanos;
    private long nextSequence;
    private long eventsProcessed;
    private boolean started;
    private boolean complete;
    private boolean inLoop;
    private boolean priming;
    private volatile boolean pauseRequested;
    private Entity processing;
    private Event current;
    /** Continuations of the entity being processed, run right after its handler (see {@link Entity#await}). */
    private final ArrayList<Runnable> afterHandler = new ArrayList<>(4);
    private final Outages outages = new Outages(queue);
    /** Replaced, never changed in place: the debugger reads it from other threads. */
    private volatile List<ActiveFault> activeFaults = List.of();

    private EventListener[] listeners = NO_LISTENERS;
    private final List<Runnable> resetListeners = new ArrayList<>();
    private final BreakpointSet breakpoints = new BreakpointSet();
    private Pacer pacer;

    private Simulation(Builder builder) {
        this.startNanos = builder.start.nanos();
        if (builder.end != null && builder.duration != null) {
            throw new IllegalArgumentException("give an end time or a duration, not both");
        }
        if (builder.duration != null) {
            this.endNanos = Instant.addSaturating(startNanos, builder.duration.nanos());
        } else {
            this.endNanos = builder.end == null ? Instant.INFINITE_NANOS : builder.end.nanos();
        }
        if (endNanos < startNanos) {
            throw new IllegalArgumentException("end time " + Instant.format(endNanos) + " is before the start time");
        }
        this.seed = builder.seed;
        this.warmUpEndNanos = Instant.addSaturating(startNanos, builder.warmUp == null ? 0 : builder.warmUp.nanos());
        this.sources = List.copyOf(builder.sources);
        this.entities = List.copyOf(builder.entities);
        this.probes = List.copyOf(builder.probes);
        this.byName = new LinkedHashMap<>();
        List<Entity> all = new ArrayList<>();
        for (List<Entity> group : List.of(sources, entities, probes)) {
            for (Entity entity : group) {
                attach(entity, all);
            }
        }
        this.everyEntity = Collections.unmodifiableList(all);
        initialise();
    }

    public static Builder builder() {
        return new Builder();
    }

    private void attach(Entity entity, List<Entity> all) {
        if (entity.simulation != null) {
            throw new IllegalArgumentException("entity '" + entity.name() + "' already belongs to a simulation");
        }
        if (byName.putIfAbsent(entity.name(), entity) != null) {
            throw new IllegalArgumentException("two entities are named '" + entity.name() + "'");
        }
        entity.simulation = this;
        all.add(entity);
        for (Entity part : entity.internalEntities()) {
            attach(part, all);
        }
    }

    /** Puts every component and the clock back to the start: used by the constructor and by {@link #reset()}. */
    private void initialise() {
        queue.clear();
        nextSequence = 0;
        nowNanos = startNanos;
        eventsProcessed = 0;
        started = false;
        complete = false;
        pauseRequested = false;
        processing = null;
        current = null;
        afterHandler.clear();
        outages.clear();
        activeFaults = List.of();
        breakpoints.forgetHeld();
        for (Entity entity : everyEntity) {
            entity.down = false;
            entity.incarnation = 0;
            entity.pausedUntilNanos = Long.MIN_VALUE;
            entity.reset();
        }
        priming = true;
        try {
            for (Entity source : sources) {
                source.start();
            }
            for (Entity probe : probes) {
                probe.start();
            }
            for (Entity entity : entities) {
                entity.start();
            }
            for (Event template : replayTemplates) {
                schedule(template.copyForReplay());
            }
        } finally {
            priming = false;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Scheduling (called by entities on the simulation thread, or from outside between runs)

    /**
     * Schedules an event. From inside a handler the event's {@link Event#source()} is that
     * handler's entity; from outside it is null, and if the run has not started yet the event is
     * remembered and scheduled again by {@link #reset()}.
     */
    public Event schedule(Event event) {
        if (event.sequence >= 0) {
            throw new IllegalStateException("event already scheduled: " + event);
        }
        if (event.target().simulation != this) {
            throw new IllegalArgumentException("target '" + event.target().name() + "' is not part of this simulation");
        }
        if (event.timeNanos < nowNanos) {
            throw new IllegalArgumentException("cannot schedule " + event + " before the current time " + Instant.format(nowNanos));
        }
        event.sequence = nextSequence++;
        event.source = processing;
        queue.push(event);
        if (processing == null && !started && !priming) {
            replayTemplates.add(event.copyForReplay());
        }
        return event;
    }

    /** Schedules several events from outside, in order. */
    public void schedule(Event... events) {
        for (Event event : events) {
            schedule(event);
        }
    }

    Event resumeAfter(Event event, long delayNanos, Continuation continuation) {
        if (event != current) {
            throw new IllegalStateException("resumeAfter is only valid for the event being handled now, not " + event);
        }
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay " + delayNanos + " ns");
        }
        Event resumed = new Event(Instant.addSaturating(nowNanos, delayNanos), event.type(), event.target(),
                event.isDaemon(), event.rawContext());
        resumed.continuation = continuation;
        resumed.withAttachment(event.attachment());
        resumed.continueWork(event);
        return schedule(resumed);
    }

    /**
     * A random stream derived from the seed and a stable name: the same (seed, name) always gives
     * the same numbers, and streams with different names are independent.
     */
    public SplittableRandom random(String streamName) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < streamName.length(); i++) {
            h ^= streamName.charAt(i);
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(mix64(seed ^ mix64(h)));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    // ------------------------------------------------------------------------------------------
    // Control

    /** Starts the run without processing anything: running and paused at the start time (the debugger's first state). */
    public void prime() {
        requireNotInLoop("prime");
        if (!started && !complete) {
            begin();
            logPaused(PauseReason.PAUSE_REQUESTED);
        }
    }

    /** Processes {@code count} more events (fewer if a breakpoint fires or the run completes). */
    public PauseReason step(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("step count must be at least 1, got " + count);
        }
        LOG.info(() -> "Stepping " + count + " event(s)");
        long target = eventsProcessed > NO_LIMIT - count ? NO_LIMIT : eventsProcessed + count;
        return run(target, NO_LIMIT, NO_LIMIT);
    }

    /**
     * Runs until the first processed event whose time is at or after {@code time} (so at least one
     * event), a breakpoint, a pause request, or completion; never past the end time. Nothing is
     * left registered afterwards.
     */
    public PauseReason runUntil(Instant time) {
        return run(NO_LIMIT, time.nanos(), NO_LIMIT);
    }

    /** Runs until {@code eventsProcessed() >= eventNumber} after some processed event (or a breakpoint, a pause request, completion). */
    public PauseReason runUntilEvent(long eventNumber) {
        return run(NO_LIMIT, NO_LIMIT, eventNumber);
    }

    /** Runs until completion, a user breakpoint or a pause request. */
    public PauseReason resume() {
        if (started && !complete) {
            LOG.info("Resuming simulation");
        }
        return run(NO_LIMIT, NO_LIMIT, NO_LIMIT);
    }

    /** Same as {@link #resume()}: runs the whole simulation unless a breakpoint or a pause request stops it. */
    public PauseReason run() {
        return resume();
    }

    /**
     * Asks the running loop to pause before its next event. Safe from any thread. A request made
     * while no run is in progress pauses the next run before its first event.
     */
    public void requestPause() {
        pauseRequested = true;
        LOG.info("Pause requested");
    }

    /**
     * Back to the start: empty queue, clock at the start time, every component's counters and data
     * cleared and random streams re-derived from the seed; sources and probes are started again and
     * events scheduled from outside before the first run are scheduled again. The result is
     * indistinguishable from a freshly built simulation (not started). Breakpoints and listeners are kept.
     */
    public void reset() {
        requireNotInLoop("reset");
        LOG.info("Resetting simulation");
        initialise();
        for (Runnable listener : List.copyOf(resetListeners)) {
            listener.run();
        }
        LOG.info(() -> "Reset complete, heap size: " + queue.size());
    }

    private PauseReason run(long stepTarget, long untilNanos, long untilEventCount) {
        requireNotInLoop("run");
        if (complete) {
            return PauseReason.COMPLETE;
        }
        if (!started) {
            begin();
        } else {
            LOG.info(() -> "Simulation resuming at " + Instant.format(nowNanos) + " with " + queue.size() + " event(s) in heap");
        }
        PauseReason reason;
        inLoop = true;
        try {
            reason = loop(stepTarget, untilNanos, untilEventCount);
        } finally {
            inLoop = false;
            processing = null;
            current = null;
            pauseRequested = false;
        }
        if (reason == PauseReason.COMPLETE) {
            complete = true;
            LOG.info(() -> "Simulation complete: processed " + eventsProcessed + " events, final time "
                    + Instant.format(nowNanos) + ", " + queue.size() + " event(s) remaining in heap");
        } else {
            logPaused(reason);
        }
        return reason;
    }

    /** The loop itself: pop, advance the clock, dispatch, tell listeners, check stop conditions. */
    private PauseReason loop(long stepTarget, long untilNanos, long untilEventCount) {
        final EventQueue pending = queue;
        final boolean endless = endNanos == Instant.INFINITE_NANOS;
        final boolean fine = LOG.isLoggable(Level.FINE);
        while (true) {
            if (pauseRequested) {
                return PauseReason.PAUSE_REQUESTED;
            }
            Event event = pending.peekLive();
            if (event == null || event.timeNanos > endNanos || (endless && pending.primaryCount() == 0)) {
                return PauseReason.COMPLETE;
            }
            if (pacer != null) {
                pacer.beforeEvent(event.timeNanos);
                if (pauseRequested) {
                    return PauseReason.PAUSE_REQUESTED;
                }
            }
            pending.pop();
            nowNanos = event.timeNanos;
            if (event.target().pausedUntilNanos > nowNanos) {
                deferWhilePaused(event);
                continue;
            }
            eventsProcessed++;
            if (fine) {
                LOG.fine("Processing event #" + eventsProcessed + ": " + event);
            }
            try {
                process(event);
            } catch (RuntimeException failure) {
                LOG.log(Level.SEVERE, failure, () -> "Handler of " + event.target().name() + " failed on " + event);
                throw new EventHandlingException(event, failure);
            }
            EventListener[] hooks = listeners;
            for (EventListener listener : hooks) {
                listener.onEvent(event);
            }
            if (breakpoints.active()) {
                String fired = breakpoints.check(this, event);
                if (fired != null) {
                    return PauseReason.breakpoint(fired);
                }
            }
            if (eventsProcessed >= stepTarget) {
                return PauseReason.STEP_DONE;
            }
            if (event.timeNanos >= untilNanos || eventsProcessed >= untilEventCount) {
                return PauseReason.RUN_TO_REACHED;
            }
        }
    }

    private void process(Event event) {
        Entity target = event.target();
        processing = target;
        current = event;
        if (target.down) {
            outages.lose(event);
        } else {
            target.dispatch(event);
        }
        if (!afterHandler.isEmpty()) {
            runAfterHandler();
        }
        if (event.hasPendingHooks()) {
            for (CompletionHook hook : event.takeHooks()) {
                hook.onComplete(event);
            }
        }
        processing = null;
        current = null;
    }

    private void runAfterHandler() {
        for (int i = 0; i < afterHandler.size(); i++) {
            afterHandler.get(i).run();
        }
        afterHandler.clear();
    }

    /** An event whose target is paused waits for the end of the pause, keeping its order among the others that wait. */
    private void deferWhilePaused(Event event) {
        Event moved = event.deferredTo(event.target().pausedUntilNanos);
        moved.sequence = nextSequence++;
        queue.push(moved);
    }

    /** See {@link Entity#await}: after the handler if it is {@code entity}'s turn, else in a resume event now. */
    void continueIn(Entity entity, int incarnation, String resumeType, Map<String, Object> context, Runnable continuation) {
        if (entity.incarnation != incarnation) {
            return;
        }
        if (processing == entity) {
            afterHandler.add(continuation);
            return;
        }
        Event resumed = new Event(nowNanos, resumeType, entity, false, context);
        resumed.continuation = e -> continuation.run();
        schedule(resumed);
    }

    void crash(Entity entity) {
        outages.crash(entity);
    }

    void restart(Entity entity) {
        outages.restart(entity);
    }

    /**
     * One-shot glue from outside the model: runs {@code action} at {@code time} in an event of
     * {@code type} aimed at a throwaway entity named {@code once:<type>} (not part of the topology).
     */
    public Event once(Instant time, String type, Continuation action) {
        CallbackEntity callback = new CallbackEntity("once:" + type, action);
        callback.simulation = this;
        return schedule(new Event(time.nanos(), type, callback, false, null));
    }

    private void begin() {
        started = true;
        LOG.info(() -> "Simulation starting at " + Instant.format(nowNanos) + " with " + queue.size() + " event(s) in heap, seed " + seed);
    }

    private void logPaused(PauseReason reason) {
        LOG.info(() -> "Simulation paused (" + reason.describe() + ") at " + Instant.format(nowNanos) + " after "
                + eventsProcessed + " events");
    }

    private void requireNotInLoop(String action) {
        if (inLoop) {
            throw new IllegalStateException("cannot " + action + " while the simulation loop is running");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Breakpoints and listeners

    /** Installs (or, with null, removes) the {@link Pacer} consulted before every event. */
    public void setPacer(Pacer pacer) {
        this.pacer = pacer;
    }

    /**
     * Whether user breakpoints stop the run (they do by default). A debugger's plain "play" turns
     * them off to run straight through; one-shot breakpoints then stay registered, unfired.
     */
    public void setBreakpointsEnabled(boolean enabled) {
        breakpoints.setEnabled(enabled);
    }

    /** Adds a breakpoint and returns its id ({@code bp-1}, {@code bp-2}, … in order of addition). */
    public String addBreakpoint(Breakpoint breakpoint) {
        return breakpoints.add(breakpoint);
    }

    /** Removes a breakpoint; false if there is none with that id. */
    public boolean removeBreakpoint(String id) {
        return breakpoints.remove(id);
    }

    public void clearBreakpoints() {
        breakpoints.clear();
    }

    /** The registered breakpoints by id, in order of addition (a copy). */
    public Map<String, Breakpoint> breakpoints() {
        return breakpoints.snapshot();
    }

    /** Called once per processed event, after its handler ran and its new events were scheduled, before breakpoints. */
    public void addEventListener(EventListener listener) {
        EventListener[] grown = Arrays.copyOf(listeners, listeners.length + 1);
        grown[listeners.length] = listener;
        listeners = grown;
    }

    public void removeEventListener(EventListener listener) {
        List<EventListener> kept = new ArrayList<>(Arrays.asList(listeners));
        kept.remove(listener);
        listeners = kept.toArray(NO_LISTENERS);
    }

    /** Called at the end of every {@link #reset()}. */
    public void addResetListener(Runnable listener) {
        resetListeners.add(listener);
    }

    public void removeResetListener(Runnable listener) {
        resetListeners.remove(listener);
    }

    // ------------------------------------------------------------------------------------------
    // State

    public Instant now() {
        return Instant.ofNanos(nowNanos);
    }

    public long nowNanos() {
        return nowNanos;
    }

    public Instant startTime() {
        return Instant.ofNanos(startNanos);
    }

    /** The end time, {@link Instant#INFINITY} when the run ends by itself. */
    public Instant endTime() {
        return Instant.ofNanos(endNanos);
    }

    public long seed() {
        return seed;
    }

    /**
     * The end of the warm-up (the start time if there is none): statistics that judge a model —
     * latency percentiles, time-weighted means, utilisation — leave out what happened before it.
     * Charts and the history keep everything.
     */
    public long warmUpEndNanos() {
        return warmUpEndNanos;
    }

    public long eventsProcessed() {
        return eventsProcessed;
    }

    /** Events that reached a crashed entity, or were pending for it when it crashed, since the start. */
    public long eventsLost() {
        return outages.eventsLost();
    }

    /** Registers a fault that has just begun (fault schedules call this; the debugger lists and marks it). */
    public void faultBegan(ActiveFault fault) {
        List<ActiveFault> next = new ArrayList<>(activeFaults);
        next.removeIf(f -> f.id().equals(fault.id()));
        next.add(fault);
        activeFaults = List.copyOf(next);
    }

    /** Unregisters the fault with this id; nothing happens if it is not active. */
    public void faultEnded(String id) {
        List<ActiveFault> next = new ArrayList<>(activeFaults);
        if (next.removeIf(f -> f.id().equals(id))) {
            activeFaults = List.copyOf(next);
        }
    }

    /** The faults in effect now, in the order they began. Safe to read from any thread. */
    public List<ActiveFault> activeFaults() {
        return activeFaults;
    }

    /** Pending events, cancelled ones included until they reach the front. */
    public int heapSize() {
        return queue.size();
    }

    /** Pending events that keep an endless run alive (not daemon, not cancelled). */
    public int pendingPrimaryEvents() {
        return queue.primaryCount();
    }

    /** The next {@code count} pending events in the order they will be processed (cancelled ones skipped). */
    public List<Event> peek(int count) {
        return count <= 0 ? List.of() : queue.peek(count);
    }

    /** Started and not complete (true while paused, as the original). */
    public boolean isRunning() {
        return started && !complete;
    }

    /** Started, not complete and not inside a control call right now. */
    public boolean isPaused() {
        return started && !complete && !inLoop;
    }

    /** The run ended: nothing left to process before the end time. */
    public boolean isComplete() {
        return complete;
    }

    public List<Entity> sources() {
        return sources;
    }

    public List<Entity> entities() {
        return entities;
    }

    public List<Entity> probes() {
        return probes;
    }

    /** Sources, entities, probes and their internal parts (e.g. {@code Server.queue}), in that order. */
    public List<Entity> allEntities() {
        return everyEntity;
    }

    /** The entity with this name (internal parts included), or null. */
    public Entity entity(String name) {
        return byName.get(name);
    }

    /** Builds a {@link Simulation}: start time (default epoch), end time or duration (default endless), seed, components. */
    public static final class Builder {
        private Instant start = Instant.EPOCH;
        private Instant end;
        private Duration duration;
        private Duration warmUp;
        private long seed = 42L;
        private final List<Entity> sources = new ArrayList<>();
        private final List<Entity> entities = new ArrayList<>();
        private final List<Entity> probes = new ArrayList<>();

        private Builder() {
        }

        public Builder startTime(Instant start) {
            this.start = start;
            return this;
        }

        public Builder endTime(Instant end) {
            this.end = end;
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder durationSeconds(double seconds) {
            return duration(Duration.ofSeconds(seconds));
        }

        /** Leave the first {@code seconds} out of the statistics that judge the model (not out of the history). */
        public Builder warmUpSeconds(double seconds) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("warm-up must be finite and non-negative, got " + seconds);
            }
            this.warmUp = Duration.ofSeconds(seconds);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder sources(Entity... sources) {
            this.sources.addAll(List.of(sources));
            return this;
        }

        public Builder entities(Entity... entities) {
            this.entities.addAll(List.of(entities));
            return this;
        }

        public Builder entities(List<? extends Entity> entities) {
            this.entities.addAll(entities);
            return this;
        }

        public Builder probes(Entity... probes) {
            this.probes.addAll(List.of(probes));
            return this;
        }

        public Simulation build() {
            return new Simulation(this);
        }
    }
}
