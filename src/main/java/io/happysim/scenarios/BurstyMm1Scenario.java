package io.happysim.scenarios;

import io.happysim.components.RateProfile;
import io.happysim.components.RequestProvider;
import io.happysim.components.Server;
import io.happysim.components.ServiceTime;
import io.happysim.components.Sink;
import io.happysim.components.Source;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Probe;
import java.util.List;

/**
 * §6.1 of the reference: bursts of 20 req/s for 2 s then 5 req/s for 3 s (evenly spaced, no
 * randomness) into one server taking 0.08 s per request (12.5 req/s; 11 req/s offered on
 * average), so a queue builds in every burst and drains after it.
 */
public final class BurstyMm1Scenario implements Scenario {
    public static final String ID = "bursty-mm1";

    private final double durationSeconds;

    public BurstyMm1Scenario() {
        this(60.0);
    }

    /** The same model over another duration (the benchmark runs it for a day of simulated time). */
    public BurstyMm1Scenario(double durationSeconds) {
        this.durationSeconds = durationSeconds;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Bursty M/M/1-like queue";
    }

    @Override
    public String description() {
        return "Bursts of 20 req/s for 2 s then 5 req/s for 3 s into one server (0.08 s per request, "
                + "concurrency 1) and a sink; a probe samples the queue depth every 0.1 s. "
                + "The queue grows in each burst and drains after it.";
    }

    @Override
    public ScenarioModel build(long seed) {
        Sink sink = new Sink("Sink");
        Server server = new Server("Server", 1, ServiceTime.constant(0.08), sink);
        Source source = new Source("Source", RateProfile.burst(20.0, 2.0, 5.0, 3.0), false, new RequestProvider(server));
        Probe depth = Probe.on(server, "depth", 0.1);
        Simulation simulation = Simulation.builder()
                .durationSeconds(durationSeconds)
                .seed(seed)
                .sources(source)
                .entities(server, sink)
                .probes(depth)
                .build();
        List<Chart> charts = List.of(
                Chart.of(depth.data(), depth.name()).scenario(ID).title("Queue Depth").yLabel("items").build(),
                Chart.of(depth.data(), depth.name()).scenario(ID).title("P99 Queue Depth").transform(ChartTransform.P99)
                        .windowSeconds(1.0).yLabel("items").color("#f59e0b").build(),
                Chart.ofProbe(depth).scenario(ID).title("Mean Queue Depth").transform(ChartTransform.MEAN)
                        .windowSeconds(0.5).color("#10b981").build());
        return new ScenarioModel(ID, simulation, charts, "s");
    }
}
