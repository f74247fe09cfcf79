package io.happysim.visual.bridge;

import io.happysim.core.ArrivalRate;
import io.happysim.core.Entity;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Measurement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph the debugger draws: one node per component, data edges from each component to its
 * {@code downstream()}, probe edges from each probe to what it measures, and types with more than
 * {@value #GROUP_THRESHOLD} members folded into one group node (a 500-node cluster is unreadable).
 * Immutable once discovered.
 */
public final class Topology {
    static final int GROUP_THRESHOLD = 20;
    static final int PROFILE_POINTS = 200;
    /** How far a load profile is sampled when the run has no end. */
    static final double ENDLESS_PROFILE_S = 60.0;
    /** A group node lists at most this many member ids; the rest are paged through group_members. */
    static final int LISTED_MEMBERS = 50;

    /** A load profile sampled for the inspector: rate (per second) against time (seconds). */
    public record Profile(double[] times, double[] values) {
    }

    /** One node; the group fields are null for ordinary nodes (the wire omits them). */
    public record Node(String id, String type, String category, Profile profile, Boolean isGroup, Integer memberCount,
                       List<String> memberIds) {
    }

    public record Edge(String source, String target, String kind) {
    }

    private final List<Node> nodes;
    private final List<Edge> edges;
    private final Map<String, List<Entity>> groupMembers;
    private final Map<String, String> groupOf;
    private final Set<String> nodeIds;
    private final Map<String, String> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    private Topology(List<Node> nodes, List<Edge> edges, Map<String, List<Entity>> groupMembers, Map<String, String> groupOf) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.groupMembers = groupMembers;
        this.groupOf = groupOf;
        this.nodeIds = new LinkedHashSet<>();
        this.nodes.forEach(n -> nodeIds.add(n.id()));
    }

    /** Discovers the graph of a simulation's sources, entities and probes (their internal parts are not nodes). */
    public static Topology discover(Simulation simulation) {
        double endS = simulation.endTime().isInfinite() ? ENDLESS_PROFILE_S : simulation.endTime().toSeconds();
        Map<String, Entity> byName = new LinkedHashMap<>();
        Map<String, Boolean> profiled = new HashMap<>();
        List<Edge> edges = new ArrayList<>();
        List<Entity> roots = new ArrayList<>();
        roots.addAll(simulation.sources());
        roots.addAll(simulation.entities());
        roots.addAll(simulation.probes());
        for (Entity entity : roots) {
            byName.putIfAbsent(entity.name(), entity);
            profiled.put(entity.name(), true);
            if (entity instanceof Measurement) {
                continue;
            }
            for (Entity downstream : entity.downstream()) {
                byName.putIfAbsent(downstream.name(), downstream);
                addEdge(edges, new Edge(entity.name(), downstream.name(), "data"));
            }
        }
        for (Entity entity : roots) {
            if (entity instanceof Measurement probe) {
                byName.putIfAbsent(probe.target().name(), probe.target());
                addEdge(edges, new Edge(entity.name(), probe.target().name(), "probe"));
            }
        }

        Map<String, List<Entity>> byType = new LinkedHashMap<>();
        byName.values().forEach(e -> byType.computeIfAbsent(typeOf(e), t -> new ArrayList<>()).add(e));
        Map<String, List<Entity>> groups = new LinkedHashMap<>();
        Map<String, String> groupOf = new HashMap<>();
        byType.forEach((type, members) -> {
            if (members.size() > GROUP_THRESHOLD) {
                String groupId = "group:" + type;
                groups.put(groupId, List.copyOf(members));
                members.forEach(m -> groupOf.put(m.name(), groupId));
            }
        });

        List<Node> nodes = new ArrayList<>();
        for (Entity entity : byName.values()) {
            if (!groupOf.containsKey(entity.name())) {
                Profile profile = profiled.containsKey(entity.name()) && entity instanceof ArrivalRate rate ? sample(rate, endS) : null;
                nodes.add(new Node(entity.name(), typeOf(entity), entity.category().wireName(), profile, null, null, null));
            }
        }
        groups.forEach((groupId, members) -> {
            List<String> ids = members.stream().map(Entity::name).limit(LISTED_MEMBERS).toList();
            Entity first = members.get(0);
            nodes.add(new Node(groupId, typeOf(first), first.category().wireName(), null, true, members.size(), ids));
        });
        List<Edge> folded = new ArrayList<>();
        for (Edge edge : edges) {
            addEdge(folded, new Edge(groupOf.getOrDefault(edge.source(), edge.source()),
                    groupOf.getOrDefault(edge.target(), edge.target()), edge.kind()));
        }
        return new Topology(nodes, folded, groups, groupOf);
    }

    private static void addEdge(List<Edge> edges, Edge edge) {
        if (!edges.contains(edge)) {
            edges.add(edge);
        }
    }

    static String typeOf(Entity entity) {
        return entity.getClass().getSimpleName();
    }

    private static Profile sample(ArrivalRate rate, double endS) {
        double step = endS / PROFILE_POINTS;
        double[] times = new double[PROFILE_POINTS + 1];
        double[] values = new double[PROFILE_POINTS + 1];
        for (int i = 0; i <= PROFILE_POINTS; i++) {
            double t = i * step;
            times[i] = Math.round(t * 1e6) / 1e6;
            values[i] = rate.rateAt(Instant.ofSeconds(t));
        }
        return new Profile(times, values);
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    public boolean hasEdge(String source, String target) {
        return edges.stream().anyMatch(e -> e.source().equals(source) && e.target().equals(target));
    }

    public boolean hasNode(String id) {
        return nodeIds.contains(id);
    }

    public boolean isGrouped(String entityName) {
        return groupOf.containsKey(entityName);
    }

    /** The members of a group node, or null for an unknown group. */
    public List<Entity> groupMembers(String groupId) {
        return groupMembers.get(groupId);
    }

    public Node node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * The node an entity name belongs to: its group, the node itself, or the nearest dotted parent
     * ({@code Server.worker} → {@code Server}); other names stay as they are. Memoised: called per event.
     */
    public String resolve(String name) {
        String cached = resolved.get(name);
        if (cached != null) {
            return cached;
        }
        String result = name;
        String candidate = name;
        while (true) {
            String group = groupOf.get(candidate);
            if (group != null) {
                result = group;
                break;
            }
            if (nodeIds.contains(candidate)) {
                result = candidate;
                break;
            }
            int dot = candidate.lastIndexOf('.');
            if (dot <= 0) {
                break;
            }
            candidate = candidate.substring(0, dot);
        }
        resolved.put(name, result);
        return result;
    }
}
