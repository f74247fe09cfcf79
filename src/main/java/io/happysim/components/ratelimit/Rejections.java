package io.happysim.components.ratelimit;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.instrumentation.RecentRate;
import java.util.logging.Logger;

/**
 * How a limiter refuses a request, kept in one place so every limiter refuses alike: the caller
 * hears {@code REJECTED} at once, and the refusal is counted, marked for the per-second rate a
 * card shows, and logged as part of a {@link RejectionSpells spell} rather than line by line.
 */
final class Rejections {
    private final Entity owner;
    private final RejectionSpells spells;
    private final RecentRate rate = new RecentRate();
    private long count;

    Rejections(Entity owner, Logger log) {
        this.owner = owner;
        this.spells = new RejectionSpells(owner, log);
    }

    void reject(Event request, String reason) {
        count++;
        rate.mark(owner.nowNanos());
        request.failReply(Failure.rejected(owner, reason));
        spells.rejected(reason);
    }

    /** True if {@code event} is the owner's own spell check (it has been handled then). */
    boolean handles(Event event) {
        return spells.handles(event);
    }

    long count() {
        return count;
    }

    /** Rejections per second over the last second before {@code nowNanos}. */
    double perSecond(long nowNanos) {
        return rate.perSecond(nowNanos);
    }

    boolean isRejecting() {
        return spells.isRejecting();
    }

    /** A crash cancelled the pending spell check: the spell is forgotten, the counts stay. */
    void forgetSpell() {
        spells.clear();
    }

    void clear() {
        spells.clear();
        rate.clear();
        count = 0;
    }
}
