package io.happysim.scenarios;

import io.happysim.components.balancing.ConsistentHash;
import io.happysim.components.load.EventProvider;
import io.happysim.components.balancing.LoadBalancer;
import io.happysim.components.load.RateProfile;
import io.happysim.components.server.Server;
import io.happysim.distributions.Distribution;
import io.happysim.components.sinks.Sink;
import io.happysim.components.load.Source;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Probe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * §6.2 of the reference: Poisson traffic from 200 clients whose rate ramps, holds, jumps and
 * falls, through a consistent-hash router (150 virtual nodes on MD5) to three nodes of
 * concurrency 3 with exponential service (mean 0.1 s), then a sink. Clients stop at 90 s.
 */
public final class ConsistentHashLbScenario implements Scenario {
    public static final String ID = "consistent-hash-lb";
    static final int CLIENTS = 200;

    /**
     * The original's DynamicTrafficProfile, written as a plain function on purpose: it is solved by
     * numeric integration, the path every user-defined profile takes.
     */
    static final RateProfile DYNAMIC_TRAFFIC = t -> {
        if (t < 15) {
            return 5 + 25 * (t / 15);
        }
        if (t < 45) {
            return 30;
        }
        if (t < 60) {
            return 80;
        }
        if (t < 75) {
            return 80 - 60 * ((t - 60) / 15);
        }
        return 20;
    };

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Consistent-hash load balancer";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.integer("nodes", "Nodes", 3L, 1L, 100L, "", "servers on the hash ring"),
                Parameter.integer("node_concurrency", "Concurrency per node", 3L, 1L, 1000L, "", "requests each node serves at once"),
                Parameter.number("service_time", "Mean service time", 0.1, 0.0001, 3600.0, "s", "exponential"),
                Parameter.integer("clients", "Clients", CLIENTS, 1L, 1_000_000L, "", "distinct client ids hashed onto the ring"),
                Parameter.integer("virtual_nodes", "Virtual nodes", ConsistentHash.DEFAULT_VIRTUAL_NODES, 1L, 10_000L, "",
                        "ring points per node: more spread the keys more evenly"));
    }

    @Override
    public String description() {
        return "Poisson traffic (5→30 req/s ramp, 30, 80, 80→20 ramp, 20) from 200 clients, routed by "
                + "client id on a consistent-hash ring (150 virtual nodes, MD5) to 3 nodes (concurrency 3, "
                + "exponential service, mean 0.1 s), then a sink. Clients stop at 90 s; the run lasts 100 s.";
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        Sink sink = new Sink("Sink");
        List<Server> nodes = new ArrayList<>();
        for (int i = 0; i < values.integer("nodes"); i++) {
            nodes.add(new Server("Node " + i, values.integer("node_concurrency"), Distribution.exponential(values.number("service_time")), sink));
        }
        LoadBalancer router = new LoadBalancer("Router", nodes, new ConsistentHash(values.integer("virtual_nodes")));
        Source traffic = new Source("Traffic", DYNAMIC_TRAFFIC, true,
                new ClientRequests(router, Instant.ofSeconds(90), values.integer("clients")));
        Probe received = Probe.on(router, "requests_received", 0.5);
        List<Entity> entities = new ArrayList<>();
        entities.add(router);
        entities.addAll(nodes);
        entities.add(sink);
        Simulation simulation = Simulation.builder()
                .durationSeconds(100.0)
                .seed(seed)
                .sources(traffic)
                .entities(entities)
                .probes(received)
                .build();
        List<Chart> charts = List.of(Chart.of(received.data(), received.name()).scenario(ID)
                .title("Total Requests").yLabel("count").color("#6366f1").build());
        return new ScenarioModel(ID, simulation, charts, "s");
    }

    /** Requests from one of 200 clients picked at random (seeded), until {@code stopAfter}. */
    static final class ClientRequests implements EventProvider {
        private final Entity target;
        private final long stopAfterNanos;
        private final int clientCount;
        private SplittableRandom clients;

        ClientRequests(Entity target, Instant stopAfter, int clientCount) {
            this.target = target;
            this.stopAfterNanos = stopAfter.nanos();
            this.clientCount = clientCount;
        }

        @Override
        public Event next(Instant time) {
            if (time.nanos() >= stopAfterNanos) {
                return null;
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("client_id", Integer.toString(clients.nextInt(clientCount)));
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("created_at", time);
            context.put("metadata", metadata);
            return new Event(time, "Request", target, context);
        }

        @Override
        public void reset(Source source) {
            clients = source.simulation().random(source.name() + "/clients");
        }

        @Override
        public Entity target() {
            return target;
        }
    }
}
