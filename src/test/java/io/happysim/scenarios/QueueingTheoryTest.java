package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.happysim.components.server.Server;
import io.happysim.components.sinks.Sink;
import io.happysim.core.Event;
import io.happysim.core.EventListener;
import io.happysim.core.Simulation;
import org.junit.jupiter.api.Test;

/**
 * The engine against queueing theory: long seeded runs of M/M/1 and M/M/c must give the analytic
 * mean time in system within 3%, and Little's law L = λW must hold for the measured quantities.
 * About a million customers each, after a warm-up cut; a few seconds in all.
 */
class QueueingTheoryTest {
    private static final double WARM_UP_SECONDS = 1_000;

    @Test
    void mm1AtUtilisation08MatchesOneOverMuMinusLambda() {
        MmcClusterScenario mm1 = new MmcClusterScenario(1, 8.0, 10.0, 126_000);
        Measured measured = measure(mm1);
        assertEquals(0.5, mm1.analyticMeanTimeInSystem(), 1e-12);
        assertEquals(mm1.analyticMeanTimeInSystem(), measured.meanTimeInSystem, 0.03 * mm1.analyticMeanTimeInSystem());
        assertEquals(measured.arrivalRate * measured.meanTimeInSystem, measured.meanInSystem,
                0.01 * measured.meanInSystem, "Little's law");
        assertEquals(8.0, measured.arrivalRate, 0.08);
    }

    @Test
    void mm3AtUtilisation07MatchesErlangC() {
        MmcClusterScenario mm3 = new MmcClusterScenario(3, 21.0, 10.0, 50_000);
        Measured measured = measure(mm3);
        double analytic = MmcClusterScenario.erlangC(3, 2.1) / (30 - 21.0) + 0.1;
        assertEquals(analytic, mm3.analyticMeanTimeInSystem(), 1e-12);
        assertEquals(analytic, measured.meanTimeInSystem, 0.03 * analytic);
        assertEquals(measured.arrivalRate * measured.meanTimeInSystem, measured.meanInSystem,
                0.01 * measured.meanInSystem, "Little's law");
    }

    @Test
    void timeWeightedUtilisationAndWarmUpStatisticsMatchMmc() {
        int c = 3;
        double lambda = 21.0;
        double mu = 10.0;
        double analyticW = MmcClusterScenario.erlangC(c, lambda / mu) / (c * mu - lambda) + 1 / mu;
        for (long seed = 1; seed <= 3; seed++) {
            io.happysim.components.sinks.Sink sink = new io.happysim.components.sinks.Sink("Sink");
            Server server = new Server("Cluster", c, io.happysim.distributions.Distribution.exponential(1 / mu), sink);
            io.happysim.components.load.Source arrivals = io.happysim.components.load.Source.builder("Arrivals")
                    .rate(lambda).poisson().to(server).build();
            Simulation sim = Simulation.builder().seed(seed).durationSeconds(20_000).warmUpSeconds(WARM_UP_SECONDS)
                    .sources(arrivals).entities(server, sink).build();
            sim.run();
            assertEquals(lambda / (c * mu), server.utilization(), 0.03 * lambda / (c * mu), "ρ = λ/(cμ), seed " + seed);
            assertEquals(analyticW, sink.averageLatency(), 0.03 * analyticW, "Erlang C W after the warm-up, seed " + seed);
            assertEquals(sink.latencyStats().count(), (long) sink.latencies().between(WARM_UP_SECONDS, Double.POSITIVE_INFINITY).count(),
                    "the statistics cover exactly the requests finished after the warm-up");
        }
    }

    private record Measured(double meanTimeInSystem, double meanInSystem, double arrivalRate) {
    }

    /**
     * W from the sink's latencies of customers leaving after the warm-up; L as the time average of
     * the number in system over the same window (arrivals at the server minus departures at the
     * sink, integrated event by event); λ as arrivals per second in the window.
     */
    private static Measured measure(MmcClusterScenario scenario) {
        Simulation sim = scenario.build(2024).simulation();
        Server cluster = (Server) sim.entity("Cluster");
        Sink sink = (Sink) sim.entity("Sink");
        InSystem inSystem = new InSystem(cluster, sink, (long) (WARM_UP_SECONDS * 1e9));
        sim.addEventListener(inSystem);
        sim.run();
        double end = sim.endTime().toSeconds();
        inSystem.advanceTo(sim.endTime().nanos());
        double window = end - WARM_UP_SECONDS;
        double w = sink.latencies().between(WARM_UP_SECONDS, Double.POSITIVE_INFINITY).mean();
        Measured measured = new Measured(w, inSystem.area / window, inSystem.arrivalsAfterWarmUp / window);
        System.out.printf(java.util.Locale.ROOT, "%s: W = %.5f s (analytic %.5f, %+.2f%%), L = %.4f, λW = %.4f, %,d events%n",
                scenario.title(), w, scenario.analyticMeanTimeInSystem(),
                100 * (w / scenario.analyticMeanTimeInSystem() - 1), measured.meanInSystem, measured.arrivalRate * w,
                sim.eventsProcessed());
        return measured;
    }

    /** Integrates the number of customers in the system over time, from the warm-up cut on. */
    private static final class InSystem implements EventListener {
        private final Server cluster;
        private final Sink sink;
        private final long fromNanos;
        private long count;
        private long lastNanos;
        private double area;
        private long arrivalsAfterWarmUp;

        InSystem(Server cluster, Sink sink, long fromNanos) {
            this.cluster = cluster;
            this.sink = sink;
            this.fromNanos = fromNanos;
            this.lastNanos = fromNanos;
        }

        void advanceTo(long nanos) {
            if (nanos > lastNanos) {
                area += count * ((nanos - lastNanos) / 1e9);
                lastNanos = nanos;
            }
        }

        @Override
        public void onEvent(Event e) {
            advanceTo(e.timeNanos());
            if (e.target() == cluster) {
                count++;
                if (e.timeNanos() >= fromNanos) {
                    arrivalsAfterWarmUp++;
                }
            } else if (e.target() == sink) {
                count--;
            }
        }
    }
}
