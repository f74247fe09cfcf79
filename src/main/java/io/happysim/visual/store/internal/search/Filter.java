package io.happysim.visual.store.internal.search;

import io.happysim.visual.store.internal.journal.Journal;

/**
 * A compiled filter over one journal: the kinds allowed (null = every kind), an inclusive time range in nanoseconds
 * ({@code timed} false = none) and an optional text search, whose per-block counts are cached under {@code cacheKey}.
 * Immutable.
 */
public record Filter(boolean[] allowedKinds, boolean timed, long tLo, long tHi, SearchTerm search, String cacheKey) {
    /** Every row. */
    public static final Filter NONE = new Filter(null, false, Long.MIN_VALUE, Long.MAX_VALUE, null, null);

    public boolean kindOk(int kind) {
        return allowedKinds == null || (kind >= 0 && kind < allowedKinds.length && allowedKinds[kind]);
    }

    public boolean timeOk(long t) {
        return !timed || (t != Journal.NULL_TIME && t >= tLo && t <= tHi);
    }
}
