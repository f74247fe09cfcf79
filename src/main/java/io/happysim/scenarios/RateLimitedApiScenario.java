package io.happysim.scenarios;

import io.happysim.instrumentation.CounterProbe;

import io.happysim.components.load.RateProfile;
import io.happysim.components.load.RequestProvider;
import io.happysim.components.load.Source;
import io.happysim.components.ratelimit.RateLimitedEntity;
import io.happysim.components.ratelimit.TokenBucketPolicy;
import io.happysim.components.server.Server;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.instrumentation.Probe;
import java.util.List;
import java.util.Locale;

/**
 * A token bucket in front of an API server under a burst of traffic: the bucket's stored tokens
 * absorb the start of the burst, then exactly the refill rate gets through and the rest is
 * refused at once (§11 h's gateway, reduced to one route).
 */
public final class RateLimitedApiScenario implements Scenario {
    public static final String ID = "rate-limited-api";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Rate-limited API under a burst";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.number("base_rate", "Normal traffic", 20.0, 0.0, 100_000.0, "req/s", "Poisson arrivals outside the burst"),
                Parameter.number("burst_rate", "Burst traffic", 200.0, 0.0, 100_000.0, "req/s", "Poisson arrivals during the burst"),
                Parameter.number("burst_start", "Burst begins", 20.0, 0.0, 1_000_000.0, "s", ""),
                Parameter.number("burst_length", "Burst length", 20.0, 0.001, 1_000_000.0, "s", ""),
                Parameter.number("bucket_capacity", "Bucket capacity", 50.0, 1.0, 1_000_000.0, "tokens",
                        "the burst the limiter lets through at once (the bucket starts full)"),
                Parameter.number("refill_rate", "Refill rate", 50.0, 0.001, 100_000.0, "tokens/s", "the rate the limiter allows in the long run"),
                Parameter.number("service_time", "Service time", 0.020, 0.0001, 10.0, "s", "constant; the server runs 16 requests at once"),
                Parameter.number("duration", "Duration", 60.0, 1.0, 1_000_000.0, "s", "simulated time"));
    }

    @Override
    public String description() {
        ParameterValues v = defaults();
        double base = v.number("base_rate");
        double burst = v.number("burst_rate");
        double length = v.number("burst_length");
        double capacity = v.number("bucket_capacity");
        double refill = v.number("refill_rate");
        double drained = secondsToDrain(capacity, burst, refill);
        double admitted = capacity + refill * length;
        return String.format(Locale.ROOT, "Users send %.0f requests/s (Poisson) to an API behind a token bucket "
                + "(%.0f tokens, refilled at %.0f/s, refusing the excess at once); from %.0f s to %.0f s they burst to %.0f/s. "
                + "Before the burst everything is admitted (%.0f/s is below the refill rate) and the bucket stays full. "
                + "When the burst hits, the %.0f stored tokens go first — gone in about capacity / (burst − refill) = %.2f s — "
                + "and from then on admitted/s equals the refill rate, %.0f/s, while the other %.0f/s are rejected: "
                + "at most capacity + rate·T = %.0f of the burst's ~%.0f requests get through. "
                + "After the burst the bucket fills up again in about capacity / (refill − normal) = %.1f s. "
                + "Compare the admitted, rejected and offered charts, and the tokens chart hitting zero.",
                base, capacity, refill, v.number("burst_start"), v.number("burst_start") + length, burst,
                base, capacity, drained, refill, burst - refill, admitted, burst * length, capacity / (refill - base));
    }

    /** How long a burst at {@code burst}/s takes to empty a full bucket refilled at {@code refill}/s. */
    private static double secondsToDrain(double capacity, double burst, double refill) {
        return burst > refill ? capacity / (burst - refill) : Double.POSITIVE_INFINITY;
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        Server server = new Server("API", 16, Distribution.constant(values.number("service_time")), null);
        TokenBucketPolicy bucket = new TokenBucketPolicy(values.number("bucket_capacity"), values.number("refill_rate"));
        RateLimitedEntity limiter = RateLimitedEntity.builder("RateLimiter").downstream(server).policy(bucket).rejectExcess().build();
        RateProfile traffic = RateProfile.spike(values.number("base_rate"), values.number("burst_rate"),
                values.number("burst_start"), values.number("burst_length"));
        Source requests = new Source("Requests", traffic, true, new RequestProvider(limiter));
        CounterProbe offered = CounterProbe.perSecond(limiter, "received", 1.0);
        CounterProbe admitted = CounterProbe.perSecond(limiter, "admitted", 1.0);
        CounterProbe rejected = CounterProbe.perSecond(limiter, "rejected", 1.0);
        Probe tokens = Probe.on(limiter, "tokens", 0.1);
        Simulation simulation = Simulation.builder()
                .durationSeconds(values.number("duration"))
                .seed(seed)
                .sources(requests)
                .entities(limiter, server)
                .probes(offered, admitted, rejected, tokens)
                .build();
        List<Chart> charts = List.of(
                Chart.of(offered.data(), offered.name()).scenario(ID).title("Offered requests per second")
                        .yLabel("requests/s").color("#6366f1").build(),
                Chart.of(admitted.data(), admitted.name()).scenario(ID).title("Admitted requests per second")
                        .yLabel("requests/s").color("#10b981").build(),
                Chart.of(rejected.data(), rejected.name()).scenario(ID).title("Rejected requests per second")
                        .yLabel("requests/s").color("#ef4444").build(),
                Chart.of(tokens.data(), tokens.name()).scenario(ID).title("Tokens in the bucket")
                        .yLabel("tokens").color("#f59e0b").build());
        return new ScenarioModel(ID, simulation, charts);
    }
}
