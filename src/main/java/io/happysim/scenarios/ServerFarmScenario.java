package io.happysim.scenarios;

import io.happysim.components.balancing.LeastOutstanding;
import io.happysim.components.balancing.LoadBalancer;
import io.happysim.components.load.RateProfile;
import io.happysim.components.load.RequestProvider;
import io.happysim.components.server.Server;
import io.happysim.distributions.Distribution;
import io.happysim.components.sinks.Sink;
import io.happysim.components.load.Source;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A load balancer in front of a farm of identical servers: the shape of a real cluster, and large
 * enough (more than 20 servers) that the debugger folds the servers into one group node.
 */
public final class ServerFarmScenario implements Scenario {
    public static final String ID = "server-farm";

    private final int servers;
    private final double arrivalRate;
    private final double meanServiceSeconds;
    private final double durationSeconds;

    /** 40 servers of concurrency 2 at 0.2 s per request (400 req/s in all) under 300 req/s, for 2 minutes. */
    public ServerFarmScenario() {
        this(40, 300.0, 0.2, 120.0);
    }

    public ServerFarmScenario(int servers, double arrivalRate, double meanServiceSeconds, double durationSeconds) {
        if (servers < 1 || !(arrivalRate > 0) || !(meanServiceSeconds > 0) || !(durationSeconds > 0)) {
            throw new IllegalArgumentException("need at least one server and positive rates and times");
        }
        this.servers = servers;
        this.arrivalRate = arrivalRate;
        this.meanServiceSeconds = meanServiceSeconds;
        this.durationSeconds = durationSeconds;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Server farm behind a load balancer";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.integer("servers", "Servers", servers, 1L, 500L, "", "identical servers behind the balancer"),
                Parameter.number("arrival_rate", "Arrival rate", arrivalRate, 0.001, 100_000.0, "req/s", "Poisson arrivals"),
                Parameter.number("service_time", "Mean service time", meanServiceSeconds, 0.0001, 3600.0, "s", "exponential"),
                Parameter.number("duration", "Duration", durationSeconds, 1.0, 1_000_000.0, "s", "simulated time"));
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "Poisson arrivals at %.0f req/s, balanced by least outstanding requests over %d servers "
                + "(concurrency 2, exponential service, mean %.2f s: utilisation %.2f), then a sink; %.0f s.",
                arrivalRate, servers, meanServiceSeconds, arrivalRate * meanServiceSeconds / (2.0 * servers), durationSeconds);
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        int servers = values.integer("servers");
        double arrivalRate = values.number("arrival_rate");
        double meanServiceSeconds = values.number("service_time");
        double durationSeconds = values.number("duration");
        Sink sink = new Sink("Sink");
        List<Server> farm = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            farm.add(new Server(String.format(Locale.ROOT, "Server-%02d", i), 2, Distribution.exponential(meanServiceSeconds), sink));
        }
        LoadBalancer balancer = new LoadBalancer("Balancer", farm, new LeastOutstanding());
        Source clients = new Source("Clients", RateProfile.constant(arrivalRate), true, new RequestProvider(balancer));
        Probe received = Probe.on(balancer, "requests_received", 1.0);
        Probe firstServer = Probe.on(farm.get(0), "depth", 0.5);
        List<io.happysim.core.Entity> entities = new ArrayList<>();
        entities.add(balancer);
        entities.addAll(farm);
        entities.add(sink);
        Simulation simulation = Simulation.builder()
                .durationSeconds(durationSeconds)
                .seed(seed)
                .sources(clients)
                .entities(entities)
                .probes(received, firstServer)
                .build();
        List<Chart> charts = List.of(
                Chart.of(received.data(), received.name()).scenario(ID).title("Requests Received").yLabel("count")
                        .color("#6366f1").build(),
                Chart.of(sink.latencies(), sink.name() + ".latency").scenario(ID).title("P99 Latency")
                        .transform(ChartTransform.P99).windowSeconds(5.0).yLabel("seconds").color("#f59e0b").build(),
                Chart.of(firstServer.data(), firstServer.name()).scenario(ID).title(farm.get(0).name() + " Queue Depth")
                        .yLabel("items").build());
        return new ScenarioModel(ID, simulation, charts, "s");
    }
}
