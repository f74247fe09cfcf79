package io.happysim.components.client;

import io.happysim.core.Entity;
import io.happysim.core.SimFuture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Client} whose every attempt first takes a connection from a {@link ConnectionPool}
 * and carries its {@code connection_id} to the pool's target (the §2.4 PooledClient).
 *
 * <p>No connection within the pool's connection timeout fails the request at once, without a
 * retry, and counts in {@code connection_wait_timeouts}. The connection goes back to the pool
 * when the target answers or the attempt's reply otherwise settles — also when that happens after
 * the attempt timed out, because until then the target is still using it (the original gave it
 * back at the timeout, so a slow target served more requests than it had connections).
 */
public final class PooledClient extends Client {
    /** The event in which the client continues once it has a connection. */
    public static final String CONNECTION = "client_connection";

    private final ConnectionPool pool;
    /** Connections given to this client whose attempt is not sent yet: a crash gives them back. */
    private final Set<Connection> holding = Collections.newSetFromMap(new IdentityHashMap<>());
    private long connectionWaitTimeouts;

    private PooledClient(Builder builder) {
        super(builder, builder.pool.target());
        this.pool = builder.pool;
    }

    public static Builder builder(String name, ConnectionPool pool) {
        return new Builder(name, pool);
    }

    @Override
    void beginAttempt(Call call) {
        SimFuture<Connection> acquired = pool.acquire();
        acquired.onSettle(a -> {
            if (a.isSucceeded()) {
                holding.add(a.value());
            }
        });
        await(acquired, CONNECTION, call.request.context(), a -> {
            if (!a.isSucceeded()) {
                connectionWaitTimeouts++;
                call.lastFailure = a.failure();
                giveUp(call);
                return;
            }
            Connection connection = a.value();
            holding.remove(connection);
            Attempt attempt = send(call, Map.of("connection_id", connection.id()));
            if (attempt == null) {
                pool.release(connection);
                return;
            }
            attempt.reply.onSettle(reply -> {
                if (!reply.isCancelled()) {
                    pool.release(connection);
                }
            });
            attempt.reply.onLate(late -> pool.release(connection));
        });
    }

    @Override
    protected void onCrash() {
        super.onCrash();
        List<Connection> held = new ArrayList<>(holding);
        holding.clear();
        held.forEach(pool::release);
    }

    @Override
    protected void reset() {
        super.reset();
        holding.clear();
        connectionWaitTimeouts = 0;
    }

    public long connectionWaitTimeouts() {
        return connectionWaitTimeouts;
    }

    public ConnectionPool pool() {
        return pool;
    }

    /** The client's metrics, then {@code connection_wait_timeouts} (requests failed for want of a connection). */
    @Override
    public Map<String, Object> metrics() {
        Map<String, Object> metrics = super.metrics();
        metrics.put("connection_wait_timeouts", connectionWaitTimeouts);
        return metrics;
    }

    /** The target, the pool it takes connections from, and the downstream if any. */
    @Override
    public List<Entity> downstream() {
        List<Entity> edges = new ArrayList<>(super.downstream());
        edges.add(1, pool);
        return edges;
    }

    /** {@code PooledClient.builder("Client", pool).timeout(0.5).retry(...).build()}: attempts go to the pool's target. */
    public static final class Builder extends ClientSettings<Builder> {
        private final ConnectionPool pool;

        private Builder(String name, ConnectionPool pool) {
            super(name);
            if (pool == null) {
                throw new IllegalArgumentException("pooled client '" + name + "' needs a connection pool");
            }
            this.pool = pool;
        }

        @Override
        Builder self() {
            return this;
        }

        public PooledClient build() {
            return new PooledClient(this);
        }
    }
}
