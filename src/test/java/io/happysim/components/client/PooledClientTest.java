package io.happysim.components.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.components.load.Source;
import io.happysim.components.server.Server;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import io.happysim.core.Simulation;
import io.happysim.distributions.Distribution;
import io.happysim.testing.History;
import io.happysim.testing.Scripted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pool hands connections to waiters as soon as they are free, never opens more than its maximum, and gets a connection back only when the target is done with it. */
class PooledClientTest {
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    /** A target that answers every attempt after one second and records (time, request, connection). */
    private static final class SlowTarget {
        final List<String> served = new ArrayList<>();
        final Scripted entity = new Scripted("Target", (self, attempt) -> {
            served.add(self.nowNanos() / MS + "ms:r" + attempt.context().get("request_id") + ":c" + attempt.context().get("connection_id"));
            self.later(attempt, SECOND, done -> done.replyWith(self, null));
        });
    }

    private static SimFuture<Response> request(Simulation sim, io.happysim.core.Entity client, long atNanos, long id) {
        SimFuture<Response> reply = SimFuture.pending();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("request_id", id);
        sim.schedule(new Event(atNanos, "Request", client, false, context).withReply(reply));
        return reply;
    }

    @Test
    void anExhaustedPoolServesItsWaitersInOrderAsConnectionsComeBack() {
        SlowTarget target = new SlowTarget();
        ConnectionPool pool = ConnectionPool.builder("Pool", target.entity).maxConnections(1).build();
        PooledClient client = PooledClient.builder("Client", pool).build();
        Simulation sim = Simulation.builder().entities(client, pool, target.entity).build();
        for (int id = 1; id <= 3; id++) {
            request(sim, client, (id - 1) * 100 * MS, id);
        }
        int[] waitingAtHalfSecond = new int[1];
        sim.once(Instant.ofSeconds(0.5), "look", e -> waitingAtHalfSecond[0] = pool.pendingRequests());
        int[] idleAndActiveAfterwards = new int[2];
        sim.once(Instant.ofSeconds(3.5), "look again", e -> {
            idleAndActiveAfterwards[0] = pool.idleConnections();
            idleAndActiveAfterwards[1] = pool.activeConnections();
        });

        sim.run();

        assertEquals(List.of("10ms:r1:c1", "1010ms:r2:c1", "2010ms:r3:c1"), target.served,
                "each waiter gets the connection the moment it is released, first come first served");
        assertEquals(2, waitingAtHalfSecond[0]);
        assertEquals(1L, pool.metrics().get("connections_created"));
        assertEquals(3L, pool.metrics().get("releases"));
        assertEquals(3, client.successes());
        // waits: 0.01 (opening), 0.91 and 1.81 (in line), over three acquisitions
        assertEquals((0.01 + 0.91 + 1.81) / 3, pool.averageWaitTime(), 1e-9);
        assertEquals(1, idleAndActiveAfterwards[0]);
        assertEquals(0, idleAndActiveAfterwards[1]);
        assertEquals(1L, pool.metrics().get("connections_closed"), "idle for the default 60 s, then closed");
        assertEquals(63_010 * MS, sim.nowNanos());
    }

    @Test
    void aCallerWithoutAConnectionWithinTheTimeoutFailsWithoutARetry() {
        SlowTarget target = new SlowTarget();
        ConnectionPool pool = ConnectionPool.builder("Pool", target.entity).maxConnections(1).connectionTimeout(0.5).build();
        PooledClient client = PooledClient.builder("Client", pool).retry(RetryPolicy.fixed(0.0, 3)).build();
        Simulation sim = Simulation.builder().entities(client, pool, target.entity).build();
        request(sim, client, 0, 1);
        SimFuture<Response> second = request(sim, client, 100 * MS, 2);
        long[] failedAt = {-1};
        second.onSettle(r -> failedAt[0] = sim.nowNanos());

        sim.run();

        assertEquals(List.of("10ms:r1:c1"), target.served);
        assertEquals(Failure.Kind.TIMEOUT, second.failure().kind());
        assertEquals("Pool", second.failure().where());
        assertEquals(600 * MS, failedAt[0]);
        assertEquals(1, client.connectionWaitTimeouts());
        assertEquals(1, client.failures());
        assertEquals(1, client.attempts(), "no attempt was sent for the request that got no connection");
        assertEquals(1L, pool.metrics().get("timeouts"));
        assertEquals(0, pool.pendingRequests());
    }

