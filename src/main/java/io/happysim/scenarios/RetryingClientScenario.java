package io.happysim.scenarios;

import io.happysim.instrumentation.CounterProbe;

import io.happysim.components.client.Client;
import io.happysim.components.client.RetryPolicy;
import io.happysim.components.load.Source;
import io.happysim.components.server.Server;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The reference's §11 a: a client whose timeout (0.07 s) is shorter than the tail of an
 * exponential service time (mean 0.1 s), against a server with no queue to speak of, so every
 * attempt times out independently with p = P(S > t) = e^(−t/mean) = e^(−0.7) ≈ 49.7%.
 *
 * <p>Our client ignores a reply that comes after its attempt's timer (the library client's
 * semantics, §12), so with N attempts a request sends (1 − p^N)/(1 − p) attempts on average
 * (1.74 at N = 3) and gives up with p^N (12.3%); the reference's hand-written client, which let a
 * late reply count, sent 1.62 and gave up 1.5% of the time.
 */
public final class RetryingClientScenario implements Scenario {
    public static final String ID = "retrying-client";
    /** "Unlimited" parallelism: far more workers than requests ever in service at once, so nothing queues. */
    static final int WORKERS = 10_000;
    /** Time after the load stops for the last attempts to finish. */
    static final double DRAIN_SECONDS = 5.0;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Retrying client: a timeout shorter than the service tail";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.number("rate", "Request rate", 5.0, 0.01, 1000.0, "req/s", "evenly spaced requests into the client"),
                Parameter.number("service_time", "Mean service time", 0.1, 0.0001, 60.0, "s",
                        "exponential service time of the server (no queueing: it serves every request at once)"),
                Parameter.number("timeout", "Attempt timeout", 0.07, 0.0001, 60.0, "s",
                        "each attempt waits this long; an answer after it is ignored"),
                Parameter.integer("max_attempts", "Max attempts", 3, 1L, 10L, "",
                        "attempts per request, the first included; retries are immediate"),
                Parameter.number("load_duration", "Load duration", 30.0, 1.0, 100_000.0, "s",
                        "how long requests arrive; the run goes on " + (long) DRAIN_SECONDS + " s more for the last attempts"));
    }

    @Override
    public String description() {
        ParameterValues values = defaults();
        return describe(values.number("rate"), values.number("service_time"), values.number("timeout"),
                values.integer("max_attempts"), values.number("load_duration"));
    }

    private static String describe(double rate, double meanService, double timeout, int maxAttempts, double load) {
        double p = timeoutProbability(meanService, timeout);
        double attempts = attemptsPerRequest(p, maxAttempts);
        return String.format(Locale.ROOT, "%s req/s for %s s into a client with a %s s timeout and up to %d attempts, "
                        + "in front of a server with unlimited parallelism and exponential service (mean %s s). "
                        + "Each attempt times out when its service takes longer than the timeout: about e^(−%.2f) ≈ %.1f%% of attempts "
                        + "— the first attempts as much as the retries. Look for: attempts per second ≈ %.2f × the request rate "
                        + "(%.3g attempts/s for %.3g requests/s), a timed-out share near %.0f%%, and %.1f%% of requests giving up "
                        + "after %d timeouts (p^%d). The p50 latency mixes answers to first attempts with answers after one or more "
                        + "timeouts; the p99 is %d timeouts plus a service.",
                plain(rate), plain(load), plain(timeout), maxAttempts, plain(meanService), timeout / meanService, 100 * p, attempts, rate * attempts, rate,
                100 * p, 100 * Math.pow(p, maxAttempts), maxAttempts, maxAttempts, Math.max(0, maxAttempts - 1));
    }

    /** 5, 0.07, 30: a parameter as a user typed it, without trailing zeros. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** P(S > t) for an exponential service time: e^(−t/mean). */
    static double timeoutProbability(double meanService, double timeout) {
        return Math.exp(-timeout / meanService);
    }

    /** Attempts per request when each times out independently with {@code p}: 1 + p + … + p^(N−1). */
    static double attemptsPerRequest(double p, int maxAttempts) {
        return p == 1.0 ? maxAttempts : (1 - Math.pow(p, maxAttempts)) / (1 - p);
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        double rate = values.number("rate");
        double meanService = values.number("service_time");
        double timeout = values.number("timeout");
        int maxAttempts = values.integer("max_attempts");
        double load = values.number("load_duration");

        Server server = new Server("Server", WORKERS, Distribution.exponential(meanService), null);
        Client client = Client.builder("Client").target(server).timeout(timeout)
                .retry(RetryPolicy.fixed(0.0, maxAttempts)).build();
        Source source = Source.builder("Requests").rate(rate).to(client).stopAt(load).build();

        CounterProbe attempts = CounterProbe.perSecond(client, "attempts", 1.0);
        CounterProbe timedOut = CounterProbe.ratio(client, 5.0, "timeouts", "attempts");
        Simulation simulation = Simulation.builder()
                .durationSeconds(load + DRAIN_SECONDS)
                .seed(seed)
                .sources(source)
                .entities(client, server)
                .probes(attempts, timedOut)
                .build();
        String latency = client.name() + ".latency";
        double p = timeoutProbability(meanService, timeout);
        List<Chart> charts = List.of(
                Chart.of(attempts.data(), attempts.name()).scenario(ID).title("Attempts per second")
                        .yLabel(String.format(Locale.ROOT, "attempts/s (requests: %.3g/s)", rate)).color("#6366f1").build(),
                Chart.of(timedOut.data(), timedOut.name()).scenario(ID).title(String.format(Locale.ROOT,
                                "Share of attempts timing out (e^(−t/mean) = %.2f)", p))
                        .yLabel("timeouts per attempt").color("#ef4444").yRange(0.0, 1.0).build(),
                Chart.of(client.latencies(), latency).scenario(ID).title("Request latency p50").transform(ChartTransform.P50)
                        .windowSeconds(5.0).yLabel("seconds").color("#10b981").build(),
                Chart.of(client.latencies(), latency).scenario(ID).title("Request latency p99").transform(ChartTransform.P99)
                        .windowSeconds(5.0).yLabel("seconds").color("#f59e0b").build());
        return new ScenarioModel(ID, simulation, charts, "s");
    }
}
