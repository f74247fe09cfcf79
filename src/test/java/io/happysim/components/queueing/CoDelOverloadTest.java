package io.happysim.components.queueing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.load.Source;
import io.happysim.components.server.Server;
import io.happysim.components.sinks.Sink;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.EventListener;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Sustained overload, ρ = λ/μ = 1.2 (Poisson arrivals at 120/s, exponential service of mean
 * 10 ms): FIFO's queue grows without bound at λ − μ = 20 requests/s; CoDel (target 5 ms, interval
 * 100 ms) sheds the excess and its standing queue stays bounded, at about one interval of work.
 *
 * <p>Why an interval and not the target: CoDel tolerates a queue above target for a whole
 * interval before it drops, and against open-loop arrivals (which do not slow down when dropped,
 * unlike TCP) its drop rate must ramp up as √count/interval each time congestion returns, so the
 * queue oscillates around μ·interval = 10 requests rather than μ·target = 0.5.
 */
class CoDelOverloadTest {
    private static final double LAMBDA = 120;
    private static final double MU = 100;
    private static final double TARGET = CoDelQueue.DEFAULT_TARGET_SECONDS;
    private static final double INTERVAL = CoDelQueue.DEFAULT_INTERVAL_SECONDS;
    private static final long[] SEEDS = {1, 2, 3};

    /** Time-averages of the server's depth over each quarter of the run, integrated event by event. */
    private static final class DepthByQuarter implements EventListener {
        private final Server server;
        private final long quarterNanos;
        private final double[] area = new double[4];
        private long lastNanos;
        private int lastDepth;

        DepthByQuarter(Server server, double seconds) {
            this.server = server;
            this.quarterNanos = (long) (seconds / 4 * 1e9);
        }

        @Override
        public void onEvent(Event e) {
            advanceTo(e.timeNanos());
            lastDepth = server.depth();
        }

        void advanceTo(long nanos) {
            while (lastNanos < nanos) {
                int quarter = (int) Math.min(3, lastNanos / quarterNanos);
                long until = Math.min(nanos, (quarter + 1) * quarterNanos);
                if (quarter == 3) {
                    until = nanos;
                }
                area[quarter] += lastDepth * ((until - lastNanos) / 1e9);
                lastNanos = until;
            }
        }

        double mean(int quarter) {
            return area[quarter] / (quarterNanos / 1e9);
        }
    }

    private record Measured(int finalDepth, double secondQuarterDepth, double lastQuarterDepth, double meanSojourn,
                            long completed) {
    }

    private static Measured run(QueuePolicy policy, long seed, double seconds, boolean timeSojourns) {
        Sink sink = new Sink();
        Server server = new Server("Server", 1, Distribution.exponential(1 / MU), timeSojourns ? sink : null, policy);
        Source arrivals = Source.poisson(LAMBDA, server);
        Entity[] entities = timeSojourns ? new Entity[] {server, sink} : new Entity[] {server};
        Simulation sim = Simulation.builder().seed(seed).durationSeconds(seconds).sources(arrivals).entities(entities).build();
        DepthByQuarter depth = new DepthByQuarter(server, seconds);
        sim.addEventListener(depth);
        sim.run();
        depth.advanceTo((long) (seconds * 1e9));
        Measured measured = new Measured(server.depth(), depth.mean(1), depth.mean(3), sink.averageLatency(), server.completed());
        System.out.printf(Locale.ROOT, "%s seed %d: %s, %,d events%n", policy, seed, measured, sim.eventsProcessed());
        return measured;
    }

    @Test
    void fifoGrowsWithoutBoundAtLambdaMinusMu() {
        double seconds = 2_500;
        double expected = LAMBDA - MU;
        double pooled = 0;
        for (long seed : SEEDS) {
            Measured fifo = run(QueuePolicy.fifo(), seed, seconds, false);
            double growth = fifo.finalDepth() / seconds;
            // one seed: sd of the final depth ≈ √((λ+μ)T) = 742, 1.5% of (λ−μ)T = 50,000; 6% is 4 sd
            assertEquals(expected, growth, 0.06 * expected, "seed " + seed);
            pooled += growth / SEEDS.length;
        }
        assertEquals(expected, pooled, 0.03 * expected, "(λ−μ) within 3% over three seeds");
    }

    @Test
    void coDelHoldsTheStandingQueueToAboutAnIntervalOfWork() {
        double seconds = 300;
        double intervalOfWork = MU * INTERVAL;   // 10 requests
        for (long seed : SEEDS) {
            Measured codel = run(QueuePolicy.codel(), seed, seconds, true);
            // FIFO would hold (λ−μ)·t: 1,500 on average over the second quarter, 4,500 over the last
            assertTrue(codel.lastQuarterDepth() <= 2 * intervalOfWork, "mean depth " + codel.lastQuarterDepth());
            assertEquals(codel.secondQuarterDepth(), codel.lastQuarterDepth(), 0.25 * codel.secondQuarterDepth(),
                    "no growth from the second quarter to the last");
            assertTrue(codel.meanSojourn() <= INTERVAL + TARGET + 1 / MU, "mean sojourn of served " + codel.meanSojourn());
            assertTrue(codel.completed() >= 0.9 * MU * seconds, "it sheds the excess but keeps the server busy");
        }
    }
}
