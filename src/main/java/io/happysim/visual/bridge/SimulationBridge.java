package io.happysim.visual.bridge;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.EventListener;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Data;
import io.happysim.instrumentation.SampleListener;
import io.happysim.instrumentation.SeriesOwner;
import io.happysim.scenarios.Chart;
import io.happysim.scenarios.ScenarioModel;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

/**
 * Records a running simulation for the debugger: every processed event, every log line of the
 * project's loggers and every sample of every {@link Data} it can reach go into the {@link PendingBuffer}
 * (on their way to SQLite) and the newest ones into bounded live tails; entity metrics are sampled
 * every {@value #SNAPSHOT_INTERVAL_NS} ns of simulated time as {@code entity:<name>.<metric>} series.
 *
 * <p>Everything here runs on the simulation thread except the log capture (any thread) and the
 * reads of the tails, edge stats and topology (thread-safe). No disk I/O happens here.
 */
public final class SimulationBridge implements AutoCloseable {
    static final long SNAPSHOT_INTERVAL_NS = 100_000_000L;
    /** What every entity metric series' name starts with. */
    public static final String ENTITY_SERIES_PREFIX = "entity:";
    /**
     * Members of folded groups whose metrics are recorded too, at the most (so a group of 40 servers can be sorted and
     * any member charted; a group of 10,000 would cost 10,000 × its metrics samples every 0.1 s).
     */
    static final int MAX_GROUPED_HISTORY = 256;
    private static final Set<String> INTERNAL_TYPES =
            Set.of("source_event", "SourceEvent", "QUEUE_POLL", "QUEUE_NOTIFY", "QUEUE_DELIVER", "probe_event");

    /**
     * @param tailCapacity        newest events / log lines kept in memory for live views
     * @param maxInMemorySamples  newest samples each Data keeps in memory once recorded; 0 keeps all
     * @param logLevel            the least severe log level recorded
     */
    public record Config(int tailCapacity, int maxInMemorySamples, Level logLevel) {
        public static Config defaults() {
            return new Config(5_000, 0, Level.INFO);
        }
    }

    private final ScenarioModel model;
    private final Simulation simulation;
    private final Topology topology;
    private final PendingBuffer pending;
    private final Config config;
    private final LiveTail<RecordedEvent> eventTail;
    private final LiveTail<RecordedLog> logTail;
    private final LiveTail<Topology.Edge> runtimeEdges = new LiveTail<>(1_000);
    private final EdgeStats edgeStats = new EdgeStats();
    private final Map<Data, String> seriesNames = new IdentityHashMap<>();
    private final Map<Entity, Map<Entity, EdgeStats.Counter>> edgeCounters = new IdentityHashMap<>();
    private final Set<String> runtimeEdgeKeys = new java.util.HashSet<>();
    private final List<Entity> snapshotEntities = new ArrayList<>();
    /** The entities whose metrics are recorded as series: the shown ones and the first grouped members. */
    private final List<Entity> historyEntities = new ArrayList<>();
    private final EventListener eventListener = this::record;
    private final SampleListener sampleListener = this::recordSample;
    private final LogCapture logCapture;
    private final AtomicLong logIds = new AtomicLong();
    private volatile long eventIds;
    private long lastSnapshotNs = Long.MIN_VALUE;
    private volatile long inMemorySamples;
    private volatile long samplesRecorded;

    public SimulationBridge(ScenarioModel model, PendingBuffer pending, Config config) {
        this.model = model;
        this.simulation = model.simulation();
        this.topology = Topology.discover(simulation);
        this.pending = pending;
        this.config = config;
        this.eventTail = new LiveTail<>(config.tailCapacity());
        this.logTail = new LiveTail<>(config.tailCapacity());
        int grouped = 0;
        for (Entity entity : rootEntities()) {
            if (!topology.isGrouped(entity.name())) {
                snapshotEntities.add(entity);
                historyEntities.add(entity);
            } else if (grouped++ < MAX_GROUPED_HISTORY) {
                historyEntities.add(entity);
            }
        }
        collectSeries();
        seriesNames.keySet().forEach(data -> data.addListener(sampleListener));
        simulation.addEventListener(eventListener);
        logCapture = LogCapture.install(config.logLevel(), this::recordLog, pending.simulationThread());
    }

    private List<Entity> rootEntities() {
        List<Entity> roots = new ArrayList<>(simulation.sources());
        roots.addAll(simulation.entities());
        roots.addAll(simulation.probes());
        return roots;
    }

    /** Every Data reachable: each entity's own series (probes, sinks, trackers), then charts' data under the chart's series name. */
    private void collectSeries() {
        for (Entity entity : simulation.allEntities()) {
            if (entity instanceof SeriesOwner owner) {
                owner.series().forEach((name, data) -> seriesNames.putIfAbsent(data, name));
            }
        }
        for (Chart chart : model.charts()) {
            seriesNames.putIfAbsent(chart.data(), chart.seriesName());
        }
    }

    private void record(Event event) {
        long timeNs = event.timeNanos();
        String target = event.target().name();
        Entity producer = event.source();
        String source = producer == null ? null : producer.name();
        String context = event.hasContext() ? ContextJson.of(event.contextView()) : null;
        RecordedEvent recorded = new RecordedEvent(++eventIds, timeNs, event.type(), target, source, isInternal(event.type()), context);
        eventTail.add(recorded);
        if (producer != null) {
            countEdge(producer, event.target(), timeNs);
        }
        pending.addEvent(recorded);
        if (lastSnapshotNs == Long.MIN_VALUE || timeNs - lastSnapshotNs >= SNAPSHOT_INTERVAL_NS) {
            lastSnapshotNs = timeNs;
            snapshotMetrics(timeNs);
        }
    }

