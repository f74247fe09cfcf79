package io.happysim.scenarios;

import io.happysim.instrumentation.CounterProbe;

import io.happysim.components.load.RateProfile;
import io.happysim.components.load.RequestProvider;
import io.happysim.components.load.Source;
import io.happysim.components.queueing.QueuePolicy;
import io.happysim.components.server.Server;
import io.happysim.components.sinks.Sink;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.instrumentation.Probe;
import java.util.List;
import java.util.Locale;

/**
 * Two identical servers side by side under the same overload, one queueing FIFO and one with
 * CoDel: the FIFO queue and its latency grow without bound, CoDel sheds the excess and keeps the
 * standing queue short.
 *
 * <p>Each server has its own source with the same Poisson rate (each its own seeded stream)
 * rather than one source split between them: so each lane is a textbook M/M/1 with λ > μ, whose
 * FIFO queue grows at exactly λ − μ; a round-robin split would give each server every other
 * arrival of a Poisson stream, which is no longer Poisson.
 */
public final class CodelUnderOverloadScenario implements Scenario {
    public static final String ID = "codel-under-overload";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "CoDel vs FIFO under overload";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.number("arrival_rate", "Arrival rate (λ), each server", 120.0, 0.001, 100_000.0, "req/s", "Poisson arrivals"),
                Parameter.number("service_time", "Mean service time (1/μ)", 0.010, 0.00001, 10.0, "s",
                        "exponential, one request at a time"),
                Parameter.number("target", "CoDel target", 0.005, 0.0001, 10.0, "s", "the waiting time CoDel aims for"),
                Parameter.number("interval", "CoDel interval", 0.100, 0.001, 100.0, "s",
                        "how long waiting may stay above the target before CoDel drops"),
                Parameter.number("duration", "Duration", 60.0, 1.0, 1_000_000.0, "s", "simulated time"));
    }

    @Override
    public String description() {
        ParameterValues v = defaults();
        double lambda = v.number("arrival_rate");
        double mu = 1 / v.number("service_time");
        double duration = v.number("duration");
        double interval = v.number("interval");
        return String.format(Locale.ROOT, "Two identical servers (one at a time, Exp(%.0f ms) service: μ = %.0f/s), each fed its own "
                + "Poisson stream of λ = %.0f requests/s: %.0f%% more than it can serve. One queues FIFO, the other "
                + "with CoDel (target %.0f ms, interval %.0f ms). "
                + "FIFO's queue grows at λ − μ = %.0f requests/s without bound — about %.0f waiting after %.0f s — and its "
                + "latency with it (depth/μ: ~%.0f s at the end). "
                + "CoDel sheds the excess instead — a little more than λ − μ = %.0f/s, since its server now and then idles "
                + "on a queue CoDel has just emptied; each shed request is refused at once — and keeps the standing queue "
                + "short, so its p99 latency stays flat, a few tenths of a second. "
                + "Be honest about what 'short' means: CoDel is made for senders that back off when dropped (TCP); under "
                + "open-loop Poisson overload it holds the queue at about one interval's worth of work — some μ·interval = "
                + "%.0f requests, ~%.0f ms of waiting — not near the %.0f ms target, because its drop rate has to ramp up "
                + "each time the queue builds again. And it has a ceiling: it drops at most one waiting request per request "
                + "served, so from about λ = 2μ on it cannot shed the λ − μ ≥ μ needed and its queue grows too.",
                v.number("service_time") * 1e3, mu, lambda, 100 * (lambda / mu - 1), v.number("target") * 1e3, interval * 1e3,
                lambda - mu, (lambda - mu) * duration, duration, (lambda - mu) * duration / mu,
                lambda - mu, mu * interval, interval * 1e3, v.number("target") * 1e3);
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        double lambda = values.number("arrival_rate");
        Distribution service = Distribution.exponential(values.number("service_time"));
        Sink fifoDone = new Sink("FIFO-Sink");
        Sink codelDone = new Sink("CoDel-Sink");
        Server fifo = new Server("FIFO", 1, service, fifoDone, QueuePolicy.fifo());
        Server codel = new Server("CoDel", 1, service, codelDone,
                QueuePolicy.codel(values.number("target"), values.number("interval"), Integer.MAX_VALUE));
        Source fifoLoad = new Source("FIFO-Load", RateProfile.constant(lambda), true, new RequestProvider(fifo));
        Source codelLoad = new Source("CoDel-Load", RateProfile.constant(lambda), true, new RequestProvider(codel));
        Probe fifoDepth = Probe.on(fifo, "depth", 0.1);
        Probe codelDepth = Probe.on(codel, "depth", 0.1);
        CounterProbe shed = CounterProbe.perSecond(codel, "dropped", 1.0);
        Simulation simulation = Simulation.builder()
                .durationSeconds(values.number("duration"))
                .seed(seed)
                .sources(fifoLoad, codelLoad)
                .entities(fifo, fifoDone, codel, codelDone)
                .probes(fifoDepth, codelDepth, shed)
                .build();
        List<Chart> charts = List.of(
                Chart.of(fifoDepth.data(), fifoDepth.name()).scenario(ID).title("FIFO: requests waiting")
                        .yLabel("requests").color("#ef4444").build(),
                Chart.of(codelDepth.data(), codelDepth.name()).scenario(ID).title("CoDel: requests waiting")
                        .yLabel("requests").color("#10b981").build(),
                Chart.of(fifoDone.latencies(), fifoDone.name() + ".latency").scenario(ID).title("FIFO: latency p99 per second")
                        .transform(ChartTransform.P99).yLabel("seconds").color("#ef4444").build(),
                Chart.of(codelDone.latencies(), codelDone.name() + ".latency").scenario(ID).title("CoDel: latency p99 per second")
                        .transform(ChartTransform.P99).yLabel("seconds").color("#10b981").build(),
                Chart.of(shed.data(), shed.name()).scenario(ID).title("CoDel: requests shed per second")
                        .yLabel("requests/s").color("#f59e0b").build());
        return new ScenarioModel(ID, simulation, charts);
    }
}
