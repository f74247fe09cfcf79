package io.happysim.components.queueing;

import io.happysim.core.Event;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Fair queueing over flows (a tenant, a client, a key: whatever {@code flowId} returns): each flow
 * waits in its own FIFO and the flows take turns, so one flow's burst cannot starve the others.
 * A flow of weight w is served up to w times in a row before the next flow's turn (weighted fair
 * queueing by credits, the reference's WeightedFairQueue); with every weight 1 it is strict round
 * robin (the reference's FairQueue). A flow whose queue empties leaves the rotation and rejoins
 * at the end, with full credits, when its next request comes.
 */
public final class FairQueue implements QueuePolicy {
    private final Function<Event, ?> flowId;
    private final ToIntFunction<Object> weight;
    private final PolicyCounts counts;
    private final int perFlowCapacity;
    private final int maxFlows;
    private final Map<Object, Flow> flows = new HashMap<>();
    private final ArrayDeque<Flow> turns = new ArrayDeque<>();
    private int size;
    private String refusal = "queue full";
    private long rejectedFlowCapacity;
    private long rejectedMaxFlows;
    private long flowsCreated;
    private long flowsRemoved;

    private static final class Flow {
        final Object id;
        final int weight;
        final ArrayDeque<Event> items = new ArrayDeque<>();
        int credits;

        Flow(Object id, int weight) {
            this.id = id;
            this.weight = weight;
            this.credits = weight;
        }
    }

    private FairQueue(Builder builder) {
        this.flowId = builder.flowId;
        this.weight = builder.weight;
        this.counts = new PolicyCounts(builder.capacity);
        this.perFlowCapacity = builder.perFlowCapacity;
        this.maxFlows = builder.maxFlows;
    }

    public static Builder builder(Function<Event, ?> flowId) {
        return new Builder(flowId);
    }

    /** The flow is the request's context entry under {@code key} (requests without one share a flow). */
    public static Function<Event, Object> byContext(String key) {
        return event -> event.contextView().get(key);
    }

    @Override
    public boolean offer(Event event) {
        if (counts.isFull(size)) {
            refusal = "queue full";
            return false;
        }
        Object id = flowId.apply(event);
        Flow flow = flows.get(id);
        if (flow == null) {
            if (flows.size() >= maxFlows) {
                rejectedMaxFlows++;
                refusal = "too many flows";
                return false;
            }
            flow = new Flow(id, Math.max(1, weight.applyAsInt(id)));
            flows.put(id, flow);
            turns.addLast(flow);
            flowsCreated++;
        } else if (flow.items.size() >= perFlowCapacity) {
            rejectedFlowCapacity++;
            refusal = "flow queue full";
            return false;
        }
        flow.items.addLast(event);
        size++;
        counts.countEnqueued();
        return true;
    }

    @Override
    public Event poll() {
        Flow flow = turns.peekFirst();
        if (flow == null) {
            return null;
        }
        Event next = flow.items.pollFirst();
        size--;
        counts.countDequeued();
        if (flow.items.isEmpty()) {
            turns.pollFirst();
            flows.remove(flow.id);
            flowsRemoved++;
        } else if (--flow.credits == 0) {
            flow.credits = flow.weight;
            turns.addLast(turns.pollFirst());
        }
        return next;
    }

    @Override
    public Event peek() {
        Flow flow = turns.peekFirst();
        return flow == null ? null : flow.items.peekFirst();
    }

    @Override
    public String refusalReason() {
        return refusal;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int capacity() {
        return counts.capacity();
    }

    /** Flows with requests waiting. */
    public int activeFlows() {
        return flows.size();
    }

    @Override
    public void drainTo(Consumer<? super Event> sink) {
        for (Flow flow : turns) {
            flow.items.forEach(sink);
        }
        turns.clear();
        flows.clear();
        size = 0;
    }

    @Override
    public void clear() {
        turns.clear();
        flows.clear();
        size = 0;
        refusal = "queue full";
        counts.clear();
        rejectedFlowCapacity = 0;
        rejectedMaxFlows = 0;
        flowsCreated = 0;
        flowsRemoved = 0;
    }

    /** {@code flows} (active now), then the counters of arrivals, departures and the three kinds of refusal. */
    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("flows", flows.size());
        stats.put("enqueued", counts.enqueued());
        stats.put("dequeued", counts.dequeued());
        stats.put("capacity_rejected", counts.capacityRejected());
        stats.put("rejected_flow_capacity", rejectedFlowCapacity);
        stats.put("rejected_max_flows", rejectedMaxFlows);
        stats.put("flows_created", flowsCreated);
        stats.put("flows_removed", flowsRemoved);
        return stats;
    }

    @Override
    public String toString() {
        return "FairQueue(" + flows.size() + " flows)";
    }

    /** Limits default to none; weights to 1 (strict round robin). */
    public static final class Builder {
        private final Function<Event, ?> flowId;
        private ToIntFunction<Object> weight = flow -> 1;
        private int capacity = Integer.MAX_VALUE;
        private int perFlowCapacity = Integer.MAX_VALUE;
        private int maxFlows = Integer.MAX_VALUE;

        private Builder(Function<Event, ?> flowId) {
            if (flowId == null) {
                throw new IllegalArgumentException("a fair queue needs a flow-id function");
            }
            this.flowId = flowId;
        }

        /** A flow's weight, asked when the flow joins the rotation; below 1 counts as 1, as the reference. */
        public Builder weights(ToIntFunction<Object> weight) {
            if (weight == null) {
                throw new IllegalArgumentException("weights must be a function");
            }
            this.weight = weight;
            return this;
        }

        /** Requests waiting in all flows together. */
        public Builder capacity(int capacity) {
            this.capacity = atLeastOne("capacity", capacity);
            return this;
        }

        public Builder perFlowCapacity(int capacity) {
            this.perFlowCapacity = atLeastOne("per-flow capacity", capacity);
            return this;
        }

        /** Flows waiting at once; a request of a new flow beyond it is refused. */
        public Builder maxFlows(int flows) {
            this.maxFlows = atLeastOne("max flows", flows);
            return this;
        }

        public FairQueue build() {
            return new FairQueue(this);
        }

        private static int atLeastOne(String what, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + value);
            }
            return value;
        }
    }
}