    @Test
    void concurrentCallersNeverOpenMoreThanTheMaximum() {
        SlowTarget target = new SlowTarget();
        ConnectionPool pool = ConnectionPool.builder("Pool", target.entity).maxConnections(2).build();
        PooledClient client = PooledClient.builder("Client", pool).build();
        Simulation sim = Simulation.builder().entities(client, pool, target.entity).build();
        for (int id = 1; id <= 5; id++) {
            request(sim, client, 0, id);
        }
        int[] totalWhileOpening = new int[1];
        sim.once(Instant.ofSeconds(0.005), "look", e -> totalWhileOpening[0] = pool.totalConnections());

        sim.run();

        assertEquals(2, totalWhileOpening[0], "the two opening connections count at once");
        assertEquals(2L, pool.connectionsCreated());
        assertEquals(List.of("10ms:r1:c1", "10ms:r2:c2", "1010ms:r3:c1", "1010ms:r4:c2", "2010ms:r5:c1"), target.served);
    }

    @Test
    void aTimedOutAttemptKeepsItsConnectionUntilTheTargetAnswers() {
        SlowTarget target = new SlowTarget();
        ConnectionPool pool = ConnectionPool.builder("Pool", target.entity).maxConnections(1).build();
        PooledClient client = PooledClient.builder("Client", pool).timeout(0.3).build();
        Simulation sim = Simulation.builder().entities(client, pool, target.entity).build();
        request(sim, client, 0, 1);
        request(sim, client, 500 * MS, 2);

        sim.run();

        assertEquals(List.of("10ms:r1:c1", "1010ms:r2:c1"), target.served,
                "the target holds the first connection until it answers at 1.01 s, not until the timeout at 0.31 s");
        assertEquals(2, client.timeouts());
        assertEquals(2, client.lateReplies());
        assertEquals(2L, pool.metrics().get("releases"));
    }

    @Test
    void idleConnectionsCloseDownToTheMinimumWhichIsOpenedAtTheStart() {
        SlowTarget target = new SlowTarget();
        ConnectionPool pool = ConnectionPool.builder("Pool", target.entity)
                .minConnections(1).maxConnections(3).idleTimeout(2.0).build();
        PooledClient client = PooledClient.builder("Client", pool).build();
        Simulation sim = Simulation.builder().entities(client, pool, target.entity).build();
        for (int id = 1; id <= 3; id++) {
            request(sim, client, 0, id);
        }
        int[] idleAtTwoSeconds = new int[1];
        sim.once(Instant.ofSeconds(2), "look", e -> idleAtTwoSeconds[0] = pool.idleConnections());

        sim.run();

        assertEquals(3L, pool.connectionsCreated(), "the warm-up connection and two more, no more than the maximum");
        assertEquals(3, idleAtTwoSeconds[0]);
        assertEquals(2L, pool.metrics().get("connections_closed"));
        assertEquals(1, pool.totalConnections());
        assertEquals(1, pool.idleConnections());
        assertEquals(3_010 * MS, sim.nowNanos(), "the last check at 1.01 + 2 s ends the run");
    }

    @Test
    void aReusedConnectionIsNotClosedByAnOldIdleCheck() {
        SlowTarget target = new SlowTarget();
        ConnectionPool pool = ConnectionPool.builder("Pool", target.entity).maxConnections(1).idleTimeout(0.5).build();
        PooledClient client = PooledClient.builder("Client", pool).build();
        Simulation sim = Simulation.builder().entities(client, pool, target.entity).build();
        request(sim, client, 0, 1);            // connection idle from 1.01 s
        request(sim, client, 1_200 * MS, 2);   // takes it again before its idle check at 1.51 s

        sim.run();

        assertEquals(List.of("10ms:r1:c1", "1200ms:r2:c1"), target.served);
        assertEquals(1L, pool.connectionsCreated());
        assertEquals(1L, pool.metrics().get("connections_closed"), "closed once, 0.5 s after its last use at 2.2 s");
        assertEquals(2_700 * MS, sim.nowNanos());
    }

