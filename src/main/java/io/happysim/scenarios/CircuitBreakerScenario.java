package io.happysim.scenarios;

import io.happysim.instrumentation.CounterProbe;

import io.happysim.components.client.Client;
import io.happysim.components.faults.FaultSchedule;
import io.happysim.components.load.RateProfile;
import io.happysim.components.load.RequestProvider;
import io.happysim.components.load.Source;
import io.happysim.components.resilience.CircuitBreaker;
import io.happysim.components.server.Server;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.instrumentation.Probe;
import java.util.List;
import java.util.Locale;

/**
 * A circuit breaker in front of a dependency that fails for a while: it opens after a run of
 * failures, rejects at once while open (the dependency gets no traffic), lets one probe through
 * every open period, and closes again after enough good probes once the dependency has recovered
 * (the reference's §3.1 state machine; §12: opens on the k-th consecutive failure, half-open at
 * opened_at + open duration).
 *
 * <p>The dependency fails either with errors (every call answered with an error: a bad deploy,
 * a dead database) or by being slow (service × 40, far past the breaker's 0.5 s call timeout).
 */
public final class CircuitBreakerScenario implements Scenario {
    public static final String ID = "circuit-breaker";
    /** How much slower the dependency is in the "slow" failure mode. */
    static final double SLOWDOWN = 100.0;
    /** The breaker's deadline per call: a slow call counts as a failure after it. */
    static final double CALL_TIMEOUT = 0.5;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Circuit breaker: open, probe, close";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.number("rate", "Request rate", 10.0, 0.1, 1000.0, "req/s", "Poisson requests into the client"),
                Parameter.number("service_time", "Dependency service time", 0.05, 0.0001, 10.0, "s",
                        "exponential mean; the dependency has 8 workers"),
                Parameter.choice("failure_mode", "How the dependency fails", "errors", List.of("errors", "slow"),
                        "errors: calls are answered with an error; slow: service × " + (long) SLOWDOWN
                                + ", past the breaker's " + CALL_TIMEOUT + " s call timeout"),
                Parameter.number("error_probability", "Error probability", 1.0, 0.0, 1.0, "",
                        "share of calls answered with an error during the outage (errors mode)"),
                Parameter.number("outage_start", "Outage start", 20.0, 0.0, 100_000.0, "s", "when the dependency starts failing"),
                Parameter.number("outage_duration", "Outage length", 20.0, 0.01, 100_000.0, "s", "how long it fails"),
                Parameter.integer("failure_threshold", "Failure threshold", 5, 1L, 1000L, "",
                        "consecutive failed calls that open the breaker"),
                Parameter.number("open_duration", "Open duration", 5.0, 0.01, 3600.0, "s",
                        "how long the breaker stays open before it lets a probe through"),
                Parameter.integer("success_threshold", "Success threshold", 2, 1L, 100L, "",
                        "successful probes in a row that close it again"),
                Parameter.number("duration", "Duration", 60.0, 1.0, 100_000.0, "s", "simulated time"));
    }

    @Override
    public String description() {
        ParameterValues v = defaults();
        double start = v.number("outage_start");
        double end = start + v.number("outage_duration");
        double open = v.number("open_duration");
        return String.format(Locale.ROOT, "Poisson requests at %.0f/s go through a client and a circuit breaker to a dependency, "
                        + "which fails from %.0f s to %.0f s (every call answered with an error; choose 'slow' for a dependency "
                        + "that hangs past the breaker's %.1f s call timeout instead). Look at the breaker's state: closed (0) "
                        + "until %d failures in a row, a fraction of a second into the outage, then open (2): it rejects "
                        + "every request at once (rejected/s ≈ the request rate) and the dependency gets no calls (its failures "
                        + "per second drop to zero). Every %.0f s (opened_at + open duration) it turns half-open (1) and lets one "
                        + "probe through: during the outage the probe fails and it opens again; the first probes after %.0f s "
                        + "succeed, and %d good probes in a row close it. The client's success rate is 1 before, 0 during "
                        + "(failing fast instead of waiting), and 1 again within about %.0f s after the dependency recovers.",
                v.number("rate"), start, end, CALL_TIMEOUT, v.integer("failure_threshold"), open, end,
                v.integer("success_threshold"), open);
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        double start = values.number("outage_start");
        double end = start + values.number("outage_duration");
        boolean slow = "slow".equals(values.choice("failure_mode"));

        Server dependency = new Server("Dependency", 8, Distribution.exponential(values.number("service_time")), null);
        CircuitBreaker.Builder breakerBuilder = CircuitBreaker.builder("Breaker", dependency)
                .failureThreshold(values.integer("failure_threshold"))
                .successThreshold(values.integer("success_threshold"))
                .openDurationSeconds(values.number("open_duration"))
                .halfOpenMaxProbes(1);
        if (slow) {
            breakerBuilder.callTimeoutSeconds(CALL_TIMEOUT);
        }
        CircuitBreaker breaker = breakerBuilder.build();
        Client client = Client.builder("Client").target(breaker).timeout(2.0).build();
        Source source = new Source("Requests", RateProfile.constant(values.number("rate")), true, new RequestProvider(client));
        FaultSchedule outage = slow
                ? FaultSchedule.builder("Outage").slowdown(dependency, SLOWDOWN, start, end).build()
                : FaultSchedule.builder("Outage").errors(dependency, values.number("error_probability"), start, end).build();

        Probe state = Probe.on(breaker, "state_level", 0.05);
        CounterProbe rejected = CounterProbe.perSecond(breaker, "rejected_requests", 0.5);
        CounterProbe failed = CounterProbe.perSecond(breaker, "failed_requests", 0.5);
        CounterProbe success = CounterProbe.ratio(client, 1.0, "successes", "successes", "failures");
        Simulation simulation = Simulation.builder()
                .durationSeconds(values.number("duration"))
                .seed(seed)
                .sources(source)
                .entities(client, breaker, dependency, outage)
                .probes(state, rejected, failed, success)
                .build();
        List<Chart> charts = List.of(
                Chart.of(state.data(), state.name()).scenario(ID).title("Breaker state (0 closed, 1 half-open, 2 open)")
                        .yLabel("state").color("#8b5cf6").yRange(0.0, 2.0).build(),
                Chart.of(rejected.data(), rejected.name()).scenario(ID).title("Rejected by the breaker per second")
                        .yLabel("requests/s").color("#ef4444").build(),
                Chart.of(failed.data(), failed.name()).scenario(ID).title("Failed calls to the dependency per second")
                        .yLabel("calls/s").color("#f59e0b").build(),
                Chart.of(success.data(), success.name()).scenario(ID).title("Client success rate")
                        .yLabel("share of finished requests that succeeded").color("#10b981").yRange(0.0, 1.0).build());
        return new ScenarioModel(ID, simulation, charts, "s");
    }
}
