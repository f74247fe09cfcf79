package io.happysim.components.faults;

import io.happysim.components.network.Link;
import io.happysim.components.network.Network;
import io.happysim.components.network.Partition;
import io.happysim.core.Entity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A network partition: every link between one group of nodes and another is cut (both ways, or
 * only from the first group to the second), losing what is on the wire, until the window ends
 * and this partition — only this one — heals. The links are the targets the debugger marks.
 */
final class PartitionFault extends TimedFault {
    private final Network network;
    private final List<Entity> groupA;
    private final List<Entity> groupB;
    private final boolean oneWay;
    private Partition partition;

    PartitionFault(Network network, Collection<? extends Entity> groupA, Collection<? extends Entity> groupB, boolean oneWay,
                   double startSeconds, double endSeconds) {
        super("partition", linksBetween(network, groupA, groupB), startSeconds, endSeconds);
        this.network = network;
        this.groupA = List.copyOf(groupA);
        this.groupB = List.copyOf(groupB);
        this.oneWay = oneWay;
    }

    private static List<Link> linksBetween(Network network, Collection<? extends Entity> groupA, Collection<? extends Entity> groupB) {
        List<Link> links = new ArrayList<>();
        for (Link link : network.links()) {
            boolean joins = groupA.stream().anyMatch(a -> groupB.stream().anyMatch(b -> link.connects(a, b)));
            if (joins) {
                links.add(link);
            }
        }
        if (links.isEmpty()) {
            throw new IllegalArgumentException("partition: no link of " + network.name() + " joins " + names(groupA) + " and " + names(groupB));
        }
        return links;
    }

    private static String names(Collection<? extends Entity> group) {
        return group.stream().map(Entity::name).collect(Collectors.joining(", ", "{", "}"));
    }

    @Override
    public String describe() {
        return "partition " + names(groupA) + (oneWay ? " -> " : " | ") + names(groupB) + until();
    }

    @Override
    public void begin(List<Fault> active) {
        partition = oneWay ? network.partitionOneWay(groupA, groupB) : network.partition(groupA, groupB);
    }

    @Override
    public void end(List<Fault> active) {
        if (partition != null) {
            partition.heal();
            partition = null;
        }
    }
}
