package io.happysim.visual.session;

import io.happysim.instrumentation.Probe;
import io.happysim.scenarios.Chart;
import io.happysim.scenarios.InvalidParameterException;
import io.happysim.scenarios.ParameterValues;
import io.happysim.scenarios.Scenario;
import io.happysim.scenarios.ScenarioCatalog;
import io.happysim.scenarios.ScenarioModel;
import io.happysim.scenarios.Scenarios;
import io.happysim.visual.bridge.EdgeStats;
import io.happysim.visual.bridge.PendingBuffer;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.bridge.Topology;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.Retention;
import io.happysim.visual.store.StoredRuns;
import io.happysim.visual.store.RecordedLog;
import io.happysim.visual.store.SeriesData;
import io.happysim.visual.store.Transform;
import io.happysim.visual.store.VisualStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The one debugging session of a server: the loaded scenario, the thread that runs it, the recording of everything it
 * does, and the commands clients send it. This class is its face; the parts are the simulation thread's mailbox
 * ({@link CommandLoop}), the commands as that thread carries them out ({@link RunControl}), play pacing
 * ({@link PlayPacer}), the history's life in the store ({@link HistoryLifecycle}) and what the API reads
 * ({@link ReadModels}, {@link ChartReads}).
 *
 * <p>The simulation is touched by its own thread only. Other threads submit commands and wait for them; state is
 * published as immutable {@link SimState} snapshots, so reads never wait for the simulation, and history reads go to
 * the store. Plain Java: the Jakarta layer supplies the threads and schedules {@link #drain()}.
 *
 * <p>Threads: this class holds no mutable state of its own (listeners may be added from any thread); see each part
 * for the owner of its fields.
 */
public final class DebugSession implements AutoCloseable {
    /** At most this many new events (and log lines) travel with one update; the rest are counted as dropped. */
    public static final int LIVE_TAIL_LIMIT = 500;
    /** How long a REST run-to waits for its run at the most (a pause from any client ends it sooner). */
    private static final long RUN_TO_WAIT_HOURS = 24;
    private static final Logger LOG = Logger.getLogger(DebugSession.class.getName());

    /**
     * @param pendingCapacity rows recorded but not yet stored before the simulation waits for the drainer
     * @param commandTimeoutMs how long a caller waits for the simulation thread to take its command
     * @param keepStoredHistory the runs already in the history file at start-up (earlier server sessions on a kept
     *                          database) stay; false: a scratch file, its runs are deleted
     * @param retention       how many runs (and bytes of runs) the file keeps
     */
    public record Config(String defaultScenario, int pendingCapacity, SimulationBridge.Config bridge, long commandTimeoutMs,
                         boolean keepStoredHistory, Retention retention) {
        public static Config defaults() {
            return new Config("bursty-mm1", 200_000, SimulationBridge.Config.defaults(), 60_000, false, Retention.keepAll());
        }

        public Config withScenario(String scenario) {
            return new Config(scenario, pendingCapacity, bridge, commandTimeoutMs, keepStoredHistory, retention);
        }

        public Config withRecording(SimulationBridge.Config recording) {
            return new Config(defaultScenario, pendingCapacity, recording, commandTimeoutMs, keepStoredHistory, retention);
        }

        public Config withKeepStoredHistory(boolean keep) {
            return new Config(defaultScenario, pendingCapacity, bridge, commandTimeoutMs, keep, retention);
        }

        public Config withRetention(Retention keep) {
            return new Config(defaultScenario, pendingCapacity, bridge, commandTimeoutMs, keepStoredHistory, keep);
        }
    }

    /** How many rows the recording has produced since the run started: what the store must hold once drained. */
    public record Recorded(long events, long logs, long samples) {
    }

    /** The newest records after a client's cursors, for one live update. */
    public record LiveSlice(List<RecordedEvent> events, long droppedEvents, long lastEventId, List<RecordedLog> logs,
                            long droppedLogs, long lastLogId, List<Topology.Edge> edges, long lastEdgeId) {
    }

    private final StoredRuns stored;
    private final Runs runs;
    private final ScenarioCatalog catalog;
    private final Config config;
    private final CommandLoop loop;
    private final PendingBuffer pending;
    private final HistoryLifecycle history;
    private final ReadModels reads = new ReadModels();
    private final RunControl control;
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param stored        the runs of the history file: every load or reset records a new one
     * @param threads       makes the simulation thread (the container's managed thread factory)
     * @param drainExecutor runs drains asked for between the scheduled ones (when the buffer fills, after a step), and
     *                      the finishing of ended runs
     */
    public DebugSession(StoredRuns stored, ThreadFactory threads, Executor drainExecutor, Config config, ScenarioCatalog catalog) {
        this.stored = stored;
        this.catalog = catalog;
        this.config = config;
        this.loop = new CommandLoop(threads, config.commandTimeoutMs());
        PlayPacer pacer = new PlayPacer(loop, this::publishUpdate);
        this.pending = new PendingBuffer(config.pendingCapacity(), loop.thread());
        this.history = new HistoryLifecycle(stored, config.retention(), pending, drainExecutor, this::bridge);
        this.control = new RunControl(pacer, pending, history, reads, config.bridge(), listeners);
        this.runs = new Runs(stored, reads::state, this::recorded);
    }

    private void publishUpdate() {
        control.publishUpdate();
    }

    private SimulationBridge bridge() {
        return control.bridge();
    }

    /** Loads the default scenario, primed and paused at its start, and starts the simulation thread. */
    public void start() {
        Scenario initial = catalog.find(config.defaultScenario()).orElseGet(() -> {
            LOG.warning(() -> "default scenario '" + config.defaultScenario() + "' is unknown; loading " + Scenarios.defaultScenario().id());
            return Scenarios.defaultScenario();
        });
        history.open(config.keepStoredHistory());
        loop.start(control);
        loop.call(true, () -> {
            control.load(RunSpec.defaults(initial));
            return null;
        });
    }

    public void addListener(SessionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    public Recorded recorded() {
        SimulationBridge current = bridge();
        return new Recorded(current.eventsRecorded(), current.logsRecorded(), current.samplesRecorded());
    }

    // ---------------------------------------------------------------------------------------------
    // Reads that never wait for the simulation

    public SimState state() {
        return reads.state();
    }

    public ScenarioModel model() {
        return bridge().model();
    }

    public Topology topology() {
        return bridge().topology();
    }

    public Scenario scenario() {
        return control.scenario();
    }

    public List<Map<String, Object>> breakpoints() {
        return reads.breakpoints();
    }

    /** The current run's history store. */
    public VisualStore store() {
        return history.store();
    }

    /** Every run the history file keeps, the current one among them. */
    public Runs runs() {
        return runs;
    }

    public Drainer.Status drainStatus() {
        return history.status();
    }

    /** Rows recorded but not yet in the store (including a failed batch waiting for its retry). */
    public long pendingRows() {
        return history.pendingRows();
    }

    /** Runs the history file held from earlier server sessions when this session started (a kept database). */
    public int previousRuns() {
        return history.previousRuns();
    }

    /** How often the simulation waited for the drainer, and for how long in all: "12 waits, 3.4 s". */
    public String backpressure() {
        return history.backpressure();
    }

    public long inMemorySamples() {
        return bridge().inMemorySamples();
    }

    public long pendingEvents() {
        return history.pendingEvents();
    }

    /** The newest events, log lines and runtime edges after a client's cursors (at most {@link #LIVE_TAIL_LIMIT} of each). */
    public LiveSlice slice(long afterEventId, long afterLogId, long afterEdgeId) {
        return ReadModels.slice(bridge(), afterEventId, afterLogId, afterEdgeId, LIVE_TAIL_LIMIT);
    }

    public Map<String, EdgeStats.Edge> edgeStats() {
        return reads.edgeStats(bridge());
    }

    /** The probes of the loaded model. */
    public List<Probe> probes() {
        return model().simulation().probes().stream().filter(Probe.class::isInstance).map(Probe.class::cast).toList();
    }

    /**
     * A probe's points from the store: its samples ({@code transform} null), or their buckets over {@code windowS}
     * (null: 1 s) as a chart's are. An unknown probe answers an empty series.
     */
    public ProbeData probeData(String probeName, Transform transform, Double windowS, SeriesRange range) {
        Optional<Probe> probe = probes().stream().filter(p -> p.name().equals(probeName)).findFirst();
        return new ChartReads(store()).probe(probe, probeName, transform, windowS, range);
    }

    /** A chart of the loaded model and its points from the store (with its transform applied); empty for an unknown id. */
    public Optional<ChartData> chartData(String chartId, SeriesRange range) {
        Optional<Chart> chart = model().charts().stream().filter(c -> c.chartId().equals(chartId)).findFirst();
        ChartReads charts = new ChartReads(store());
        return chart.map(c -> new ChartData(c, charts.chart(c, range)));
    }

    /** Every numeric metric of an entity over the run (metric → points), as recorded every 0.1 s of simulated time. */
    public Map<String, SeriesData> entityHistory(String entity, Integer maxPoints) {
        if (!state().entities().containsKey(entity) && !topology().hasNode(entity)) {
            throw new UnknownNameException("no entity '" + entity + "'");
        }
        return new ChartReads(store()).entityHistory(entity, maxPoints);
    }

    /**
     * One recorded metric of an entity (its history, sampled every 0.1 s of simulated time, as the Inspector's
     * sparklines), with the same range, downsampling and transforms as a probe's series.
     */
    public SeriesData entitySeries(String entity, String metric, Transform transform, Double windowS, SeriesRange range) {
        requireEntity(entity);
        return new ChartReads(store()).entitySeries(entity, metric, transform, windowS, range);
    }

    /** Every recorded entity metric: entity name → its metrics' names, in the order they were recorded. */
    public Map<String, List<String>> entityMetrics() {
        return new ChartReads(store()).entityMetrics(model().simulation());
    }

    private void requireEntity(String entity) {
        if (!state().entities().containsKey(entity) && !topology().hasNode(entity) && model().simulation().entity(entity) == null) {
            throw new UnknownNameException("no entity '" + entity + "'");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Control: each runs on the simulation thread (RunControl); the ones that stop a play wait for it to stop

    public StepResult step(long count) {
        if (count < 1) {
            throw new InvalidRequestException("count must be at least 1");
        }
        return loop.call(true, () -> control.control(sim -> sim.step(count)));
    }

    /**
     * Runs to a time and answers what the run did once it ends: at the target, at a user breakpoint, at the end of the
     * run, or when a pause (from any client) stops it — a run-to is a play with a target, so it reports its progress
     * meanwhile ({@link SimState#progress()}).
     */
    public StepResult runTo(double timeS) {
        return awaitRun(new SimState.Target(timeS, null));
    }

    /** As {@link #runTo}, to an event number. */
    public StepResult runToEvent(long eventNumber) {
        return awaitRun(new SimState.Target(null, eventNumber));
    }

    private StepResult awaitRun(SimState.Target target) {
        CompletableFuture<StepResult> answer = new CompletableFuture<>();
        loop.call(true, () -> control.startRunTo(target, answer));
        return Waits.get(answer, RUN_TO_WAIT_HOURS, TimeUnit.HOURS, "interrupted while waiting for the run-to", "the run-to did not end");
    }

    /** Starts a run to a time and answers at once (the WebSocket's {@code run_to}: updates follow its progress). */
    public SimState startRunTo(double timeS) {
        return loop.call(true, () -> control.startRunTo(new SimState.Target(timeS, null), null));
    }

    /** Starts a run to an event number and answers at once. */
    public SimState startRunToEvent(long eventNumber) {
        return loop.call(true, () -> control.startRunTo(new SimState.Target(null, eventNumber), null));
    }

    /**
     * Starts (or re-starts, with a new speed) playing: {@code speed} simulated seconds per wall second,
     * 0 for as fast as the store absorbs. A debug play stops at user breakpoints; a plain play runs through them.
     */
    public SimState play(double speed, boolean debug) {
        if (!Double.isFinite(speed) || speed < 0) {
            throw new InvalidRequestException("speed must be 0 (as fast as possible) or a positive number of simulated seconds per second");
        }
        return loop.call(true, () -> control.play(speed, debug));
    }

    public SimState pause() {
        return loop.call(true, control::pause);
    }

    /**
     * Back to the start of the same scenario as a new run (same seed and values); the ending run is kept with everything
     * it recorded. Breakpoints stay.
     */
    public SimState reset() {
        return loop.call(true, control::reset);
    }

    /** Loads another scenario, with its default seed and values, in place of the current one. */
    public SimState loadScenario(String id) {
        return loadScenario(id, null, Map.of());
    }

    /**
     * Loads a scenario with a seed (null: the default) and parameter values (the rest at their
     * defaults) as a new run: the current run stops and is kept. Values are
     * checked before anything stops: an unknown name, a wrong type or a value out of range is an
     * {@link InvalidParameterException} naming the parameter, and the current run goes on as it was.
     */
    public SimState loadScenario(String id, Long seed, Map<String, ?> params) {
        Scenario next = catalog.find(id).orElseThrow(() -> new UnknownNameException("no scenario '" + id + "'"));
        ParameterValues values = ParameterValues.of(next.parameters(), params);
        RunSpec spec = new RunSpec(next, seed == null ? Scenario.DEFAULT_SEED : seed, values);
        return loop.call(true, () -> control.loadScenario(spec));
    }

    /** The scenario, seed and values of the current run. */
    public RunSpec runSpec() {
        return control.spec();
    }

    /** The scenarios users can pick (built-ins, the class path's, the models folder's). */
    public ScenarioCatalog catalog() {
        return catalog;
    }

    public Map<String, Object> addBreakpoint(BreakpointRequest request) {
        return loop.call(false, () -> control.addBreakpoint(request));
    }

    public void removeBreakpoint(String id) {
        loop.call(false, () -> {
            control.removeBreakpoint(id);
            return null;
        });
    }

    /** Current metrics of any entity by name, internal parts and grouped members included. */
    public Map<String, Object> entityState(String name) {
        return loop.call(false, () -> control.entityState(name));
    }

    /**
     * A page of a group's members, optionally filtered by a case-insensitive substring of their names and sorted by a
     * metric ({@code sortMetric} null: the group's order).
     */
    public Map<String, Object> groupMembers(String groupId, int offset, int limit, String search, String sortMetric, boolean descending) {
        return loop.call(false, () -> {
            Topology topology = bridge().topology();
            List<ReadModels.Member> members = ReadModels.liveMembers(topology, groupId);
            if (members == null) {
                throw new UnknownNameException("no group '" + groupId + "'");
            }
            Topology.Node node = topology.node(groupId);
            return ReadModels.groupMembers(groupId, Map.of("type", node.type(), "category", node.category()), members, offset, limit,
                    search, sortMetric, descending);
        });
    }

    /**
     * Moves everything pending into the store, then copies the simulation's log lines to the server's log (the
     * Jakarta layer schedules this every 500 ms). Never called on the simulation thread.
     */
    public boolean drain() {
        return history.drain();
    }

    /**
     * Stops playing, writes everything recorded to the store, stops the simulation thread and the recording, and
     * finishes the current run (its final state, counts and size in the catalog).
     */
    @Override
    public void close() {
        if (!loop.beginClose()) {
            return;
        }
        pending.abort();
        loop.stopThread();
        control.failWaiter(new ControlException("the session is shutting down"));
        history.drain();
        SimulationBridge current = bridge();
        if (current != null) {
            current.close();
            VisualStore store = history.store();
            if (store != null) {
                history.finish(store, RunViews.finish(current, System.currentTimeMillis()));
            }
        }
        loop.failWaiting();
    }
}
