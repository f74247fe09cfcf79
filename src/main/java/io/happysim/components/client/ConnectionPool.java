package io.happysim.components.client;

import io.happysim.core.Category;
import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.SimFuture;
import io.happysim.distributions.Distribution;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connections to one target, reused across requests (the §2.3 ConnectionPool): at most
 * {@code maxConnections}, each taking a {@code connectionLatency} draw to open, closed after
 * {@code idleTimeout} unused while more than {@code minConnections} are open.
 *
 * <p>{@link #acquire()} gives the longest-idle connection at once; otherwise the caller joins a
 * first-in first-out line and, if the pool may grow, a new connection starts opening. The place
 * in the line and the count of connections are taken before the opening wait, so concurrent
 * callers cannot open more than the maximum (the original counted after the wait and overshot).
 * A released or newly opened connection goes to the head of the line at once (the original's
 * waiters polled every 0.1 s). A caller still without a connection after {@code connectionTimeout}
 * leaves the line and its future fails with a timeout.
 */
public class ConnectionPool extends Entity {
    /** The event in which a new connection finishes opening. */
    public static final String CONNECT = "pool_connect";
    /** The timer of a caller waiting for a connection. */
    public static final String ACQUIRE_TIMEOUT = "pool_acquire_timeout";
    /** The check that closes a connection left idle too long. */
    public static final String IDLE_TIMEOUT = "pool_idle_timeout";
    private static final Logger LOG = Logger.getLogger(ConnectionPool.class.getName());

    private final Entity target;
    private final int minConnections;
    private final int maxConnections;
    private final long connectionTimeoutNanos;
    private final long idleTimeoutNanos;
    private final Distribution connectionLatency;

    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private SplittableRandom connectRandom;
    private int activeCount;
    private int openCount;
    private int openingCount;
    private long nextId;
    private long created;
    private long closed;
    private long acquisitions;
    private long releases;
    private long timeouts;
    private double totalWaitSeconds;

    private ConnectionPool(Builder builder) {
        super(builder.name);
        if (builder.target == null) {
            throw new IllegalArgumentException("connection pool '" + builder.name + "' needs a target");
        }
        if (builder.maxConnections < 1 || builder.minConnections < 0 || builder.minConnections > builder.maxConnections) {
            throw new IllegalArgumentException("need max >= 1 and 0 <= min <= max, got min " + builder.minConnections
                    + ", max " + builder.maxConnections);
        }
        this.target = builder.target;
        this.minConnections = builder.minConnections;
        this.maxConnections = builder.maxConnections;
        this.connectionTimeoutNanos = builder.connectionTimeoutNanos;
        this.idleTimeoutNanos = builder.idleTimeoutNanos;
        this.connectionLatency = builder.connectionLatency;
    }

    public static Builder builder(String name, Entity target) {
        return new Builder(name, target);
    }

    /**
     * A connection to the target: at once if one is idle, else when one opens or is released; a
     * {@link Failure.Kind#TIMEOUT} failure if none comes within the connection timeout. Call it
     * from a handler; the caller must {@link #release} what it gets.
     */
    public SimFuture<Connection> acquire() {
        acquisitions++;
        Connection ready = idle.pollFirst();
        if (ready != null) {
            activate(ready);
            return SimFuture.completed(ready);
        }
        long now = nowNanos();
        Waiter waiter = new Waiter(now, SimFuture.pending());
        waiting.addLast(waiter);
        if (openCount + openingCount < maxConnections) {
            open();
        }
        SimFuture<Connection> result = SimFuture.pending();
        SimFuture<Void> timer = timer(connectionTimeoutNanos, ACQUIRE_TIMEOUT, null);
        SimFuture.anyOf(waiter.granted, timer).onSettle(first -> {
            if (first.value().index() == 0) {
                result.complete(waiter.granted.value());
                return;
            }
            waiting.remove(waiter);
            timeouts++;
            if (LOG.isLoggable(Level.FINE)) {
                LOG.fine("[" + name() + "] no connection within " + connectionTimeoutNanos / 1e9 + " s ("
                        + waiting.size() + " still waiting)");
            }
            result.fail(Failure.timeout(this, "no connection within " + connectionTimeoutNanos / 1e9 + " s"));
        });
        return result;
    }

    /** The pool takes no requests: callers use {@link #acquire} and {@link #release}; its own events are continuations. */
    @Override
    protected void handle(Event event) {
    }

    /** Gives a connection back: to the first caller in line, else to the idle set. Unknown or idle connections are ignored. */
    public void release(Connection connection) {
        if (connection.pool() != this || connection.state != Connection.State.ACTIVE) {
            return;
        }
        releases++;
        activeCount--;
        connection.lastUsedNanos = nowNanos();
        handOver(connection);
    }

    /** Counted before the wait, so the maximum holds while connections open. */
    private void open() {
        openingCount++;
        after(connectionLatency.sampleNanos(connectRandom), CONNECT, null, e -> {
            openingCount--;
            openCount++;
            created++;
            handOver(new Connection(this, ++nextId, nowNanos()));
        });
    }

    /** A connection nobody uses now: the head of the line takes it, else it idles. */
    private void handOver(Connection connection) {
        Waiter next;
        while ((next = waiting.pollFirst()) != null) {
            if (next.granted.isPending()) {
                totalWaitSeconds += (nowNanos() - next.sinceNanos) / 1e9;
                connection.state = Connection.State.ACTIVE;
                activeCount++;
                next.granted.complete(connection);
                return;
            }
        }
        connection.state = Connection.State.IDLE;
        idle.addLast(connection);
        connection.idleCheck = after(idleTimeoutNanos, IDLE_TIMEOUT, null, e -> idleExpired(connection));
    }

    private void activate(Connection connection) {
        connection.state = Connection.State.ACTIVE;
        activeCount++;
        if (connection.idleCheck != null) {
            connection.idleCheck.cancel();
            connection.idleCheck = null;
        }
    }

    private void idleExpired(Connection connection) {
        connection.idleCheck = null;
        if (connection.state == Connection.State.IDLE && openCount > minConnections) {
            idle.remove(connection);
            connection.state = Connection.State.CLOSED;
            openCount--;
            closed++;
        }
    }

    /** Opens the minimum number of connections (the original's warmup). */
    @Override
    protected void start() {
        for (int i = 0; i < minConnections; i++) {
            open();
        }
    }

    @Override
    protected void reset() {
        idle.clear();
        waiting.clear();
        connectRandom = random("connect");
        activeCount = 0;
        openCount = 0;
        openingCount = 0;
        nextId = 0;
        created = 0;
        closed = 0;
        acquisitions = 0;
        releases = 0;
        timeouts = 0;
        totalWaitSeconds = 0;
    }

    public int activeConnections() {
        return activeCount;
    }

    public int idleConnections() {
        return idle.size();
    }

    /** Open connections and those opening. */
    public int totalConnections() {
        return openCount + openingCount;
    }

    /** Callers waiting for a connection. */
    public int pendingRequests() {
        return waiting.size();
    }

    public long connectionsCreated() {
        return created;
    }

    public long timeouts() {
        return timeouts;
    }

    /** Time from acquire to connection, summed over callers that had to wait, per acquisition. */
    public double averageWaitTime() {
        return acquisitions == 0 ? 0.0 : totalWaitSeconds / acquisitions;
    }

    public Entity target() {
        return target;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /**
     * {@code active_connections, idle_connections, total_connections} (open or opening),
     * {@code pending_requests} (callers in line), {@code average_wait_time}, then the counts
     * {@code connections_created, connections_closed, acquisitions, releases, timeouts} and
     * {@code total_wait_time} (seconds callers spent waiting for a connection to open or be released).
     */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("active_connections", activeCount);
        metrics.put("idle_connections", idle.size());
        metrics.put("total_connections", totalConnections());
        metrics.put("pending_requests", waiting.size());
        metrics.put("average_wait_time", averageWaitTime());
        metrics.put("connections_created", created);
        metrics.put("connections_closed", closed);
        metrics.put("acquisitions", acquisitions);
        metrics.put("releases", releases);
        metrics.put("timeouts", timeouts);
        metrics.put("total_wait_time", totalWaitSeconds);
        return metrics;
    }

    @Override
    public Category category() {
        return Category.RESOURCE;
    }

    private record Waiter(long sinceNanos, SimFuture<Connection> granted) {
    }

    /** {@code ConnectionPool.builder("Pool", server).maxConnections(4).connectionTimeout(1.0).build()}; defaults as the original. */
    public static final class Builder {
        private final String name;
        private final Entity target;
        private int minConnections;
        private int maxConnections = 10;
        private long connectionTimeoutNanos = Instant.secondsToNanos(5.0);
        private long idleTimeoutNanos = Instant.secondsToNanos(60.0);
        private Distribution connectionLatency = Distribution.constant(0.01);

        private Builder(String name, Entity target) {
            this.name = name;
            this.target = target;
        }

        public Builder minConnections(int min) {
            minConnections = min;
            return this;
        }

        public Builder maxConnections(int max) {
            maxConnections = max;
            return this;
        }

        /** How long a caller waits for a connection before its acquire fails (default 5 s). */
        public Builder connectionTimeout(double seconds) {
            connectionTimeoutNanos = positiveNanos("connection timeout", seconds);
            return this;
        }

        /** How long a connection may stay unused before it is closed, down to the minimum (default 60 s). */
        public Builder idleTimeout(double seconds) {
            idleTimeoutNanos = positiveNanos("idle timeout", seconds);
            return this;
        }

        /** The time to open a connection (default constant 10 ms). */
        public Builder connectionLatency(Distribution latency) {
            if (latency == null) {
                throw new IllegalArgumentException("a connection latency is required");
            }
            connectionLatency = latency;
            return this;
        }

        public ConnectionPool build() {
            return new ConnectionPool(this);
        }

        private static long positiveNanos(String what, double seconds) {
            if (!(seconds > 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException(what + " must be positive and finite, got " + seconds);
            }
            return Math.max(1L, Instant.secondsToNanos(seconds));
        }
    }
}
