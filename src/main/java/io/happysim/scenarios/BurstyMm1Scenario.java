package io.happysim.scenarios;

import io.happysim.components.load.RateProfile;
import io.happysim.components.load.RequestProvider;
import io.happysim.components.server.Server;
import io.happysim.distributions.Distribution;
import io.happysim.components.sinks.Sink;
import io.happysim.components.load.Source;
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
    public static final String LONG_ID = "bursty-mm1-long";

    private final String id;
    private final double durationSeconds;
    private final double probeIntervalSeconds;
    private final double chartWindowSeconds;
    private final String timeUnit;

    public BurstyMm1Scenario() {
        this(60.0);
    }

    /** The same model over another duration (the benchmark runs it for a day of simulated time). */
    public BurstyMm1Scenario(double durationSeconds) {
        this(ID, durationSeconds, 0.1, 1.0, "s");
    }

    private BurstyMm1Scenario(String id, double durationSeconds, double probeIntervalSeconds, double chartWindowSeconds, String timeUnit) {
        this.id = id;
        this.durationSeconds = durationSeconds;
        this.probeIntervalSeconds = probeIntervalSeconds;
        this.chartWindowSeconds = chartWindowSeconds;
        this.timeUnit = timeUnit;
    }

    /**
     * The same queue for 100,000 s (almost 28 h, shown in hours) with its depth sampled every 10 ms:
     * about 28 million events and a 10-million-sample series — the scale the debugger is built for.
     */
    public static BurstyMm1Scenario longRun() {
        return new BurstyMm1Scenario(LONG_ID, 100_000.0, 0.01, 60.0, "h");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return ID.equals(id) ? "Bursty M/M/1-like queue" : "Bursty M/M/1-like queue, 28 hours";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.number("burst_rate", "Burst rate", 20.0, 0.001, 10_000.0, "req/s", "evenly spaced arrivals during a burst"),
                Parameter.number("burst_length", "Burst length", 2.0, 0.001, 3600.0, "s", "how long each burst lasts"),
                Parameter.number("quiet_rate", "Rate between bursts", 5.0, 0.0, 10_000.0, "req/s", "evenly spaced arrivals between bursts"),
                Parameter.number("quiet_length", "Time between bursts", 3.0, 0.001, 3600.0, "s", "how long each quiet spell lasts"),
                Parameter.number("service_time", "Service time", 0.08, 0.0001, 3600.0, "s", "constant time per request (1/μ)"),
                Parameter.number("duration", "Duration", durationSeconds, 1.0, 1_000_000.0, "s", "simulated time"));
    }

    @Override
    public String description() {
        return "Bursts of 20 req/s for 2 s then 5 req/s for 3 s into one server (0.08 s per request, "
                + "concurrency 1) and a sink; a probe samples the queue depth every " + probeIntervalSeconds + " s. "
                + "The queue grows in each burst and drains after it."
                + (ID.equals(id) ? "" : " Runs " + (long) durationSeconds + " s of simulated time: about 28 million events.");
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        Sink sink = new Sink("Sink");
        Server server = new Server("Server", 1, Distribution.constant(values.number("service_time")), sink);
        RateProfile bursts = RateProfile.burst(values.number("burst_rate"), values.number("burst_length"),
                values.number("quiet_rate"), values.number("quiet_length"));
        Source source = new Source("Source", bursts, false, new RequestProvider(server));
        Probe depth = Probe.on(server, "depth", probeIntervalSeconds);
        Simulation simulation = Simulation.builder()
                .durationSeconds(values.number("duration"))
                .seed(seed)
                .sources(source)
                .entities(server, sink)
                .probes(depth)
                .build();
        List<Chart> charts = List.of(
                Chart.of(depth.data(), depth.name()).scenario(id).title("Queue Depth").yLabel("items").build(),
                Chart.of(depth.data(), depth.name()).scenario(id).title("P99 Queue Depth").transform(ChartTransform.P99)
                        .windowSeconds(chartWindowSeconds).yLabel("items").color("#f59e0b").build(),
                Chart.ofProbe(depth).scenario(id).title("Mean Queue Depth").transform(ChartTransform.MEAN)
                        .windowSeconds(chartWindowSeconds / 2).color("#10b981").build());
        return new ScenarioModel(id, simulation, charts, timeUnit);
    }
}
