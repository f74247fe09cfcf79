package io.happysim.visual.session;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.PauseReason;
import io.happysim.core.Simulation;
import io.happysim.visual.bridge.EdgeStats;
import io.happysim.visual.bridge.LiveTail;
import io.happysim.visual.bridge.SimulationBridge;
import io.happysim.visual.bridge.Topology;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the API reads of the session without waiting for the simulation: the last published {@link SimState} and
 * breakpoint list (immutable snapshots built on the simulation thread), the live tails after a client's cursors, the
 * edge statistics, and pages of a group's members.
 *
 * <p>Threads: {@code state} and {@code breakpointViews} are written on the simulation thread only and read by any
 * (volatile, immutable values).
 */
final class ReadModels {
    /** Pending events shown while paused. */
    static final int UPCOMING_EVENTS = 10;

    private volatile SimState state;
    /** How many snapshots were published (simulation thread only): the next one's {@code seq} is one more. */
    private long published;
    private volatile List<Map<String, Object>> breakpointViews = List.of();

    SimState state() {
        return state;
    }

    List<Map<String, Object>> breakpoints() {
        return breakpointViews;
    }

    /** Rebuilds the breakpoint list from the simulation; true when it changed. Simulation thread only. */
    boolean refreshBreakpoints(Simulation sim) {
        List<Map<String, Object>> views = new ArrayList<>();
        sim.breakpoints().forEach((id, breakpoint) -> views.add(BreakpointRequest.view(id, breakpoint)));
        List<Map<String, Object>> fresh = List.copyOf(views);
        boolean changed = !fresh.equals(breakpointViews);
        breakpointViews = fresh;
        return changed;
    }

    /** How a breakpoint shows on the wire (just its id when it is gone, e.g. a one-shot that fired). */
    Map<String, Object> breakpointView(String id) {
        return breakpointViews.stream().filter(v -> id.equals(v.get("id"))).findFirst()
                .orElseGet(() -> Map.of("id", id));
    }

    /** Builds and publishes a snapshot of the simulation. Simulation thread only. */
    SimState publish(SimulationBridge current, RunSpec spec, long runId, boolean playing, PauseReason lastReason, SimState.Progress progress) {
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
        List<SimState.FaultInfo> faults = sim.activeFaults().stream()
                .map(f -> new SimState.FaultInfo(f.id(), f.kind(), f.targets(), f.startNanos() / 1e9,
                        f.endNanos() == Instant.INFINITE_NANOS ? null : f.endNanos() / 1e9, f.description()))
                .toList();
        SimState snapshot = new SimState(sim.nowNanos() / 1e9, sim.eventsProcessed(), sim.heapSize(), paused,
                sim.isRunning(), sim.isComplete(), current.entityStates(), List.copyOf(upcoming),
                end.isInfinite() ? null : end.toSeconds(), current.model().timeUnit(), pauseInfo, spec.scenario().id(), playing, faults,
                spec.seed(), spec.values().asMap(), spec.values().changed(), runId, playing ? progress : null, ++published);
        state = snapshot;
        return snapshot;
    }

    /** The newest events, log lines and runtime edges after a client's cursors (at most {@code limit} events and lines). */
    static DebugSession.LiveSlice slice(SimulationBridge current, long afterEventId, long afterLogId, long afterEdgeId, int limit) {
        LiveTail.Slice<RecordedEvent> events = current.eventTail().since(afterEventId, limit);
        LiveTail.Slice<RecordedLog> logs = current.logTail().since(afterLogId, limit);
        LiveTail.Slice<Topology.Edge> edges = current.runtimeEdges().since(afterEdgeId, Integer.MAX_VALUE);
        return new DebugSession.LiveSlice(events.items(), events.dropped(), events.lastId(), logs.items(), logs.dropped(), logs.lastId(),
                edges.items(), edges.lastId());
    }

    /** The edge statistics as of the published state's time. */
    Map<String, EdgeStats.Edge> edgeStats(SimulationBridge current) {
        SimState now = state;
        return current.edgeStats().snapshot(now == null ? 0 : now.timeS());
    }

    /** A member of a folded group as the members table shows it: its name and its metrics (now, or at a run's end). */
    record Member(String name, Map<String, Object> state) {
    }

    /** The live run's members of a group, with their metrics now; null for an unknown group. Simulation thread only. */
    static List<Member> liveMembers(Topology topology, String groupId) {
        List<Entity> members = topology.groupMembers(groupId);
        return members == null ? null : members.stream().map(m -> new Member(m.name(), m.metrics())).toList();
    }

    /**
     * A page of a group's members, optionally filtered by a case-insensitive substring of their names and sorted by one
     * of their metrics ({@code sortMetric} null: in the group's order): numbers by value, members without a number for
     * it last, ties by name. {@code node} is the group's node as the wire shows it (its type and category).
     */
    static Map<String, Object> groupMembers(String groupId, Map<String, Object> node, List<Member> members, int offset, int limit,
                                            String search, String sortMetric, boolean descending) {
        String needle = search == null ? null : search.toLowerCase(Locale.ROOT);
        List<Member> matching = needle == null ? members
                : members.stream().filter(m -> m.name().toLowerCase(Locale.ROOT).contains(needle)).toList();
        List<Map<String, Object>> states = new ArrayList<>(matching.size());
        for (Member member : matching) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", member.name());
            row.put("state", member.state());
            states.add(row);
        }
        if (sortMetric != null) {
            states.sort(bySortMetric(sortMetric, descending));
        }
        List<Map<String, Object>> page = new ArrayList<>(states.subList(Math.min(offset, states.size()), Math.min(offset + limit, states.size())));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("group_id", groupId);
        answer.put("members", page);
        answer.put("total", matching.size());
        answer.put("offset", offset);
        answer.put("type", node.get("type"));
        answer.put("category", node.get("category"));
        if (sortMetric != null) {
            answer.put("sort", sortMetric);
            answer.put("order", descending ? "desc" : "asc");
        }
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Comparator<Map<String, Object>> bySortMetric(String metric, boolean descending) {
        return (a, b) -> {
            Double x = SimulationBridge.numeric(((Map<String, Object>) a.get("state")).get(metric));
            Double y = SimulationBridge.numeric(((Map<String, Object>) b.get("state")).get(metric));
            if (x == null || y == null) {
                return x == null && y == null ? byName(a, b) : x == null ? 1 : -1;
            }
            int c = descending ? Double.compare(y, x) : Double.compare(x, y);
            return c != 0 ? c : byName(a, b);
        };
    }

    private static int byName(Map<String, Object> a, Map<String, Object> b) {
        return ((String) a.get("name")).compareTo((String) b.get("name"));
    }
}
