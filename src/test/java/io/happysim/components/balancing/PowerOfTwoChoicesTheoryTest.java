package io.happysim.components.balancing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.load.RateProfile;
import io.happysim.components.load.RequestProvider;
import io.happysim.components.load.Source;
import io.happysim.components.server.Server;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.logging.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Mitzenmacher's supermarket model: N = 100 identical M/M/1 backends (concurrency 1, exponential
 * service of mean 1 s), Poisson arrivals at ρ·N per second, ρ = 0.9. The measure is the
 * time-weighted mean number in system per backend, integrated exactly event by event (the
 * balancer's requests forwarded minus responses received is the number in system).
 *
 * <ul>
 *   <li>Random routing splits a Poisson stream into independent Poisson streams: each backend is
 *       an M/M/1 queue with L = ρ/(1−ρ) = 9. The run starts in that stationary state (each queue
 *       filled with a geometric number, P(n) = (1−ρ)ρⁿ; service is memoryless), so nothing is
 *       discarded. Precision: the time average of an M/M/1 queue length has asymptotic variance
 *       2ρ(1+ρ)/(μ(1−ρ)⁴)·1/T (Whitt, "Planning queueing simulations", 1989) = 34,200/T at ρ = 0.9;
 *       over N·T = 2.5 million server-seconds that is a standard error of 1.3% of 9, so 3% is 2.3 σ.
 *       About 19 million events per seed: the length that a 3% check at ρ = 0.9 costs.</li>
 *   <li>Power of two choices: as N → ∞ the mean number per queue tends to Σ_{k≥1} ρ^(2^k−1) = 2.3527
 *       (Mitzenmacher 2001; Vvedenskaya, Dobrushin and Karpelevich 1996). Measured here at N = 100
 *       over six seeds of 4,000 s: mean 2.376, i.e. the finite system sits +1.0% above the limit,
 *       and a 4,000-s run's mean varies by 2.0% (standard deviation) from seed to seed — the total
 *       number in system drifts with the arrival count. So the limit is checked within 8% (the
 *       excess plus 3.5 standard deviations), which still tells d = 2 (2.35) from d = 3 (1.83) and
 *       from random routing (9); the required claim is the gap to random routing.</li>
 * </ul>
 */
class PowerOfTwoChoicesTheoryTest {
    private static final int BACKENDS = 100;
    private static final double RHO = 0.9;
    private static final double MM1 = RHO / (1 - RHO);
    private static final double RANDOM_SECONDS = 25_000;
    private static final double P2C_WARM_UP_SECONDS = 200;
    private static final double P2C_SECONDS = 4_000;

    /** The supermarket model's limit for d choices: Σ_{k≥1} ρ^((d^k − 1)/(d − 1)), the mean number in system per queue. */
    private static double supermarketLimit(double rho, int d) {
        double sum = 0;
        for (int k = 1; k < 40; k++) {
            sum += Math.pow(rho, (Math.pow(d, k) - 1) / (d - 1));
        }
        return sum;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomRoutingMakesEachBackendAnMm1Queue(long seed) {
        assertEquals(9.0, MM1, 1e-12);

        double random = meanInSystemPerBackend(LoadBalancingStrategy.random(), seed, true, 0, RANDOM_SECONDS);
        System.out.printf(Locale.ROOT, "seed %d: random routing L = %.4f (M/M/1 %.1f, %+.2f%%)%n",
                seed, random, MM1, 100 * (random / MM1 - 1));

        assertEquals(MM1, random, 0.03 * MM1, "random routing: each backend an M/M/1 queue, L = ρ/(1−ρ)");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void powerOfTwoChoicesQueuesFarLessNearTheSupermarketLimit(long seed) {
        double limit = supermarketLimit(RHO, 2);
        assertEquals(2.3527, limit, 1e-4);
        assertEquals(1.83, supermarketLimit(RHO, 3), 0.01);

        double twoChoices = meanInSystemPerBackend(LoadBalancingStrategy.powerOfTwoChoices(), seed, false,
                P2C_WARM_UP_SECONDS, P2C_SECONDS);
        System.out.printf(Locale.ROOT, "seed %d: power of two choices L = %.4f (limit %.4f, %+.2f%%; random routing %.1f)%n",
                seed, twoChoices, limit, 100 * (twoChoices / limit - 1), MM1);

        assertTrue(twoChoices < MM1 / 3, "power of two choices queues far less than random routing's " + MM1 + ": " + twoChoices);
        assertEquals(limit, twoChoices, 0.08 * limit, "power of two choices: near the supermarket model's limit");
    }

    /**
     * Runs the farm and returns the time-weighted mean number in system per backend over
     * [warmUp, warmUp + seconds]. With {@code stationaryStart}, each backend starts with a geometric
     * number of requests (sent to it directly at time 0 and tracked by their replies).
     */
    private static double meanInSystemPerBackend(LoadBalancingStrategy strategy, long seed, boolean stationaryStart,
                                                 double warmUpSeconds, double seconds) {
        List<Server> backends = new ArrayList<>();
        for (int i = 0; i < BACKENDS; i++) {
            backends.add(new Server("Backend-" + i, 1, Distribution.exponential(1.0), null));
        }
        LoadBalancer lb = new LoadBalancer("LB", backends, strategy);
        Source clients = new Source("Clients", RateProfile.constant(RHO * BACKENDS), true, new RequestProvider(lb));
        Simulation sim = Simulation.builder().seed(seed).durationSeconds(warmUpSeconds + seconds)
                .sources(clients).entities(lb).entities(backends).build();

        long[] initialLeft = {0};
        if (stationaryStart) {
            SplittableRandom fill = new SplittableRandom(seed);
            for (Server backend : backends) {
                int n = (int) Math.floor(Math.log(1 - fill.nextDouble()) / Math.log(RHO));
                for (int i = 0; i < n; i++) {
                    SimFuture<Response> done = SimFuture.pending();
                    done.onSettle(r -> initialLeft[0]--);
                    initialLeft[0]++;
                    sim.schedule(new Event(Instant.EPOCH, "Request", backend).withReply(done));
                }
            }
        }
        // the count is constant between events: each interval is charged with the count left by the event before it
        long fromNanos = Instant.secondsToNanos(warmUpSeconds);
        double[] area = {0};
        long[] last = {fromNanos};
        long[] inSystem = {initialLeft[0]};
        sim.addEventListener(e -> {
            long t = e.timeNanos();
            if (t > last[0]) {
                area[0] += inSystem[0] * ((t - last[0]) / 1e9);
                last[0] = t;
            }
            inSystem[0] = lb.requestsForwarded() - lb.responsesReceived() + initialLeft[0];
        });
        try (LogCapture quiet = new LogCapture(Level.WARNING)) {
            sim.run();
        }
        area[0] += inSystem[0] * ((sim.endTime().nanos() - last[0]) / 1e9);
        return area[0] / seconds / BACKENDS;
    }
}
