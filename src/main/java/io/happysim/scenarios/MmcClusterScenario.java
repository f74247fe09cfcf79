package io.happysim.scenarios;

import io.happysim.components.load.RequestProvider;
import io.happysim.components.server.Server;
import io.happysim.distributions.Distribution;
import io.happysim.components.sinks.Sink;
import io.happysim.components.load.Source;
import io.happysim.components.load.RateProfile;
import io.happysim.core.Simulation;
import io.happysim.instrumentation.Probe;
import java.util.List;
import java.util.Locale;

/**
 * M/M/c: Poisson arrivals into c identical exponential servers sharing one FIFO queue. Queueing
 * theory gives its mean time in system exactly (Erlang C), so it checks the engine.
 */
public final class MmcClusterScenario implements Scenario {
    public static final String ID = "mmc-cluster";

    private final int servers;
    private final double arrivalRate;
    private final double serviceRate;
    private final double durationSeconds;

    /** c = 3 servers at 10 req/s each, 21 req/s offered (utilisation 0.7), for 10 minutes. */
    public MmcClusterScenario() {
        this(3, 21.0, 10.0, 600.0);
    }

    public MmcClusterScenario(int servers, double arrivalRate, double serviceRate, double durationSeconds) {
        if (servers < 1 || !(arrivalRate > 0) || !(serviceRate > 0)) {
            throw new IllegalArgumentException("need c >= 1 and positive rates");
        }
        if (arrivalRate >= servers * serviceRate) {
            throw new IllegalArgumentException("unstable: λ = " + arrivalRate + " >= cμ = " + servers * serviceRate);
        }
        this.servers = servers;
        this.arrivalRate = arrivalRate;
        this.serviceRate = serviceRate;
        this.durationSeconds = durationSeconds;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "M/M/" + servers + " cluster";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.integer("servers", "Servers (c)", servers, 1L, 64L, "", "servers sharing the one queue"),
                Parameter.number("arrival_rate", "Arrival rate (λ)", arrivalRate, 0.001, 100_000.0, "req/s", "Poisson arrivals; must stay below c·μ"),
                Parameter.number("service_rate", "Service rate per server (μ)", serviceRate, 0.001, 100_000.0, "req/s",
                        "each server's exponential service rate (mean service time 1/μ)"),
                Parameter.number("duration", "Duration", durationSeconds, 1.0, 1_000_000.0, "s", "simulated time"));
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "Poisson arrivals at %.1f req/s into %d exponential servers at %.1f req/s each "
                + "(utilisation %.2f) sharing one queue. Erlang C predicts a mean time in system of %.4f s.",
                arrivalRate, servers, serviceRate, utilisation(), analyticMeanTimeInSystem());
    }

    public double utilisation() {
        return arrivalRate / (servers * serviceRate);
    }

    /** W = C(c, a) / (cμ − λ) + 1/μ with a = λ/μ. */
    public double analyticMeanTimeInSystem() {
        return erlangC(servers, arrivalRate / serviceRate) / (servers * serviceRate - arrivalRate) + 1 / serviceRate;
    }

    /** The probability that an arrival waits, for c servers and offered load a = λ/μ (< c). */
    public static double erlangC(int c, double a) {
        double term = 1;
        double sum = 1;
        for (int k = 1; k < c; k++) {
            term *= a / k;
            sum += term;
        }
        double last = term * a / c * c / (c - a);
        return last / (sum + last);
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        int servers = values.integer("servers");
        double arrivalRate = values.number("arrival_rate");
        double serviceRate = values.number("service_rate");
        double durationSeconds = values.number("duration");
        if (arrivalRate >= servers * serviceRate) {
            throw new InvalidParameterException("arrival_rate", String.format(Locale.ROOT,
                    "parameter 'arrival_rate': %s req/s is not below c·μ = %s req/s, so the queue would grow without bound",
                    arrivalRate, servers * serviceRate));
        }
        Sink sink = new Sink("Sink");
        Server cluster = new Server("Cluster", servers, Distribution.exponential(1 / serviceRate), sink);
        Source arrivals = new Source("Arrivals", RateProfile.constant(arrivalRate), true, new RequestProvider(cluster));
        Probe depth = Probe.on(cluster, "depth", 0.5);
        Probe busy = Probe.on(cluster, "in_flight", 0.5);
        Simulation simulation = Simulation.builder()
                .durationSeconds(durationSeconds)
                .seed(seed)
                .sources(arrivals)
                .entities(cluster, sink)
                .probes(depth, busy)
                .build();
        String latencySeries = sink.name() + ".latency";
        List<Chart> charts = List.of(
                Chart.of(depth.data(), depth.name()).scenario(ID).title("Queue Depth").yLabel("items").build(),
                Chart.of(sink.latencies(), latencySeries).scenario(ID).title("Mean Time in System")
                        .transform(ChartTransform.MEAN).windowSeconds(10.0).yLabel("seconds").color("#f59e0b").build(),
                Chart.of(busy.data(), busy.name()).scenario(ID).title("Busy Servers").transform(ChartTransform.MEAN)
                        .windowSeconds(10.0).yLabel("servers").color("#10b981").yRange(0.0, (double) servers).build());
        return new ScenarioModel(ID, simulation, charts, "s");
    }
}