    /**
     * Counts the event on the edge between the nodes its producer and its target belong to. The
     * counter is looked up once per (producer, target) pair of entities: this runs for every event.
     */
    private void countEdge(Entity producer, Entity target, long timeNs) {
        Map<Entity, EdgeStats.Counter> byTarget = edgeCounters.computeIfAbsent(producer, p -> new IdentityHashMap<>());
        EdgeStats.Counter counter = byTarget.get(target);
        if (counter == null && !byTarget.containsKey(target)) {
            String from = topology.resolve(producer.name());
            String to = topology.resolve(target.name());
            counter = from.equals(to) ? null : edgeStats.counter(from, to);
            byTarget.put(target, counter);
            if (counter != null && !topology.hasEdge(from, to) && !runtimeEdgeKeys.contains(from + "->" + to)) {
                runtimeEdgeKeys.add(from + "->" + to);
                runtimeEdges.add(new Topology.Edge(from, to, "data"));
            }
        }
        if (counter != null) {
            counter.count(timeNs / 1e9);
        }
    }

    private void snapshotMetrics(long timeNs) {
        for (Entity entity : historyEntities) {
            for (Map.Entry<String, Object> metric : entity.metrics().entrySet()) {
                Double value = numeric(metric.getValue());
                if (value != null) {
                    samplesRecorded++;
                    pending.addSample(entitySeries(entity.name(), metric.getKey()), timeNs, value);
                }
            }
        }
    }

    /** The series an entity metric's history is stored under. */
    public static String entitySeries(String entity, String metric) {
        return ENTITY_SERIES_PREFIX + entity + "." + metric;
    }

    /** A metric value as a number for charts (booleans as 0/1, as the original counted Python bools), else null. */
    public static Double numeric(Object value) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return null;
    }

    private void recordSample(Data data, long timeNs, double value) {
        samplesRecorded++;
        pending.addSample(seriesNames.get(data), timeNs, value);
    }

    private void recordLog(LogCapture.Line line) {
        Long timeNs = simulation.isRunning() || simulation.eventsProcessed() > 0 ? simulation.nowNanos() : null;
        RecordedLog log = new RecordedLog(logIds.incrementAndGet(), timeNs, line.wallTime(), line.level(), line.loggerName(), line.message());
        logTail.add(log);
        pending.addLog(log);
    }

    static boolean isInternal(String type) {
        return INTERNAL_TYPES.contains(type) || type.startsWith("inductor_poll::") || type.startsWith("rate_limit_poll::");
    }

    /** Drops in-memory samples beyond {@code maxInMemorySamples} (they are recorded already). Simulation thread only. */
    public void trimInMemory() {
        int keep = config.maxInMemorySamples();
        long held = 0;
        for (Data data : seriesNames.keySet()) {
            if (keep > 0) {
                data.retainNewest(keep);
            }
            held += data.count();
        }
        inMemorySamples = held;
    }

    /** Samples held in memory by the recorded series, as of the last {@link #trimInMemory()}. */
    public long inMemorySamples() {
        return inMemorySamples;
    }

    /** Passes the simulation thread's log lines on to the server log (the drainer calls it: never the simulation thread). */
    public void forwardServerLog() {
        logCapture.forwardQueued();
    }

    /** Forgets the recorded run (after the simulation was reset and the store cleared): ids restart at 1. */
    public void clearRecording() {
        eventIds = 0;
        samplesRecorded = 0;
        logIds.set(0);
        lastSnapshotNs = Long.MIN_VALUE;
        eventTail.clear();
        logTail.clear();
        runtimeEdges.clear();
        runtimeEdgeKeys.clear();
        edgeCounters.clear();
        edgeStats.clear();
    }

    /** Current metrics of every entity the state shows (grouped members excluded). Simulation thread only. */
    public Map<String, Map<String, Object>> entityStates() {
        Map<String, Map<String, Object>> states = new LinkedHashMap<>();
        for (Entity entity : snapshotEntities) {
            states.put(entity.name(), entity.metrics());
        }
        return states;
    }

    /** Series names of every Data the bridge records, in discovery order. */
    public List<String> recordedSeries() {
        return List.copyOf(new java.util.LinkedHashSet<>(seriesNames.values()));
    }

    public long eventsRecorded() {
        return eventIds;
    }

    public long logsRecorded() {
        return logIds.get();
    }

    /** Samples recorded since the run started (series data and entity metric snapshots). */
    public long samplesRecorded() {
        return samplesRecorded;
    }

    public ScenarioModel model() {
        return model;
    }

    public Simulation simulation() {
        return simulation;
    }

    public Topology topology() {
        return topology;
    }

    public LiveTail<RecordedEvent> eventTail() {
        return eventTail;
    }

    public LiveTail<RecordedLog> logTail() {
        return logTail;
    }

    public LiveTail<Topology.Edge> runtimeEdges() {
        return runtimeEdges;
    }

    public EdgeStats edgeStats() {
        return edgeStats;
    }

    public PendingBuffer pending() {
        return pending;
    }

    /** Stops recording: listeners and the log capture are removed; what is pending stays for the drainer. */
    @Override
    public void close() {
        simulation.removeEventListener(eventListener);
        seriesNames.keySet().forEach(data -> data.removeListener(sampleListener));
        logCapture.close();
    }
}