    @Test
    void releasingTwiceOrSomethingUnknownChangesNothing() {
        SlowTarget target = new SlowTarget();
        ConnectionPool pool = ConnectionPool.builder("Pool", target.entity).build();
        ConnectionPool other = ConnectionPool.builder("Other", target.entity).build();
        Simulation sim = Simulation.builder().entities(pool, other, target.entity).build();
        List<Connection> got = new ArrayList<>();
        sim.once(Instant.EPOCH, "take", e -> pool.acquire().onSettle(f -> got.add(f.value())));
        sim.once(Instant.ofSeconds(1), "give back", e -> {
            pool.release(got.get(0));
            pool.release(got.get(0));
            other.release(got.get(0));
        });
        int[] idle = new int[1];
        sim.once(Instant.ofSeconds(2), "look", e -> idle[0] = pool.idleConnections());

        sim.run();

        assertEquals(1L, pool.metrics().get("releases"));
        assertEquals(0L, other.metrics().get("releases"));
        assertEquals(1, idle[0]);
    }

    @Test
    void aResetRunEqualsAFreshOne() {
        String[] first = run(5, false);
        String[] again = run(5, true);
        assertEquals(first[0], again[0]);
        assertEquals(first[1], again[1]);
        assertTrue(first[1].contains("timeouts=") && !first[1].contains(", timeouts=0,"), first[1]);
    }

    private static String[] run(long seed, boolean resetFirst) {
        Server server = new Server("Server", 8, Distribution.exponential(0.1), null);
        ConnectionPool pool = ConnectionPool.builder("Pool", server).minConnections(2).maxConnections(4)
                .connectionTimeout(0.2).idleTimeout(1.0).connectionLatency(Distribution.exponential(0.01)).build();
        PooledClient client = PooledClient.builder("Client", pool).timeout(0.2)
                .retry(RetryPolicy.exponential(0.02, 2, 0.5, 3).withJitter(Jitter.EQUAL)).build();
        Source source = Source.poisson(25, client);
        Simulation sim = Simulation.builder().seed(seed).durationSeconds(20).sources(source).entities(client, pool, server).build();
        if (resetFirst) {
            sim.run();
            sim.reset();
        }
        History history = History.attach(sim);
        sim.run();
        return new String[] {history.text(), client.metrics() + " " + pool.metrics()};
    }

    @Test
    void thePoolIsAnEdgeOfTheClientAndItsMetricsComeAsTheOriginals() {
        SlowTarget target = new SlowTarget();
        ConnectionPool pool = ConnectionPool.builder("Pool", target.entity).build();
        PooledClient client = PooledClient.builder("Client", pool).build();
        Simulation.builder().entities(client, pool, target.entity).build();
        assertEquals(List.of(target.entity, pool), client.downstream());
        assertEquals(List.of("active_connections", "idle_connections", "total_connections", "pending_requests",
                "average_wait_time", "connections_created", "connections_closed", "acquisitions", "releases",
                "timeouts", "total_wait_time"), List.copyOf(pool.metrics().keySet()));
        assertTrue(client.metrics().containsKey("connection_wait_timeouts"));
        assertThrows(IllegalArgumentException.class, () -> ConnectionPool.builder("P", target.entity).maxConnections(0).build());
        assertThrows(IllegalArgumentException.class, () -> ConnectionPool.builder("P", target.entity).minConnections(3).maxConnections(2).build());
        assertThrows(IllegalArgumentException.class, () -> ConnectionPool.builder("P", target.entity).connectionTimeout(0));
    }
}
