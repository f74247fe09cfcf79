package io.happysim.components.ratelimit;

import io.happysim.core.Failure;
import io.happysim.core.SimFuture;

/**
 * A policy that learns from what happened to the requests it let through. A
 * {@link RateLimitedEntity} in front of such a policy watches the reply of every admitted request
 * and reports here when it settles.
 */
public interface OutcomeFeedback {
    /** Why a request that was let through did not succeed. */
    enum Reason {
        /** An error answer. */
        FAILURE,
        /** No answer in time: a timeout, a lost request, or a caller that gave up. */
        TIMEOUT,
        /** Refused further down because it was busy (a full queue, another limiter). */
        THROTTLED
    }

    void recordSuccess(long nowNanos);

    void recordFailure(long nowNanos, Reason reason);

    /** Reports a settled reply: success, or the failure's reason (a cancelled reply means the caller stopped waiting). */
    default void record(long nowNanos, SimFuture<?> settled) {
        if (settled.isSucceeded()) {
            recordSuccess(nowNanos);
        } else if (settled.isCancelled()) {
            recordFailure(nowNanos, Reason.TIMEOUT);
        } else if (settled.isFailed()) {
            recordFailure(nowNanos, reasonOf(settled.failure()));
        }
    }

    static Reason reasonOf(Failure failure) {
        return switch (failure.kind()) {
            case ERROR -> Reason.FAILURE;
            case REJECTED -> Reason.THROTTLED;
            case LOST, TIMEOUT -> Reason.TIMEOUT;
        };
    }
}
