package io.happysim.components.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.happysim.components.load.RateProfile;
import io.happysim.components.load.RequestProvider;
import io.happysim.components.load.Source;
import io.happysim.components.server.Server;
import io.happysim.core.Instant;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.LogCapture;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * The client against closed forms, over long seeded runs (three seeds each, every one within 3%):
 * the timeout fraction of attempts against an exponential server without queueing, the attempts
 * per request and the give-up fraction of a retrying client that ignores late replies, and the
 * retry rate a retry budget allows against a target that always fails.
 */
class ClientTheoryTest {
    private static final long[] SEEDS = {1, 2, 3};
    private static final double MEAN_SERVICE = 0.1;
    /** Far more than the λ · E[S] requests in service at once, so nothing ever queues. */
    private static final int NO_QUEUEING = 100_000;

    /** Poisson requests to {@code client} at {@code rate} for {@code loadSeconds}, then quiet until {@code endSeconds}, so every request finishes. */
    private static Source load(Client client, double rate, double loadSeconds) {
        return new Source("Source", RateProfile.constant(rate), true,
                new RequestProvider(client, "Request", Instant.ofSeconds(loadSeconds)));
    }

    @Test
    void theTimeoutFractionOfAttemptsIsTheServiceTimeTailBeyondTheTimeout() {
        double timeout = 0.7 * MEAN_SERVICE;
        double expected = Math.exp(-timeout / MEAN_SERVICE);   // P(S > t) = e^(−t/m) = 0.4966
        for (long seed : SEEDS) {
            Server server = new Server("Server", NO_QUEUEING, Distribution.exponential(MEAN_SERVICE), null);
            Client client = Client.builder("Client").target(server).timeout(timeout).build();
            Simulation sim = Simulation.builder().seed(seed).durationSeconds(25)
                    .sources(load(client, 1_000, 20)).entities(client, server).build();

            sim.run();

            assertEquals(0, client.inFlight());
            double fraction = (double) client.timeouts() / client.attempts();
            assertEquals(expected, fraction, 0.03 * expected, "seed " + seed + " over " + client.attempts() + " attempts");
            assertEquals(client.timeouts(), client.lateReplies(), "every timed-out attempt is answered later, and ignored");
        }
    }

    @Test
    void attemptsPerRequestAndGiveUpsFollowTheGeometricSeries() {
        double timeout = -Math.log(0.8) * MEAN_SERVICE;                                // t/m = 0.2231
        int maxAttempts = 3;
        double p = Math.exp(-timeout / MEAN_SERVICE);                                  // 0.8
        double expectedAttempts = (1 - Math.pow(p, maxAttempts)) / (1 - p);            // 2.44
        double expectedGiveUp = Math.pow(p, maxAttempts);                              // 0.512
        for (long seed : SEEDS) {
            Server server = new Server("Server", NO_QUEUEING, Distribution.exponential(MEAN_SERVICE), null);
            Client client = Client.builder("Client").target(server).timeout(timeout)
                    .retry(RetryPolicy.fixed(0.01, maxAttempts)).build();
            Simulation sim = Simulation.builder().seed(seed).durationSeconds(20)
                    .sources(load(client, 1_000, 15)).entities(client, server).build();

            sim.run();

            assertEquals(0, client.inFlight());
            double attemptsPerRequest = (double) client.attempts() / client.sent();
            double giveUp = (double) client.failures() / client.sent();
            assertEquals(expectedAttempts, attemptsPerRequest, 0.03 * expectedAttempts, "seed " + seed);
            assertEquals(expectedGiveUp, giveUp, 0.03 * expectedGiveUp, "seed " + seed + " over " + client.sent() + " requests");
        }
    }

    @Test
    void aRetryBudgetCapsTheLongRunRetryRateAtItsRefillRate() {
        double refill = 20;
        double loadSeconds = 100;
        for (long seed : SEEDS) {
            Server server = new Server("Server", NO_QUEUEING, Distribution.exponential(0.01), null);
            Client client = Client.builder("Client").target(server)
                    .retry(RetryPolicy.exponential(0.01, 2, 0.1, 4).withJitter(Jitter.FULL))
                    .retryBudget(RetryBudget.of(10, refill)).build();
            Simulation sim = Simulation.builder().seed(seed).durationSeconds(loadSeconds + 5)
                    .sources(load(client, 100, loadSeconds)).entities(client, server).build();
            server.setErrorProbability(1.0);

            try (LogCapture logs = new LogCapture(Level.INFO)) {
                sim.run();
                long budgetLines = logs.messages().stream().filter(m -> m.contains("retry budget")).count();
                assertEquals(1, budgetLines, "dry once, for good: the storm never lets it refill to half");
            }

            assertEquals(0, client.successes());
            double retryRate = client.retries() / loadSeconds;
            assertEquals(refill, retryRate, 0.03 * refill, "seed " + seed + ": " + client.retries() + " retries");
            assertEquals(client.sent(), client.failures());
        }
    }
}
