package io.happysim.scenarios;

import io.happysim.instrumentation.CounterProbe;

import io.happysim.components.client.Client;
import io.happysim.components.load.RateProfile;
import io.happysim.components.load.RequestProvider;
import io.happysim.components.load.Source;
import io.happysim.components.resilience.Hedge;
import io.happysim.components.server.Server;
import io.happysim.core.Entity;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.distributions.PercentileLatency;
import java.util.List;
import java.util.Locale;

/**
 * Hedged requests against a long-tailed service time, beside the same system without them: the
 * hedge sends a second copy when the first has not answered after d, and the caller takes
 * whichever answers first. With enough workers that nothing queues, a request's latency is
 * min(S₁, d + S₂) (§12), so P(R > x) = P(S > x)·P(S > x − d) for x > d; a copy is sent with
 * P(S > d). With the default service time (p50 10 ms, p90 20 ms, p99 200 ms: most requests fast, a
 * few very slow) and d = 20 ms, 10% of requests are hedged and the p99 drops from 200 ms to about
 * 39 ms (where P(S > x)·P(S > x − d) = 1%), for 10% more load on the server.
 */
public final class HedgedRequestsScenario implements Scenario {
    public static final String ID = "hedged-requests";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Hedged requests: tail latency vs extra load";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.number("rate", "Request rate", 50.0, 0.1, 10_000.0, "req/s", "Poisson requests into each client"),
                Parameter.number("p50", "Service time p50", 0.01, 0.00001, 60.0, "s", "the median service time"),
                Parameter.number("p90", "Service time p90", 0.02, 0.00001, 60.0, "s", "90% of services are faster"),
                Parameter.number("p99", "Service time p99", 0.2, 0.00001, 600.0, "s", "99% are faster: the long tail"),
                Parameter.number("hedge_delay", "Hedge delay (d)", 0.02, 0.00001, 60.0, "s",
                        "a second copy is sent when no answer came after this long"),
                Parameter.integer("workers", "Workers per server", 64, 1L, 10_000L, "",
                        "enough that requests (and hedges) hardly ever queue"),
                Parameter.number("duration", "Duration", 60.0, 1.0, 100_000.0, "s", "simulated time"));
    }

    @Override
    public String description() {
        ParameterValues v = defaults();
        PercentileLatency service = serviceTime(v);
        double d = v.number("hedge_delay");
        double hedged = survival(service, d);
        return String.format(Locale.ROOT, "Two identical servers with a long-tailed service time (p50 %.0f ms, p90 %.0f ms, "
                        + "p99 %.0f ms) and plenty of workers, each behind a client sending %.0f req/s: one directly, one through "
                        + "a hedge that sends a second copy of a request when the first has not answered after d = %.0f ms and "
                        + "takes whichever answer comes first. A copy is sent for P(S > d) = %.0f%% of requests, so the hedged "
                        + "server does %.0f%% more work (hedges sent per second ≈ %.1f); in exchange the p99 latency falls from "
                        + "%.0f ms to about %.0f ms, since a request is now slow only if both copies are: "
                        + "P(R > x) = P(S > x)·P(S > x − d). Compare the two p99 charts (same scale) and the hedged server's load.",
                1000 * v.number("p50"), 1000 * v.number("p90"), 1000 * v.number("p99"), v.number("rate"), 1000 * d,
                100 * hedged, 100 * hedged, v.number("rate") * hedged, 1000 * service.quantile(0.99),
                1000 * hedgedQuantile(service, d, 0.99));
    }

    static PercentileLatency serviceTime(ParameterValues values) {
        try {
            return Distribution.percentiles().p50(values.number("p50")).p90(values.number("p90")).p99(values.number("p99")).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("p99", "parameters 'p50', 'p90', 'p99' must not decrease: " + e.getMessage());
        }
    }

    /** P(S > x), from the distribution's own quantile function by bisection (it is continuous and increasing). */
    static double survival(PercentileLatency service, double x) {
        if (x <= service.quantile(0)) {
            return 1.0;
        }
        double low = 0;
        double high = 1 - 1e-15;
        for (int i = 0; i < 200 && high - low > 1e-15; i++) {
            double mid = (low + high) / 2;
            if (service.quantile(mid) <= x) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return 1 - low;
    }

    /** The p-quantile of min(S₁, d + S₂): where P(S > x)·P(S > x − d) = 1 − p, by bisection. */
    static double hedgedQuantile(PercentileLatency service, double d, double p) {
        double low = 0;
        double high = service.quantile(p);
        for (int i = 0; i < 200; i++) {
            double mid = (low + high) / 2;
            double tail = survival(service, mid) * (mid > d ? survival(service, mid - d) : 1.0);
            if (tail > 1 - p) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        PercentileLatency service = serviceTime(values);
        double rate = values.number("rate");
        int workers = values.integer("workers");

        Server directServer = new Server("DirectServer", workers, service, null);
        Client directClient = Client.builder("DirectClient").target(directServer).build();
        Source directLoad = new Source("DirectLoad", RateProfile.constant(rate), true, new RequestProvider(directClient));

        Server hedgedServer = new Server("HedgedServer", workers, service, null);
        Hedge hedge = new Hedge("Hedge", hedgedServer, values.number("hedge_delay"));
        Client hedgedClient = Client.builder("HedgedClient").target(hedge).build();
        Source hedgedLoad = new Source("HedgedLoad", RateProfile.constant(rate), true, new RequestProvider(hedgedClient));

        CounterProbe hedges = CounterProbe.perSecond(hedge, "hedges_sent", 1.0);
        CounterProbe hedgedServerLoad = CounterProbe.perSecond(hedgedServer, "accepted", 1.0);
        Simulation simulation = Simulation.builder()
                .durationSeconds(values.number("duration"))
                .seed(seed)
                .sources(directLoad, hedgedLoad)
                .entities(List.<Entity>of(directClient, directServer, hedgedClient, hedge, hedgedServer))
                .probes(hedges, hedgedServerLoad)
                .build();
        // both latency charts on one scale, so the drop is seen, not read off the axis
        double yMax = Math.ceil(service.quantile(0.99) * 1.5 * 1000) / 1000;
        List<Chart> charts = List.of(
                Chart.of(directClient.latencies(), directClient.name() + ".latency").scenario(ID).title("p99 latency — without hedging")
                        .transform(ChartTransform.P99).windowSeconds(5.0).yLabel("seconds").color("#ef4444").yRange(0.0, yMax).build(),
                Chart.of(hedgedClient.latencies(), hedgedClient.name() + ".latency").scenario(ID).title("p99 latency — with hedging")
                        .transform(ChartTransform.P99).windowSeconds(5.0).yLabel("seconds").color("#10b981").yRange(0.0, yMax).build(),
                Chart.of(hedges.data(), hedges.name()).scenario(ID).title("Hedges sent per second")
                        .yLabel(String.format(Locale.ROOT, "copies/s (requests: %.0f/s)", rate)).color("#f59e0b").build(),
                Chart.of(hedgedServerLoad.data(), hedgedServerLoad.name()).scenario(ID).title("Requests per second at the hedged server")
                        .yLabel(String.format(Locale.ROOT, "requests/s (unhedged: %.0f/s)", rate)).color("#6366f1").build());
        return new ScenarioModel(ID, simulation, charts, "s");
    }
}
