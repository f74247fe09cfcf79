package io.happysim.components.client;

import io.happysim.core.Event;

/** One connection of a {@link ConnectionPool}: handed to one attempt at a time, given back with {@link ConnectionPool#release}. */
public final class Connection {
    enum State { ACTIVE, IDLE, CLOSED }

    private final ConnectionPool pool;
    private final long id;
    private final long createdAtNanos;
    State state = State.ACTIVE;
    long lastUsedNanos;
    /** The pending check that closes it if it stays idle; cancelled when it is taken again. */
    Event idleCheck;

    Connection(ConnectionPool pool, long id, long createdAtNanos) {
        this.pool = pool;
        this.id = id;
        this.createdAtNanos = createdAtNanos;
        this.lastUsedNanos = createdAtNanos;
    }

    /** 1, 2, … in order of creation within its pool; attempts carry it as {@code connection_id}. */
    public long id() {
        return id;
    }

    public long createdAtNanos() {
        return createdAtNanos;
    }

    public ConnectionPool pool() {
        return pool;
    }

    @Override
    public String toString() {
        return pool.name() + "#" + id;
    }
}
