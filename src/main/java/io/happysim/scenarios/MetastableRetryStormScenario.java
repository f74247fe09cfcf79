package io.happysim.scenarios;

import io.happysim.instrumentation.CounterProbe;

import io.happysim.components.client.Client;
import io.happysim.components.client.RetryPolicy;
import io.happysim.components.load.RateProfile;
import io.happysim.components.load.RequestProvider;
import io.happysim.components.load.Source;
import io.happysim.components.server.Server;
import io.happysim.components.sinks.Sink;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.instrumentation.Probe;
import java.util.List;
import java.util.Locale;

/**
 * A metastable failure: one server (μ = 10/s, exponential) behind a client that retries on a
 * timeout. The load is stable, a short spike pushes latency past the timeout, and when the load
 * returns to where it was the system stays down, because the retries it now sends keep the server
 * saturated; only a step down of the load lets it recover.
 *
 * <p><b>Why these numbers.</b> An M/M/1 sojourn is Exp(μ − λ): P(T > t) = e^(−(μ−λ)t). The
 * reference's example ran at λ = 9 with t = 0.5 s, where e^(−0.5) = 61% of first attempts already
 * time out, and five attempts per request made it collapse before its spike. What matters is not
 * only that the first attempts rarely time out, but that the queue never wanders, by chance, to
 * the depth where they all do (≈ μ·t waiting requests): from there N·λ ≥ μ takes over. At
 * λ = 4/s and t = 0.5 s (tried first) that depth is 5, and an M/M/1 at ρ = 0.4 reaches it within
 * a minute in some seeds. So here t = 2 s: P(T > 2) = e^(−12) ≈ 6·10⁻⁶, and the tipping depth is
 * μ·t = 20 (in fact ≈ 24, where the retries first outrun μ), which the stationary queue reaches
 * with probability ≈ ρ^20 ≈ 10⁻⁸: truly stable. Once the queue is long, every attempt times out
 * and every request sends all 3: attempts = 3 × 4 = 12/s ≥ μ = 10/s, so the queue keeps growing
 * (≈ +2/s) and the storm sustains itself. A spike to 20/s for 5 s (twice the capacity, +10/s plus
 * the retries) gets it there in every seed tried. After the step down to 1/s, 3 × 1 = 3/s < μ: the
 * queue drains at ≈ 7/s, and once a wait is below the timeout again the retries stop. The recovery
 * threshold is μ/N = 3.33/s: any load at or above it stays stuck.
 */
