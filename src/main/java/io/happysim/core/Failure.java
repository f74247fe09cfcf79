package io.happysim.core;

/**
 * Why a request got no good answer. The kind says what the caller can know: a rejection or an
 * error is an answer the caller hears at once, a loss is silence it only notices by timing out.
 *
 * @param where  the entity that refused, failed or lost the request
 * @param reason a few words for the log and the history ("queue full", "circuit open")
 */
public record Failure(Kind kind, String where, String reason) {
    public enum Kind {
        /** Refused at once by whoever holds the request (full queue, open breaker, rate limit, no backend). */
        REJECTED,
        /** The server did the work and answered with an error. */
        ERROR,
        /** Gone without an answer (a lost packet, a partition, a crash): the caller hears nothing. */
        LOST,
        /** No answer within a deadline (what a timeout wrapper tells its caller). */
        TIMEOUT
    }

    public Failure {
        if (kind == null) {
            throw new IllegalArgumentException("a failure needs a kind");
        }
        where = where == null ? "" : where;
        reason = reason == null ? "" : reason;
    }

    public static Failure rejected(Entity where, String reason) {
        return new Failure(Kind.REJECTED, where.name(), reason);
    }

    public static Failure error(Entity where, String reason) {
        return new Failure(Kind.ERROR, where.name(), reason);
    }

    public static Failure lost(Entity where, String reason) {
        return new Failure(Kind.LOST, where.name(), reason);
    }

    public static Failure timeout(Entity where, String reason) {
        return new Failure(Kind.TIMEOUT, where.name(), reason);
    }

    /** True for a loss: nobody tells the caller, so a caller with a deadline waits for it. */
    public boolean isSilent() {
        return kind == Kind.LOST;
    }

    /** The wire name: {@code rejected}, {@code error}, {@code lost}, {@code timeout}. */
    public String kindName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return kindName() + " at " + where + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
