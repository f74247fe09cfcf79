package io.happysim.scenarios;

import io.happysim.instrumentation.CounterProbe;

import io.happysim.components.client.Client;
import io.happysim.components.client.RetryPolicy;
import io.happysim.components.faults.FaultSchedule;
import io.happysim.components.load.Source;
import io.happysim.components.server.Server;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.instrumentation.Probe;
import java.util.List;
import java.util.Locale;

/**
 * The reference's §11 c, both ways at once: two identical systems (7 req/s, evenly spaced, into
 * one worker taking exactly 0.1 s: 70% busy) each stopped by the same 1 s GC pause at 30 s. The
 * one whose client retries (timeout 0.5 s, 3 retries 0.05 s apart) never recovers: the pause
 * leaves 7 requests waiting, the later of them wait longer than the timeout, their retries join
 * the queue behind them, and soon every attempt times out — 4 attempts × 7/s = 28/s against
 * 10/s served, so the queue grows by 18/s until the load stops. The one without retries drains
 * its 7 waiting requests at 10 − 7 = 3/s and is healthy again 7/3 ≈ 2.3 s after the pause.
 * Deterministic: no random draw anywhere.
 */
public final class GcCollapseScenario implements Scenario {
    public static final String ID = "gc-collapse";
    /** Time after the load stops, so the no-retry side's last requests finish (the other side never does). */
    static final double DRAIN_SECONDS = 10.0;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "GC pause → retry storm (with and without retries)";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.number("rate", "Request rate (λ)", 7.0, 0.01, 1000.0, "req/s", "evenly spaced requests into each client"),
                Parameter.number("service_time", "Service time (1/μ)", 0.1, 0.0001, 60.0, "s", "constant; one worker per server"),
                Parameter.number("gc_start", "GC pause start", 30.0, 0.0, 100_000.0, "s", "when both servers stop for a GC"),
                Parameter.number("gc_duration", "GC pause length", 1.0, 0.001, 3600.0, "s",
                        "no request starts or finishes service meanwhile; arrivals keep queueing"),
                Parameter.number("timeout", "Attempt timeout", 0.5, 0.001, 600.0, "s", "both clients give up on an attempt after this"),
                Parameter.integer("max_retries", "Retries (retrying side)", 3, 1L, 10L, "",
                        "retries after the first attempt; the other side never retries"),
                Parameter.number("retry_delay", "Retry delay", 0.05, 0.0, 60.0, "s", "wait before each retry"),
                Parameter.number("load_duration", "Load duration", 60.0, 1.0, 100_000.0, "s",
                        "how long requests arrive; the run goes on " + (long) DRAIN_SECONDS + " s more"));
    }

    @Override
    public String description() {
        ParameterValues v = defaults();
        double rate = v.number("rate");
        double mu = 1 / v.number("service_time");
        int attempts = v.integer("max_retries") + 1;
        double backlog = rate * v.number("gc_duration");
        return String.format(Locale.ROOT, "Two identical systems side by side: %.0f req/s (evenly spaced) into one worker taking "
                        + "%.2g s per request (μ = %.0f/s, %.0f%% busy). At %.0f s both servers stop for a %.0f s GC pause; about "
                        + "%.0f requests pile up. Without retries (NoRetry*) the backlog drains at μ − λ = %.0f/s and the queue is "
                        + "empty again ≈ %.1f s after the pause; a few requests time out, then everything is back to normal. With "
                        + "%d retries (Retrying*), the requests that waited longer than the %.2g s timeout are sent again into the "
                        + "same queue, more time out, and soon every request sends all %d attempts: %d × %.0f = %.0f attempts/s "
                        + "against %.0f/s served, so the queue grows by ≈ %.0f/s and never recovers while the load lasts, although "
                        + "the load is the same on both sides. The server stays 100%% busy serving attempts nobody waits for, and "
                        + "the successful requests per second fall to zero. Recovery would need λ < μ/%d = %.2f/s.",
                rate, 1 / mu, mu, 100 * rate / mu, v.number("gc_start"), v.number("gc_duration"), backlog, mu - rate,
                backlog / (mu - rate), v.integer("max_retries"), v.number("timeout"), attempts, attempts, rate, attempts * rate,
                mu, attempts * rate - mu, attempts, mu / attempts);
    }

    /** One side of the comparison: its load, client and server. */
    private record Side(Source load, Client client, Server server) {
    }

    private static Side side(String prefix, ParameterValues values, RetryPolicy retry) {
        Server server = new Server(prefix + "Server", 1, Distribution.constant(values.number("service_time")), null);
        Client client = Client.builder(prefix + "Client").target(server).timeout(values.number("timeout")).retry(retry).build();
        Source load = Source.builder(prefix + "Load").rate(values.number("rate")).to(client)
                .stopAt(values.number("load_duration")).build();
        return new Side(load, client, server);
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        Side retrying = side("Retrying", values,
                RetryPolicy.fixed(values.number("retry_delay"), values.integer("max_retries") + 1));
        Side plain = side("NoRetry", values, RetryPolicy.none());
        double gcStart = values.number("gc_start");
        double gcEnd = gcStart + values.number("gc_duration");
        FaultSchedule gc = FaultSchedule.builder("GC")
                .pause(retrying.server(), gcStart, gcEnd)
                .pause(plain.server(), gcStart, gcEnd)
                .build();

        Probe retryingDepth = Probe.on(retrying.server(), "depth", 0.5);
        Probe plainDepth = Probe.on(plain.server(), "depth", 0.5);
        CounterProbe retryingGoodput = CounterProbe.perSecond(retrying.client(), "successes", 1.0);
        CounterProbe plainGoodput = CounterProbe.perSecond(plain.client(), "successes", 1.0);
        Simulation simulation = Simulation.builder()
                .durationSeconds(values.number("load_duration") + DRAIN_SECONDS)
                .seed(seed)
                .sources(retrying.load(), plain.load())
                .entities(retrying.client(), retrying.server(), plain.client(), plain.server(), gc)
                .probes(retryingDepth, plainDepth, retryingGoodput, plainGoodput)
                .build();
        List<Chart> charts = List.of(
                Chart.of(retryingDepth.data(), retryingDepth.name()).scenario(ID).title("Queue depth — with retries")
                        .yLabel("requests waiting").color("#ef4444").build(),
                Chart.of(plainDepth.data(), plainDepth.name()).scenario(ID).title("Queue depth — without retries")
                        .yLabel("requests waiting").color("#3b82f6").build(),
                Chart.of(retryingGoodput.data(), retryingGoodput.name()).scenario(ID)
                        .title("Successful requests per second — with retries").yLabel("requests/s").color("#f59e0b").build(),
                Chart.of(plainGoodput.data(), plainGoodput.name()).scenario(ID)
                        .title("Successful requests per second — without retries").yLabel("requests/s").color("#10b981").build());
        return new ScenarioModel(ID, simulation, charts, "s");
    }
}
