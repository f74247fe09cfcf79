package io.happysim.components.client;

/** The tokens a {@link RetryBudget} holds now: refilled lazily from the time of the last look. */
final class RetryTokens {
    private final RetryBudget budget;
    private double tokens;
    private long refilledAtNanos;

    RetryTokens(RetryBudget budget, long nowNanos) {
        this.budget = budget;
        this.tokens = budget.capacity();
        this.refilledAtNanos = nowNanos;
    }

    /** Takes one token for a retry; false (nothing taken) if there is none. */
    boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    void earnForSuccess(long nowNanos) {
        if (budget.tokensPerSuccess() > 0) {
            refill(nowNanos);
            tokens = Math.min(budget.capacity(), tokens + budget.tokensPerSuccess());
        }
    }

    double available(long nowNanos) {
        refill(nowNanos);
        return tokens;
    }

    private void refill(long nowNanos) {
        if (nowNanos > refilledAtNanos) {
            tokens = Math.min(budget.capacity(), tokens + budget.refillPerSecond() * (nowNanos - refilledAtNanos) / 1e9);
            refilledAtNanos = nowNanos;
        }
    }
}
