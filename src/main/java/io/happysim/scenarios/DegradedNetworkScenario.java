package io.happysim.scenarios;

import io.happysim.instrumentation.CounterProbe;

import io.happysim.components.client.Client;
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
import java.util.List;
import java.util.Locale;

/**
 * §11 d of the reference: a client calls a server across a datacenter link that degrades in
 * phases — normal, a latency spike, packet loss, both, recovery — so the round trip and the
 * goodput step at each phase boundary by amounts the closed forms give.
 */
public final class DegradedNetworkScenario implements Scenario {
    public static final String ID = "degraded-network";
    /** The datacenter preset's one-way delay: 0.5 ms latency + 0.1 ms jitter. */
    private static final double HOP_SECONDS = LinkProfile.datacenter().meanDelaySeconds(0);
    private static final int PHASES = 5;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Degraded network: latency and loss in phases";
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.number("rate", "Request rate", 50.0, 0.1, 2000.0, "req/s", "evenly spaced requests from the client"),
                Parameter.number("phase_length", "Phase length", 20.0, 1.0, 3600.0, "s",
                        "each of the five phases (normal, latency, loss, both, recovery) lasts this long"),
                Parameter.number("extra_latency", "Extra latency (phase 2)", 0.050, 0.0, 10.0, "s", "added to each hop, both ways"),
                Parameter.number("loss", "Packet loss (phase 3)", 0.15, 0.0, 1.0, "", "chance each hop loses a message"),
                Parameter.number("both_latency", "Extra latency (phase 4)", 0.100, 0.0, 10.0, "s", "added to each hop, with the loss below"),
                Parameter.number("both_loss", "Packet loss (phase 4)", 0.10, 0.0, 1.0, "", "chance each hop loses a message"),
                Parameter.number("service_time", "Mean service time", 0.005, 0.0001, 10.0, "s",
                        "exponential; the server serves every request at once (no queue)"),
                Parameter.number("timeout", "Client timeout", 0.5, 0.001, 60.0, "s",
                        "a lost request is silent: the client notices it only when this timer fires"));
    }

    @Override
    public String description() {
        ParameterValues v = defaults();
        double rate = v.number("rate");
        double phase = v.number("phase_length");
        double service = v.number("service_time");
        double loss = v.number("loss");
        double bothLoss = v.number("both_loss");
        double timeout = v.number("timeout");
        return String.format(Locale.ROOT, "A client sends %.0f requests/s (evenly spaced) to a server over a datacenter link "
                + "(%.1f ms each way); the server takes Exp(%.0f ms) and serves every request at once; no retries. "
                + "A fault schedule degrades the link, both ways, in five phases of %.0f s: normal, +%.0f ms per hop, "
                + "%.0f%% packet loss per hop, +%.0f ms with %.0f%% loss, then recovered (the graph marks the link while a fault lasts). "
                + "Watch the round-trip charts step at each boundary: RTT = 2·(%.1f ms + extra) + %.0f ms, "
                + "so %.1f ms normally, %.1f ms in phase 2 and %.1f ms in phase 4. "
                + "A request succeeds only if both hops deliver it, (1 − p)²: goodput falls to %.1f/s in phase 3 "
                + "(%.2f%% lost, not %.0f%%) and to %.1f/s in phase 4 (%.0f%% lost). "
                + "A loss is silent, so the client (timeout %.1f s, above the slowest round trip of ~%.0f ms) "
                + "hears of it only when its timer fires: the lost-requests chart runs %.1f s behind the phases.",
                rate, HOP_SECONDS * 1e3, service * 1e3, phase, v.number("extra_latency") * 1e3,
                loss * 100, v.number("both_latency") * 1e3, bothLoss * 100,
                HOP_SECONDS * 1e3, service * 1e3,
                roundTrip(0, service) * 1e3, roundTrip(v.number("extra_latency"), service) * 1e3,
                roundTrip(v.number("both_latency"), service) * 1e3,
                rate * delivered(loss), 100 * (1 - delivered(loss)), loss * 100,
                rate * delivered(bothLoss), 100 * (1 - delivered(bothLoss)),
                timeout, roundTrip(v.number("both_latency"), service) * 1e3, timeout);
    }

    /** RTT = 2·(hop + extra) + E[service]. */
    private static double roundTrip(double extraPerHopSeconds, double meanServiceSeconds) {
        return 2 * (HOP_SECONDS + extraPerHopSeconds) + meanServiceSeconds;
    }

    /** The chance a request and its reply both get through two hops that each lose {@code loss}: (1 − p)². */
    private static double delivered(double loss) {
        return (1 - loss) * (1 - loss);
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        double phase = values.number("phase_length");
        Server server = new Server("Server", 1_000, Distribution.exponential(values.number("service_time")), null);
        Network network = new Network("Network", LinkProfile.datacenter());
        Client client = Client.builder("Client").target(server).via(network).timeout(values.number("timeout")).build();
        Link link = network.link(client, server);
        Source requests = new Source("Requests", RateProfile.constant(values.number("rate")), false, new RequestProvider(client));
        FaultSchedule faults = FaultSchedule.builder("Faults")
                .latency(link, values.number("extra_latency"), phase, 2 * phase)
                .loss(link, values.number("loss"), 2 * phase, 3 * phase)
                .latency(link, values.number("both_latency"), 3 * phase, 4 * phase)
                .loss(link, values.number("both_loss"), 3 * phase, 4 * phase)
                .build();
        CounterProbe goodput = CounterProbe.perSecond(client, "successes", 1.0);
        CounterProbe lost = CounterProbe.perSecond(client, "failures", 1.0);
        Simulation simulation = Simulation.builder()
                .durationSeconds(PHASES * phase)
                .seed(seed)
                .sources(requests)
                .entities(client, link, server, faults)
                .probes(goodput, lost)
                .build();
        String roundTrips = client.name() + ".latency";
        List<Chart> charts = List.of(
                Chart.of(client.latencies(), roundTrips).scenario(ID).title("Round-trip time (mean per second)")
                        .transform(ChartTransform.MEAN).yLabel("seconds").build(),
                Chart.of(client.latencies(), roundTrips).scenario(ID).title("Round-trip time (p99 per second)")
                        .transform(ChartTransform.P99).yLabel("seconds").color("#f59e0b").build(),
                Chart.of(goodput.data(), goodput.name()).scenario(ID).title("Goodput (successful requests per second)")
                        .yLabel("requests/s").color("#10b981").build(),
                Chart.of(lost.data(), lost.name()).scenario(ID).title("Lost requests per second (heard at the timeout)")
                        .yLabel("requests/s").color("#ef4444").build());
        return new ScenarioModel(ID, simulation, charts);
    }
}
