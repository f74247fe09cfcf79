package io.happysim.components.network;

import io.happysim.core.Entity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The links of a model between its entities, made and partitioned in one place: {@link #link}
 * and {@link #bidirectional} build {@link Link}s (hand {@link #links()} to the simulation),
 * {@link #path} is what a caller sends to, {@link #partition} cuts groups of nodes apart.
 *
 * <p>A plain object, not an entity: it handles no events — the links do — and as a node it would
 * sit between every pair and hide the real paths in the graph. Its state lives in the links, so a
 * reset of the simulation (which heals the links) leaves no stale partition behind. There is no
 * multi-hop routing: a path is one link, as in the reference.
 */
public final class Network {
    private final String name;
    private final LinkProfile defaultProfile;
    private final List<Link> links = new ArrayList<>();
    private final List<Partition> partitions = new ArrayList<>();

    /** A network whose links have {@code defaultProfile} unless told otherwise. */
    public Network(String name, LinkProfile defaultProfile) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a network needs a name");
        }
        if (defaultProfile == null) {
            throw new IllegalArgumentException("a network needs a default link profile");
        }
        this.name = name;
        this.defaultProfile = defaultProfile;
    }

    /** A link carrying requests from {@code a} to {@code b} (and their replies back), with the default profile. */
    public Link link(Entity a, Entity b) {
        return link(a, b, defaultProfile);
    }

    public Link link(Entity a, Entity b, LinkProfile profile) {
        return add(Link.between(a, b).profile(profile));
    }

    /** A link on which either end may send requests to the other, with the default profile. */
    public Link bidirectional(Entity a, Entity b) {
        return bidirectional(a, b, defaultProfile);
    }

    public Link bidirectional(Entity a, Entity b, LinkProfile profile) {
        return add(Link.between(a, b).profile(profile).twoWay());
    }

    private Link add(Link.Builder builder) {
        Link link = builder.build();
        if (between(link.a(), link.b()).isPresent()) {
            throw new IllegalArgumentException("'" + link.a().name() + "' and '" + link.b().name()
                    + "' are already linked; one link carries both directions (use bidirectional for requests both ways)");
        }
        links.add(link);
        return link;
    }

    /** What {@code from} sends to so that a request reaches {@code to}: the link between them. */
    public Link path(Entity from, Entity to) {
        Link link = between(from, to).orElseThrow(() -> new IllegalArgumentException(
                "no link from '" + from.name() + "' to '" + to.name() + "' in network '" + name + "'"));
        if (link.a() != from && !link.isTwoWay()) {
            throw new IllegalArgumentException("link '" + link.name() + "' carries requests from '" + link.a().name()
                    + "' only; make it bidirectional for requests from '" + from.name() + "'");
        }
        return link;
    }

    /** The link between {@code x} and {@code y}, either way round. */
    public Optional<Link> between(Entity x, Entity y) {
        return links.stream().filter(link -> link.connects(x, y)).findFirst();
    }

    /** Every link, in the order made: add them to the simulation's entities. */
    public List<Link> links() {
        return List.copyOf(links);
    }

    /**
     * Cuts every link between a member of {@code groupA} and a member of {@code groupB}, both
     * ways: messages on those links are lost, now and until the returned partition heals.
     */
    public Partition partition(Collection<? extends Entity> groupA, Collection<? extends Entity> groupB) {
        return partition(groupA, groupB, false);
    }

    /** Cuts only the messages from {@code groupA} to {@code groupB}; the other way still flows. */
    public Partition partitionOneWay(Collection<? extends Entity> groupA, Collection<? extends Entity> groupB) {
        return partition(groupA, groupB, true);
    }

    private Partition partition(Collection<? extends Entity> groupA, Collection<? extends Entity> groupB, boolean oneWay) {
        for (Entity member : groupA) {
            if (groupB.contains(member)) {
                throw new IllegalArgumentException("'" + member.name() + "' is on both sides of the partition");
            }
        }
        List<LinkDirection> cuts = new ArrayList<>();
        for (Link link : links) {
            for (Entity x : groupA) {
                for (Entity y : groupB) {
                    if (link.connects(x, y)) {
                        cuts.add(link.from(x));
                        if (!oneWay) {
                            cuts.add(link.from(y));
                        }
                    }
                }
            }
        }
        if (cuts.isEmpty()) {
            throw new IllegalArgumentException("no link joins " + names(groupA) + " and " + names(groupB) + ": nothing to partition");
        }
        String description = names(groupA) + (oneWay ? " -> " : " | ") + names(groupB);
        Partition partition = new Partition(name, description, cuts);
        partitions.add(partition);
        return partition;
    }

    private static String names(Collection<? extends Entity> group) {
        return group.stream().map(Entity::name).collect(Collectors.joining(", ", "{", "}"));
    }

    /** Whether messages from {@code from} to {@code to} are cut off now (by a partition or by hand); false if no link joins them. */
    public boolean isPartitioned(Entity from, Entity to) {
        return between(from, to).map(link -> link.from(from).isCut()).orElse(false);
    }

    /** Heals every partition this network made (cuts by hand stay). */
    public void healAll() {
        partitions.forEach(Partition::heal);
        partitions.clear();
    }

    /** What went each way on each link, A→B then B→A per link, in the order the links were made. */
    public List<Traffic> trafficMatrix() {
        List<Traffic> rows = new ArrayList<>();
        for (Link link : links) {
            for (LinkDirection way : link.directions()) {
                rows.add(new Traffic(way.from().name(), way.to().name(), way.sent(), way.delivered(), way.dropped(),
                        way.droppedByCut(), way.bytes()));
            }
        }
        return rows;
    }

    /** One row of the traffic matrix: messages sent, delivered, lost to loss, lost to a cut, and bytes delivered. */
    public record Traffic(String from, String to, long sent, long delivered, long dropped, long droppedPartition, long bytes) {
    }

    public String name() {
        return name;
    }

    public LinkProfile defaultProfile() {
        return defaultProfile;
    }
}
