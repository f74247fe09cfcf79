package io.happysim.components.faults;

import io.happysim.components.network.Link;
import io.happysim.components.network.Network;
import io.happysim.components.server.Server;
import io.happysim.core.ActiveFault;
import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Faults attached to a simulation, each beginning and ending at a given time: node crashes,
 * pauses, slowdowns, error bursts, exhausted capacity, extra latency and packet loss on a link,
 * and network partitions. A fault beginning or ending is an event of this entity
 * ({@code fault_start} / {@code fault_end}, with the fault described in its context) and an INFO
 * log line; while it lasts it is registered with the simulation as an {@link ActiveFault}, which
 * the debugger lists and marks on the graph.
 *
 * <p>Fault events are daemon events: faults alone do not keep an endless run going. At one instant
 * they happen in the order the faults were added. Overlapping faults of one kind on one target
 * combine instead of undoing each other (see {@link LevelFault}); a crashed node restarts only
 * when the last crash covering it ends.
 */
public final class FaultSchedule extends Entity {
    public static final String FAULT_START = "fault_start";
    public static final String FAULT_END = "fault_end";
    private static final Logger LOG = Logger.getLogger(FaultSchedule.class.getName());

    private final List<Fault> faults;
    private final List<Fault> active = new ArrayList<>();
    private long activated;
    private long deactivated;

    private FaultSchedule(String name, List<Fault> faults) {
        super(name);
        this.faults = List.copyOf(faults);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public List<Fault> faults() {
        return faults;
    }

    /** The faults in effect now, in the order they began. */
    public List<Fault> active() {
        return List.copyOf(active);
    }

    @Override
    protected void reset() {
        active.clear();
        activated = 0;
        deactivated = 0;
    }

    @Override
    protected void start() {
        for (int i = 0; i < faults.size(); i++) {
            Fault fault = faults.get(i);
            for (Entity target : fault.targets()) {
                if (target.simulation() != simulation()) {
                    throw new IllegalArgumentException("fault '" + fault.describe() + "' targets " + target.name()
                            + ", which is not part of this simulation");
                }
            }
            Marker marker = new Marker(name() + "#" + (i + 1), fault);
            schedule(new Event(fault.startNanos(), FAULT_START, this, true, context(fault)).withAttachment(marker));
            if (fault.endNanos() != Instant.INFINITE_NANOS) {
                schedule(new Event(fault.endNanos(), FAULT_END, this, true, context(fault)).withAttachment(marker));
            }
        }
    }

    private static Map<String, Object> context(Fault fault) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("fault", fault.describe());
        context.put("kind", fault.kind());
        context.put("targets", fault.targets().stream().map(Entity::name).toList());
        return context;
    }

    /** A scheduled fault and the id it is listed under while active. */
    private record Marker(String id, Fault fault) {
    }

    @Override
    protected void handle(Event event) {
        if (!(event.attachment() instanceof Marker marker)) {
            return;
        }
        Fault fault = marker.fault();
        if (FAULT_START.equals(event.type())) {
            active.add(fault);
            fault.begin(List.copyOf(active));
            activated++;
            simulation().faultBegan(new ActiveFault(marker.id(), fault.kind(), fault.targets().stream().map(Entity::name).toList(),
                    fault.startNanos(), fault.endNanos(), fault.describe()));
            LOG.info(() -> "[" + name() + "] fault began: " + fault.describe());
        } else if (FAULT_END.equals(event.type()) && active.remove(fault)) {
            fault.end(List.copyOf(active));
            deactivated++;
            simulation().faultEnded(marker.id());
            LOG.info(() -> "[" + name() + "] fault ended: " + fault.describe());
        }
    }

    /** {@code active, activated, deactivated, scheduled}, then what is in effect now. */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("active", active.size());
        metrics.put("activated", activated);
        metrics.put("deactivated", deactivated);
        metrics.put("scheduled", faults.size());
        metrics.put("in_effect", active.stream().map(Fault::describe).toList());
        return metrics;
    }

    @Override
    public Category category() {
        return Category.FAULT;
    }

    /** Faults by time, in seconds of simulated time; {@code end} may be {@code Double.POSITIVE_INFINITY} (never ends). */
    public static final class Builder {
        private final String name;
        private final List<Fault> faults = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** {@code target} crashes at {@code at} and restarts at {@code restartAt}. */
        public Builder crash(Entity target, double at, double restartAt) {
            return add(new CrashFault(target, at, restartAt));
        }

        /** {@code target} crashes at {@code at} for good. */
        public Builder crash(Entity target, double at) {
            return add(new CrashFault(target, at, Double.POSITIVE_INFINITY));
        }

        /** A stop-the-world pause of {@code target} from {@code start} to {@code end}. */
        public Builder pause(Entity target, double start, double end) {
            return add(new PauseFault(target, start, end));
        }

        /** {@code server}'s service times × {@code factor} from {@code start} to {@code end}. */
        public Builder slowdown(Server server, double factor, double start, double end) {
            return add(new SlowdownFault(server, factor, start, end));
        }

        /** {@code server} answers with an error with {@code probability} from {@code start} to {@code end}. */
        public Builder errors(Server server, double probability, double start, double end) {
            return add(new ErrorFault(server, probability, start, end));
        }

        /** Only {@code factor} of {@code server}'s concurrency usable from {@code start} to {@code end}. */
        public Builder capacity(Server server, double factor, double start, double end) {
            return add(new CapacityFault(server, factor, start, end));
        }

        /** {@code extraSeconds} more latency on {@code link}, both ways, from {@code start} to {@code end}. */
        public Builder latency(Link link, double extraSeconds, double start, double end) {
            return add(new LatencyFault(link, extraSeconds, start, end));
        }

        /** Extra packet loss with {@code probability} on {@code link}, both ways, from {@code start} to {@code end}. */
        public Builder loss(Link link, double probability, double start, double end) {
            return add(new LossFault(link, probability, start, end));
        }

        /** Every link of {@code network} between the two groups cut, both ways, from {@code start} to {@code end}. */
        public Builder partition(Network network, Collection<? extends Entity> groupA, Collection<? extends Entity> groupB,
                                 double start, double end) {
            return add(new PartitionFault(network, groupA, groupB, false, start, end));
        }

        /** Messages from {@code groupA} to {@code groupB} lost from {@code start} to {@code end}; the other way still flows. */
        public Builder partitionOneWay(Network network, Collection<? extends Entity> groupA, Collection<? extends Entity> groupB,
                                       double start, double end) {
            return add(new PartitionFault(network, groupA, groupB, true, start, end));
        }

        /** Any other fault of your own. */
        public Builder add(Fault fault) {
            if (fault == null) {
                throw new IllegalArgumentException("a fault schedule cannot hold a null fault");
            }
            faults.add(fault);
            return this;
        }

        public FaultSchedule build() {
            return new FaultSchedule(name, faults);
        }
    }
}
