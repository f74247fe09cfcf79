package io.happysim.visual.session;

import io.happysim.core.Breakpoint;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.EventHandlingException;
import io.happysim.core.Instant;
import io.happysim.core.Pacer;
import io.happysim.core.PauseReason;
import io.happysim.core.Simulation;
import io.happysim.scenarios.Chart;
import io.happysim.scenarios.ChartTransform;
import io.happysim.scenarios.Scenario;
import io.happysim.scenarios.ScenarioModel;
import io.happysim.scenarios.Scenarios;
import io.happysim.visual.bridge.LiveTail;
import io.happysim.visual.bridge.PendingBuffer;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.bridge.Topology;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import io.happysim.visual.store.Transform;
import io.happysim.visual.store.VisualStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one debugging session of a server: the loaded scenario, the thread that runs it, the recording
 * of everything it does, and the commands clients send it.
 *
 * <p>The simulation is touched by its own thread only. Other threads submit commands and wait for
 * them; while a play runs, commands that only read or add breakpoints run between two events
 * without stopping it, and the others (step, run-to, pause, reset …) stop the play first. State is
 * published as immutable {@link SimState} snapshots, so reads never wait for the simulation, and
 * history reads go to the store. Plain Java: the Jakarta layer supplies the threads and schedules
 * {@link #drain()}.
 */
public final class DebugSession implements AutoCloseable {
    /** At most this many new events (and log lines) travel with one update; the rest are counted as dropped. */
    public static final int LIVE_TAIL_LIMIT = 500;
    /** While playing, an update is published at most every 50 ms (≈ 20 a second), however fast the simulation runs. */
    static final long UPDATE_INTERVAL_NS = 50_000_000L;
    static final int UPCOMING_EVENTS = 10;
    /** At full speed the pacer looks at the clock only every this many events: it runs before each one. */
    static final int CHECK_EVERY_EVENTS = 1024;
    private static final Logger LOG = Logger.getLogger(DebugSession.class.getName());

    /**
     * @param pendingCapacity rows recorded but not yet stored before the simulation waits for the drainer
     * @param commandTimeoutMs how long a caller waits for the simulation thread to take its command
     * @param keepStoredHistory a history already in the store at start-up (a previous server run on a kept database)
     *                          stays readable until the session records something of its own
     */
    public record Config(String defaultScenario, int pendingCapacity, SimulationBridge.Config bridge, long commandTimeoutMs,
                         boolean keepStoredHistory) {
        public static Config defaults() {
            return new Config("bursty-mm1", 200_000, SimulationBridge.Config.defaults(), 60_000, false);
        }
    }

    /** How many rows the recording has produced since the run started: what the store must hold once drained. */
    public record Recorded(long events, long logs, long samples) {
    }

    public Recorded recorded() {
        SimulationBridge current = bridge;
        return new Recorded(current.eventsRecorded(), current.logsRecorded(), current.samplesRecorded());
    }

    /** The newest records after a client's cursors, for one live update. */
    public record LiveSlice(List<RecordedEvent> events, long droppedEvents, long lastEventId, List<RecordedLog> logs,
                            long droppedLogs, long lastLogId, List<Topology.Edge> edges, long lastEdgeId) {
    }

    private record Command<T>(boolean stopsPlay, Supplier<T> action, CompletableFuture<T> result) {
        void execute() {
            try {
                result.complete(action.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }
    }

    private final VisualStore store;
    private final Config config;
    private final Executor drainExecutor;
    private final Thread simulationThread;
    private final PendingBuffer pending;
    private final Drainer drainer;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final BlockingQueue<Command<?>> commands = new LinkedBlockingQueue<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final Pacer pacer = this::beforeEvent;

    private volatile SimulationBridge bridge;
    private volatile Scenario scenario;
    private volatile SimState state;
    private volatile List<Map<String, Object>> breakpointViews = List.of();
    private volatile boolean closed;
    private volatile boolean previousRun;

    // Play state: written on the simulation thread only.
    private volatile boolean playing;
    private double speed;
    private boolean debug;
    private long anchorWallNs;
    private long anchorSimNs;
    private long lastPublishNs;
    private int eventsSinceCheck;
    private PauseReason lastReason;

    /**
     * @param threads       makes the simulation thread (the container's managed thread factory)
     * @param drainExecutor runs drains asked for between the scheduled ones (when the buffer fills, after a step)
     */
    public DebugSession(VisualStore store, ThreadFactory threads, Executor drainExecutor, Config config) {
        this.store = store;
        this.config = config;
        this.drainExecutor = drainExecutor;
        this.simulationThread = threads.newThread(this::runLoop);
        this.simulationThread.setName("happysim-simulation");
        this.pending = new PendingBuffer(config.pendingCapacity(), simulationThread);
        this.pending.onFull(this::requestDrain);
        this.drainer = new Drainer(store, () -> pending);
    }

    /** Loads the default scenario, primed and paused at its start, and starts the simulation thread. */
    public void start() {
        Scenario initial = Scenarios.find(config.defaultScenario()).orElseGet(() -> {
            LOG.warning(() -> "default scenario '" + config.defaultScenario() + "' is unknown; loading " + Scenarios.defaultScenario().id());
            return Scenarios.defaultScenario();
        });
        previousRun = config.keepStoredHistory() && store.stats().lastEventId() + store.stats().lastLogId() > 0;
        drainer.hold(previousRun);
        if (previousRun) {
            LOG.info(() -> "The store holds a previous run's history; it stays readable until this session records anything");
        }
        simulationThread.start();
        call(true, () -> {
            load(initial);
            return null;
        });
    }

    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------------------------------------
    // Reads that never wait for the simulation

    public SimState state() {
        return state;
    }

    public ScenarioModel model() {
        return bridge.model();
    }

    public Topology topology() {
        return bridge.topology();
    }

    public Scenario scenario() {
        return scenario;
    }

    public List<Map<String, Object>> breakpoints() {
        return breakpointViews;
    }

    public VisualStore store() {
        return store;
    }

    public Drainer.Status drainStatus() {
        return drainer.status();
    }

    /** Rows recorded but not yet in the store (including a failed batch waiting for its retry). */
    public long pendingRows() {
        return pending.pendingRows() + drainer.retryRows();
    }

    /** True while the store still shows a previous server run's history (nothing recorded by this session yet). */
    public boolean showsPreviousRun() {
        return previousRun;
    }

    /** How often the simulation waited for the drainer, and for how long in all: "12 waits, 3.4 s". */
    public String backpressure() {
        return String.format(Locale.ROOT, "%d waits, %.1f s", pending.backpressureWaits(), pending.backpressureNanos() / 1e9);
    }

    public long inMemorySamples() {
        return bridge.inMemorySamples();
    }

    public long pendingEvents() {
        return pending.pendingEvents();
    }

    /** The newest events, log lines and runtime edges after a client's cursors (at most {@link #LIVE_TAIL_LIMIT} of each). */
    public LiveSlice slice(long afterEventId, long afterLogId, long afterEdgeId) {
        SimulationBridge current = bridge;
        LiveTail.Slice<RecordedEvent> events = current.eventTail().since(afterEventId, LIVE_TAIL_LIMIT);
        LiveTail.Slice<RecordedLog> logs = current.logTail().since(afterLogId, LIVE_TAIL_LIMIT);
        LiveTail.Slice<Topology.Edge> edges = current.runtimeEdges().since(afterEdgeId, Integer.MAX_VALUE);
        return new LiveSlice(events.items(), events.dropped(), events.lastId(), logs.items(), logs.dropped(), logs.lastId(),
                edges.items(), edges.lastId());
    }

    public Map<String, io.happysim.visual.bridge.EdgeStats.Edge> edgeStats() {
        SimState current = state;
        return bridge.edgeStats().snapshot(current == null ? 0 : current.timeS());
    }

    // ---------------------------------------------------------------------------------------------
    // Control

    public StepResult step(long count) {
        if (count < 1) {
            throw new InvalidRequestException("count must be at least 1");
        }
        return call(true, () -> control(sim -> sim.step(count)));
    }

    public StepResult runTo(double timeS) {
        return call(true, () -> {
            Simulation sim = bridge.simulation();
            if (timeS <= sim.now().toSeconds()) {
                throw new ControlException("time_s " + timeS + " is not after the current time " + sim.now().toSeconds());
            }
            return control(s -> s.runUntil(Instant.ofSeconds(timeS)));
        });
    }

    public StepResult runToEvent(long eventNumber) {
        return call(true, () -> {
            Simulation sim = bridge.simulation();
            if (eventNumber <= sim.eventsProcessed()) {
                throw new ControlException("event_number " + eventNumber + " is not after the " + sim.eventsProcessed() + " events already processed");
            }
            return control(s -> s.runUntilEvent(eventNumber));
        });
    }

    /**
     * Starts (or re-starts, with a new speed) playing: {@code speed} simulated seconds per wall second,
     * 0 for as fast as the store absorbs. A debug play stops at user breakpoints; a plain play runs through them.
     */
    public SimState play(double speed, boolean debug) {
        if (!Double.isFinite(speed) || speed < 0) {
            throw new InvalidRequestException("speed must be 0 (as fast as possible) or a positive number of simulated seconds per second");
        }
        return call(true, () -> {
            requireNotComplete();
            leavePreviousRun();
            this.speed = speed;
            this.debug = debug;
            this.playing = true;
            publish();
            return state;
        });
    }

    public SimState pause() {
        return call(true, () -> {
            boolean wasPlaying = playing;
            playing = false;
            if (wasPlaying) {
                lastReason = PauseReason.PAUSE_REQUESTED;
                settle();
            }
            return state;
        });
    }

    /** Back to the start of the same scenario: the run, its history in the store and every buffer are cleared. Breakpoints stay. */
    public SimState reset() {
        return call(true, () -> {
            playing = false;
            Simulation sim = bridge.simulation();
            sim.reset();
            sim.prime();
            startAfresh(bridge);
            return state;
        });
    }

    /** Loads another scenario in place of the current one: the run stops and the history is cleared. */
    public SimState loadScenario(String id) {
        Scenario next = Scenarios.find(id).orElseThrow(() -> new UnknownNameException("no scenario '" + id + "'"));
        return call(true, () -> {
            playing = false;
            load(next);
            return state;
        });
    }

    public Map<String, Object> addBreakpoint(BreakpointRequest request) {
        return call(false, () -> {
            Simulation sim = bridge.simulation();
            Breakpoint breakpoint = request.toBreakpoint(sim);
            String id = sim.addBreakpoint(breakpoint);
            refreshBreakpoints();
            return BreakpointRequest.view(id, breakpoint);
        });
    }

    public void removeBreakpoint(String id) {
        call(false, () -> {
            if (!bridge.simulation().removeBreakpoint(id)) {
                throw new UnknownNameException("no breakpoint '" + id + "'");
            }
            refreshBreakpoints();
            return null;
        });
    }

    /** Current metrics of any entity by name, internal parts and grouped members included. */
    public Map<String, Object> entityState(String name) {
        return call(false, () -> {
            Entity entity = bridge.simulation().entity(name);
            if (entity == null) {
                throw new UnknownNameException("no entity '" + name + "'");
            }
            return entity.metrics();
        });
    }

    /** A page of a group's members, optionally filtered by a case-insensitive substring of their names. */
    public Map<String, Object> groupMembers(String groupId, int offset, int limit, String search) {
        return call(false, () -> {
            Topology topology = bridge.topology();
            List<Entity> members = topology.groupMembers(groupId);
            if (members == null) {
                throw new UnknownNameException("no group '" + groupId + "'");
            }
            String needle = search == null ? null : search.toLowerCase(Locale.ROOT);
            List<Entity> matching = needle == null ? members
                    : members.stream().filter(m -> m.name().toLowerCase(Locale.ROOT).contains(needle)).toList();
            List<Map<String, Object>> page = new ArrayList<>();
            for (Entity member : matching.subList(Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()))) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", member.name());
                row.put("state", member.metrics());
                page.add(row);
            }
            Topology.Node node = topology.node(groupId);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("group_id", groupId);
            answer.put("members", page);
            answer.put("total", matching.size());
            answer.put("offset", offset);
            answer.put("type", node.type());
            answer.put("category", node.category());
            return answer;
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Draining (the Jakarta layer schedules drain() every 500 ms)

    /**
     * Moves everything pending into the store, then copies the simulation's log lines to the server's
     * log. Never called on the simulation thread.
     */
    public boolean drain() {
        boolean stored = drainer.drain();
        SimulationBridge current = bridge;
        if (current != null) {
            current.forwardServerLog();
        }
        return stored;
    }

    private void requestDrain() {
        if (drainQueued.compareAndSet(false, true)) {
            drainExecutor.execute(() -> {
                drainQueued.set(false);
                drain();
            });
        }
    }

    /**
     * Waits (on the simulation thread) until what the last action recorded is in the store, so the
     * history endpoints show it as soon as the action's answer arrives. The write happens on the drain
     * executor: the simulation thread itself never touches the disk.
     */
    private void drainAndWait() {
        try {
            onDrainThread(this::drain, 10);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the store did not take the latest rows in time; they stay pending", e);
        }
    }

    /** Runs store work for the simulation thread on the drain executor and waits for it: the simulation thread does no I/O. */
    private void onDrainThread(Runnable work, long timeoutSeconds) {
        try {
            CompletableFuture.runAsync(work, drainExecutor).get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException("interrupted while waiting for the store");
        } catch (TimeoutException e) {
            throw new ControlException("the store did not answer within " + timeoutSeconds + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The simulation thread

    private void runLoop() {
        while (!closed) {
            try {
                Command<?> command = playing ? commands.poll() : commands.poll(200, TimeUnit.MILLISECONDS);
                if (command != null) {
                    command.execute();
                } else if (playing) {
                    playUntilStopped();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                playing = false;
                LOG.log(Level.SEVERE, "the simulation thread recovered from an unexpected failure", e);
            }
        }
    }

    private void playUntilStopped() {
        SimulationBridge current = bridge;
        Simulation sim = current.simulation();
        anchorWallNs = System.nanoTime();
        anchorSimNs = sim.nowNanos();
        lastPublishNs = anchorWallNs;
        eventsSinceCheck = 0;
        sim.setPacer(pacer);
        sim.setBreakpointsEnabled(debug);
        PauseReason reason;
        try {
            reason = sim.resume();
        } catch (EventHandlingException e) {
            playing = false;
            failed(e);
            return;
        } catch (PendingBuffer.RecordingAborted e) {
            playing = false;
            return;
        } finally {
            sim.setPacer(null);
            sim.setBreakpointsEnabled(true);
        }
        if (reason.kind() == PauseReason.Kind.PAUSE_REQUESTED) {
            return; // a command is waiting; the play goes on after it unless it stops the play
        }
        playing = false;
        lastReason = reason;
        Map<String, Object> hit = reason.kind() == PauseReason.Kind.BREAKPOINT ? breakpointView(reason.breakpointId()) : null;
        settle();
        if (reason.kind() == PauseReason.Kind.COMPLETE) {
            listeners.forEach(l -> l.onComplete(state));
        } else if (hit != null) {
            listeners.forEach(l -> l.onBreakpointHit(hit, state));
        }
    }

    /** Runs before every event of a play: paces it against the wall clock, publishes updates, and serves waiting commands. */
    private void beforeEvent(long eventTimeNs) {
        if (speed == 0 && ++eventsSinceCheck < CHECK_EVERY_EVENTS) {
            return;
        }
        eventsSinceCheck = 0;
        if (serveCommandsBetweenEvents()) {
            return;
        }
        long now = System.nanoTime();
        if (speed > 0) {
            long due = anchorWallNs + (long) ((eventTimeNs - anchorSimNs) / speed);
            while (now < due) {
                sleepNanos(Math.min(due - now, UPDATE_INTERVAL_NS));
                now = System.nanoTime();
                if (serveCommandsBetweenEvents()) {
                    return;
                }
                publishIfDue(now);
            }
        }
        publishIfDue(now);
    }

    /** Runs waiting commands that can run between two events; asks the loop to stop for one that cannot. */
    private boolean serveCommandsBetweenEvents() {
        Command<?> next;
        while ((next = commands.peek()) != null) {
            if (next.stopsPlay() || closed) {
                bridge.simulation().requestPause();
                return true;
            }
            commands.poll();
            next.execute();
        }
        return false;
    }

    private void publishIfDue(long now) {
        if (now - lastPublishNs >= UPDATE_INTERVAL_NS) {
            lastPublishNs = now;
            bridge.trimInMemory();
            publish();
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Run {
        PauseReason on(Simulation simulation);
    }

    /** A step or run-to: runs it, waits until its rows are stored, publishes, and answers what it produced. */
    private StepResult control(Run run) {
        requireNotComplete();
        playing = false;
        leavePreviousRun();
        SimulationBridge current = bridge;
        long eventMark = current.eventTail().lastId();
        long logMark = current.logTail().lastId();
        long edgeMark = current.runtimeEdges().lastId();
        try {
            lastReason = run.on(current.simulation());
        } catch (EventHandlingException e) {
            failed(e);
            throw new ControlException(e.getMessage());
        }
        settle();
        if (lastReason.kind() == PauseReason.Kind.COMPLETE) {
            listeners.forEach(l -> l.onComplete(state));
        }
        LiveSlice slice = slice(eventMark, logMark, edgeMark);
        return new StepResult(state, slice.events(), slice.edges(), slice.logs(), edgeStats(), slice.droppedEvents(), slice.droppedLogs());
    }

    /** After a run stopped: stores what it recorded, trims memory, refreshes breakpoints and publishes. */
    private void settle() {
        drainAndWait();
        bridge.trimInMemory();
        refreshBreakpoints();
        publish();
    }

    private void failed(EventHandlingException e) {
        lastReason = PauseReason.PAUSE_REQUESTED;
        settle();
        listeners.forEach(l -> l.onError(e.getMessage()));
    }

    private void requireNotComplete() {
        if (bridge.simulation().isComplete()) {
            throw new ControlException("the simulation is complete; reset it to run again");
        }
    }

    private void load(Scenario next) {
        SimulationBridge previous = bridge;
        if (previous != null) {
            previous.close();
        }
        ScenarioModel model = next.build();
        SimulationBridge fresh = new SimulationBridge(model, pending, config.bridge());
        model.simulation().prime();
        scenario = next;
        startAfresh(fresh);
        LOG.info(() -> "Loaded scenario '" + next.id() + "'");
    }

    /**
     * The store and every buffer emptied, ids back to 1, clients told: the view of a run that has not
     * started. What is pending is discarded rather than flushed: it would be deleted at once, and the
     * new run's first rows (the reset's own log lines) may already be among it with ids that start over.
     */
    private void startAfresh(SimulationBridge fresh) {
        if (previousRun && bridge == null) {
            LOG.fine("start-up on a kept history: this session's first rows wait until it records something");
        } else {
            onDrainThread(() -> drainer.discardAndRun(() -> {
                store.clear();
                fresh.clearRecording();
                pending.reset();
            }), 60);
            leavePreviousRun();
        }
        prepareChartBuckets(fresh);
        bridge = fresh;
        lastReason = null;
        refreshBreakpoints();
        publish();
        listeners.forEach(l -> l.onReset(state));
    }

    /** The first thing this session records replaces a previous run's history: the store is emptied, what is pending is kept. */
    private void leavePreviousRun() {
        if (previousRun) {
            onDrainThread(() -> drainer.exclusive(store::clear), 60);
            previousRun = false;
            drainer.hold(false);
            prepareChartBuckets(bridge);
        }
    }

    /** Bucketed charts are maintained by the store as samples arrive, so their first large query is already fast. */
    private void prepareChartBuckets(SimulationBridge target) {
        for (Chart chart : target.model().charts()) {
            if (chart.transform() != ChartTransform.RAW) {
                store.prepareBuckets(chart.seriesName(), Transform.parse(chart.transform().wireName()), chart.windowSeconds());
            }
        }
    }

    private void refreshBreakpoints() {
        List<Map<String, Object>> views = new ArrayList<>();
        bridge.simulation().breakpoints().forEach((id, breakpoint) -> views.add(BreakpointRequest.view(id, breakpoint)));
        breakpointViews = List.copyOf(views);
    }

    private Map<String, Object> breakpointView(String id) {
        return breakpointViews.stream().filter(v -> id.equals(v.get("id"))).findFirst()
                .orElseGet(() -> Map.of("id", id));
    }

    /** Builds and publishes a snapshot of the simulation. Simulation thread only. */
    private void publish() {
        SimulationBridge current = bridge;
        Simulation sim = current.simulation();
        boolean paused = !playing && sim.isPaused();
        List<SimState.UpcomingEvent> upcoming = new ArrayList<>();
        if (paused) {
            for (Event event : sim.peek(UPCOMING_EVENTS)) {
                upcoming.add(new SimState.UpcomingEvent(event.timeNanos() / 1e9, event.type(), event.target().name(),
                        Long.toString(event.sequence()), event.isDaemon()));
            }
        }
        PauseReason reason = playing ? null : lastReason;
        SimState.PauseInfo pauseInfo = reason == null ? null
                : new SimState.PauseInfo(reason.kind().name().toLowerCase(Locale.ROOT), reason.breakpointId());
        Instant end = sim.endTime();
        SimState snapshot = new SimState(sim.nowNanos() / 1e9, sim.eventsProcessed(), sim.heapSize(), paused,
                sim.isRunning(), sim.isComplete(), current.entityStates(), List.copyOf(upcoming),
                end.isInfinite() ? null : end.toSeconds(), current.model().timeUnit(), pauseInfo, scenario.id(), playing);
        state = snapshot;
        listeners.forEach(l -> l.onUpdate(snapshot));
    }

    /** Runs {@code action} on the simulation thread and waits for its answer (or runs it now when already there). */
    private <T> T call(boolean stopsPlay, Supplier<T> action) {
        if (Thread.currentThread() == simulationThread) {
            return action.get();
        }
        if (closed) {
            throw new ControlException("the session is shutting down");
        }
        Command<T> command = new Command<>(stopsPlay, action, new CompletableFuture<>());
        commands.add(command);
        try {
            return command.result().get(config.commandTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlException("interrupted while waiting for the simulation");
        } catch (TimeoutException e) {
            throw new ControlException("the simulation did not take the command within " + config.commandTimeoutMs() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops playing, writes everything recorded to the store, stops the simulation thread and the recording. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending.abort();
        simulationThread.interrupt();
        try {
            simulationThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
        SimulationBridge current = bridge;
        if (current != null) {
            current.close();
        }
        commands.forEach(c -> c.result().completeExceptionally(new ControlException("the session is shutting down")));
    }
}