public final class MetastableRetryStormScenario implements Scenario {
    public static final String ID = "metastable-retry-storm";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Metastable retry storm";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.number("service_rate", "Service rate (μ)", 10.0, 0.1, 10_000.0, "req/s",
                        "one worker, exponential service times of mean 1/μ"),
                Parameter.number("base_rate", "Base load (λ)", 4.0, 0.01, 10_000.0, "req/s",
                        "Poisson arrivals before and right after the spike; stuck afterwards if max attempts × λ ≥ μ"),
                Parameter.number("spike_rate", "Spike load", 20.0, 0.01, 10_000.0, "req/s", "arrivals during the spike"),
                Parameter.number("spike_start", "Spike start", 60.0, 0.0, 100_000.0, "s", "when the spike begins"),
                Parameter.number("spike_duration", "Spike length", 5.0, 0.01, 100_000.0, "s", "how long the spike lasts"),
                Parameter.number("step_down_at", "Step down at", 120.0, 0.0, 100_000.0, "s",
                        "when the load drops to the recovery load (after the spike)"),
                Parameter.number("recovery_rate", "Recovery load", 1.0, 0.0, 10_000.0, "req/s",
                        "arrivals after the step down; recovers only below μ / max attempts"),
                Parameter.number("timeout", "Attempt timeout", 2.0, 0.001, 600.0, "s", "each attempt waits this long for its answer"),
                Parameter.integer("max_attempts", "Max attempts", 3, 1L, 10L, "",
                        "attempts per request, the first included; retries are immediate"),
                Parameter.number("duration", "Duration", 200.0, 1.0, 100_000.0, "s", "simulated time"));
    }

    @Override
    public String description() {
        ParameterValues v = defaults();
        double mu = v.number("service_rate");
        double base = v.number("base_rate");
        double t = v.number("timeout");
        int n = v.integer("max_attempts");
        double spikeStart = v.number("spike_start");
        double spikeEnd = spikeStart + v.number("spike_duration");
        return String.format(Locale.ROOT, "A client (timeout %.2g s, up to %d attempts, immediate retries) in front of one "
                        + "server with exponential service at μ = %.0f/s. Before the spike the load is λ = %.0f/s: a request's "
                        + "time in the server is Exp(μ − λ), so only e^(−(μ−λ)t) = e^(−%.1f) ≈ %.1e of first attempts time out, "
                        + "and the queue stays far below the ≈ μ·t = %.0f waiting requests at which attempts would start timing "
                        + "out. From %.0f s to %.0f s a spike to %.0f/s fills the queue past that: every attempt times out, every "
                        + "request sends all %d attempts. When the load returns to %.0f/s at %.0f s the system stays collapsed — "
                        + "%d × %.0f = %.0f attempts/s ≥ μ = %.0f/s, so the queue keeps growing (≈ +%.0f/s), the server works "
                        + "flat out on requests their clients gave up on, and almost nothing succeeds. Only at %.0f s, when the "
                        + "load steps down to %.1f/s (below μ/%d = %.2f/s), does the queue drain and the latency fall back under "
                        + "the timeout. Watch the queue depth, the p99 at the server, attempts vs successes per second, and the "
                        + "offered load.",
                t, n, mu, base, (mu - base) * t, Math.exp(-(mu - base) * t), mu * t, spikeStart, spikeEnd, v.number("spike_rate"),
                n, base, spikeEnd, n, base, n * base, mu, n * base - mu, v.number("step_down_at"), v.number("recovery_rate"),
                n, mu / n);
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        double mu = values.number("service_rate");
        double base = values.number("base_rate");
        double spikeStart = values.number("spike_start");
        double spikeEnd = spikeStart + values.number("spike_duration");
        double stepDownAt = values.number("step_down_at");
        if (stepDownAt < spikeEnd) {
            throw new InvalidParameterException("step_down_at", String.format(Locale.ROOT,
                    "parameter 'step_down_at': %s s is before the spike ends (%s s)", stepDownAt, spikeEnd));
        }
        RateProfile load = RateProfile.piecewise()
                .hold(spikeStart, base)
                .hold(spikeEnd - spikeStart, values.number("spike_rate"))
                .hold(stepDownAt - spikeEnd, base)
                .thenConstant(values.number("recovery_rate"));

        Sink served = new Sink("Served");
        Server server = new Server("Server", 1, Distribution.exponential(1 / mu), served);
        Client client = Client.builder("Client").target(server).timeout(values.number("timeout"))
                .retry(RetryPolicy.fixed(0.0, values.integer("max_attempts"))).build();
        Source source = new Source("Load", load, true, new RequestProvider(client));

        Probe depth = Probe.on(server, "depth", 0.5);
        CounterProbe offered = CounterProbe.perSecond(source, "generated", 1.0);
        CounterProbe attempts = CounterProbe.perSecond(client, "attempts", 1.0);
        CounterProbe successes = CounterProbe.perSecond(client, "successes", 1.0);
        Simulation simulation = Simulation.builder()
                .durationSeconds(values.number("duration"))
                .seed(seed)
                .sources(source)
                .entities(client, server, served)
                .probes(depth, offered, attempts, successes)
                .build();
        List<Chart> charts = List.of(
                Chart.of(depth.data(), depth.name()).scenario(ID).title("Server queue depth").yLabel("requests waiting").build(),
                Chart.of(served.latencies(), served.name() + ".latency").scenario(ID)
                        .title(String.format(Locale.ROOT, "p99 time to serve a request (timeout %.2g s)", values.number("timeout")))
                        .transform(ChartTransform.P99).windowSeconds(2.0).yLabel("seconds, arrival → served").color("#f59e0b").build(),
                Chart.of(attempts.data(), attempts.name()).scenario(ID).title("Attempts per second (server capacity "
                                + String.format(Locale.ROOT, "%.0f", mu) + "/s)")
                        .yLabel("attempts/s").color("#ef4444").build(),
                Chart.of(successes.data(), successes.name()).scenario(ID).title("Successful requests per second")
                        .yLabel("requests/s").color("#10b981").build(),
                Chart.of(offered.data(), offered.name()).scenario(ID).title("Offered load").yLabel("requests/s")
                        .color("#6366f1").build());
        return new ScenarioModel(ID, simulation, charts, "s");
    }
}
