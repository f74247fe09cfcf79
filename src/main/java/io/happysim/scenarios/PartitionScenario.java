package io.happysim.scenarios;

import io.happysim.instrumentation.CounterProbe;

import io.happysim.components.client.Client;
import io.happysim.components.client.RetryPolicy;
import io.happysim.components.faults.FaultSchedule;
import io.happysim.components.load.RateProfile;
import io.happysim.components.load.RequestProvider;
import io.happysim.components.load.Source;
import io.happysim.components.network.Link;
import io.happysim.components.network.LinkProfile;
import io.happysim.components.network.Network;
import io.happysim.components.server.Server;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.instrumentation.Probe;
import java.util.List;
import java.util.Locale;

/**
 * A client with a timeout and retries cut off from its server for a while: every attempt in the
 * window is lost and noticed only at its timeout, the client retries into the void, requests pile
 * up in flight and the ones that run out of attempts fail; after the heal the pending retries get
 * through and everything is normal again.
 */
public final class PartitionScenario implements Scenario {
    public static final String ID = "partition";
    private static final double HOP_SECONDS = LinkProfile.datacenter().meanDelaySeconds(0);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Network partition: timeouts, retries, recovery";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.number("rate", "Request rate", 50.0, 0.1, 2000.0, "req/s", "evenly spaced requests from the client"),
                Parameter.number("timeout", "Timeout per attempt", 0.5, 0.001, 60.0, "s", "how long each attempt waits for its answer"),
                Parameter.integer("max_attempts", "Attempts per request", 3L, 1L, 10L, "", "the first try included"),
                Parameter.number("backoff", "First retry delay", 0.1, 0.001, 60.0, "s", "doubles with every further retry (no jitter)"),
                Parameter.number("partition_start", "Partition begins", 20.0, 0.0, 1_000_000.0, "s", "when the link is cut, both ways"),
                Parameter.number("partition_length", "Partition length", 20.0, 0.001, 1_000_000.0, "s", "how long until it heals"),
                Parameter.number("service_time", "Mean service time", 0.010, 0.0001, 10.0, "s", "exponential; 16 requests at once"),
                Parameter.number("duration", "Duration", 60.0, 1.0, 1_000_000.0, "s", "simulated time"));
    }

    @Override
    public String description() {
        ParameterValues v = defaults();
        double rate = v.number("rate");
        double timeout = v.number("timeout");
        int attempts = v.integer("max_attempts");
        double start = v.number("partition_start");
        double end = start + v.number("partition_length");
        double lastAttempt = lastAttemptOffset(timeout, v.number("backoff"), attempts);
        return String.format(Locale.ROOT, "A client sends %.0f requests/s (evenly spaced) across a datacenter link to a server "
                + "(Exp(%.0f ms) service, RTT ≈ %.1f ms). Each attempt times out after %.1f s; a request gets %d attempts, "
                + "retrying after %.1f s, then %.1f s. From %.0f s to %.0f s the link is partitioned: every attempt is lost, "
                + "and lost is silent, so the client hears of it only at the timeout. "
                + "Look for: successes/s dropping to 0 for the window; timeouts/s rising to rate × attempts = %.0f/s and "
                + "retries/s to rate × (attempts − 1) = %.0f/s; requests in flight climbing from about one (rate × RTT = %.1f) to "
                + "rate × (%d timeouts + backoffs) = %.0f, as each request now lives %.1f s before it fails; "
                + "failures only inside the window (the last %.1f s after it, as the final timeouts fire). "
                + "After the heal the pending retries get through — a short burst of successes with p99 latency up to ~%.1f s — "
                + "and then everything is back to normal.",
                rate, v.number("service_time") * 1e3, (2 * HOP_SECONDS + v.number("service_time")) * 1e3,
                timeout, attempts, v.number("backoff"), 2 * v.number("backoff"), start, end,
                rate * attempts, rate * (attempts - 1),
                rate * (2 * HOP_SECONDS + v.number("service_time")),
                attempts, rate * (lastAttempt + timeout), lastAttempt + timeout, timeout, lastAttempt);
    }

    /**
     * When the last attempt of a request is sent, counted from its first: (N − 1) timeouts plus
     * the backoffs b, 2b, 4b … before retries 1 … N − 1.
     */
    private static double lastAttemptOffset(double timeout, double backoff, int attempts) {
        double offset = 0;
        for (int retry = 1; retry < attempts; retry++) {
            offset += timeout + backoff * Math.pow(2, retry - 1);
        }
        return offset;
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        double duration = values.number("duration");
        double start = values.number("partition_start");
        if (start >= duration) {
            throw new InvalidParameterException("partition_start", String.format(Locale.ROOT,
                    "parameter 'partition_start': %s s is not before the end of the run (%s s), so the partition would never begin",
                    start, duration));
        }
        double backoff = values.number("backoff");
        int attempts = values.integer("max_attempts");
        Server server = new Server("Server", 16, Distribution.exponential(values.number("service_time")), null);
        Network network = new Network("Network", LinkProfile.datacenter());
        Client client = Client.builder("Client").target(server).via(network)
                .timeout(values.number("timeout"))
                .retry(RetryPolicy.exponential(backoff, 2.0, backoff * Math.pow(2, Math.max(0, attempts - 2)), attempts))
                .build();
        Link link = network.link(client, server);
        Source requests = new Source("Requests", RateProfile.constant(values.number("rate")), false, new RequestProvider(client));
        FaultSchedule faults = FaultSchedule.builder("Faults")
                .partition(network, List.of(client), List.of(server), start, start + values.number("partition_length"))
                .build();
        CounterProbe successes = CounterProbe.perSecond(client, "successes", 1.0);
        CounterProbe timeouts = CounterProbe.perSecond(client, "timeouts", 1.0);
        CounterProbe retries = CounterProbe.perSecond(client, "retries", 1.0);
        Probe inFlight = Probe.on(client, "in_flight", 0.1);
        Simulation simulation = Simulation.builder()
                .durationSeconds(duration)
                .seed(seed)
                .sources(requests)
                .entities(client, link, server, faults)
                .probes(successes, timeouts, retries, inFlight)
                .build();
        String latency = client.name() + ".latency";
        List<Chart> charts = List.of(
                Chart.of(successes.data(), successes.name()).scenario(ID).title("Successful requests per second")
                        .yLabel("requests/s").color("#10b981").build(),
                Chart.of(timeouts.data(), timeouts.name()).scenario(ID).title("Timed-out attempts per second")
                        .yLabel("attempts/s").color("#ef4444").build(),
                Chart.of(retries.data(), retries.name()).scenario(ID).title("Retries sent per second")
                        .yLabel("attempts/s").color("#f59e0b").build(),
                Chart.of(inFlight.data(), inFlight.name()).scenario(ID).title("Requests in flight at the client")
                        .yLabel("requests").color("#6366f1").build(),
                Chart.of(client.latencies(), latency).scenario(ID).title("Latency p99 per second (successful requests)")
                        .transform(ChartTransform.P99).yLabel("seconds").build());
        return new ScenarioModel(ID, simulation, charts);
    }
}
