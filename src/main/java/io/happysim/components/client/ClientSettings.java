package io.happysim.components.client;

import io.happysim.components.network.Network;
import io.happysim.core.Entity;
import io.happysim.core.Instant;

/** What every client is built from; {@link PooledClient.Builder} adds its pool. */
public abstract class ClientSettings<B extends ClientSettings<B>> {
    final String name;
    long timeoutNanos = Instant.INFINITE_NANOS;
    long deadlineNanos = Instant.INFINITE_NANOS;
    RetryPolicy retryPolicy = RetryPolicy.none();
    RetryBudget retryBudget;
    Entity downstream;
    Network network;
    String attemptType = "Request";

    ClientSettings(String name) {
        this.name = name;
    }

    abstract B self();

    /** Each attempt waits at most this long for its answer (default: no timeout). */
    public B timeout(double seconds) {
        timeoutNanos = positiveNanos("timeout", seconds);
        return self();
    }

    /** Default: {@link RetryPolicy#none()}. */
    public B retry(RetryPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("a retry policy is required (RetryPolicy.none() for none)");
        }
        retryPolicy = policy;
        return self();
    }

    /** Retries take tokens from this budget (default: unlimited). */
    public B retryBudget(RetryBudget budget) {
        retryBudget = budget;
        return self();
    }

    /** A request gives up this long after it reached the client, whatever attempt is running (default: none). */
    public B deadline(double seconds) {
        deadlineNanos = positiveNanos("deadline", seconds);
        return self();
    }

    /** Where successful requests go as {@code Response} events (e.g. a Sink); default: nowhere. */
    public B downstream(Entity entity) {
        downstream = entity;
        return self();
    }

    /**
     * Attempts cross {@code network} to reach the target: they go to the network's link between
     * this client and the target ({@code network.link(client, target, profile)}, made after the
     * client, since a link needs both ends), so they meet its latency, loss and faults.
     */
    public B via(Network network) {
        this.network = network;
        return self();
    }

    /** The event type of attempts (default {@code Request}). */
    public B attemptType(String type) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("the attempt type must be a non-blank name");
        }
        attemptType = type;
        return self();
    }

    private static long positiveNanos(String what, double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + seconds);
        }
        return Math.max(1L, Instant.secondsToNanos(seconds));
    }
}
