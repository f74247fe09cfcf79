package io.happysim.visual.session;

import io.happysim.visual.bridge.EdgeStats;
import io.happysim.visual.bridge.Topology;
import io.happysim.visual.store.RecordedEvent;
import io.happysim.visual.store.RecordedLog;
import java.util.List;
import java.util.Map;

/**
 * What one control action did: the state after it, the newest events and log lines it produced (at
 * most {@link DebugSession#LIVE_TAIL_LIMIT} of each, with how many were left out — all of them are in
 * the store), edges first seen while it ran, and the edge statistics.
 */
public record StepResult(SimState state, List<RecordedEvent> newEvents, List<Topology.Edge> newEdges,
                         List<RecordedLog> newLogs, Map<String, EdgeStats.Edge> edgeStats, long droppedEvents,
                         long droppedLogs) {
}
