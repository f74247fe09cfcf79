package io.happysim.components.ratelimit;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Instant;
import java.util.logging.Logger;

/**
 * Logs a limiter's rejections as spells, not per request: one INFO line when it starts rejecting
 * after a quiet second, one when a second has passed without a rejection. The end is noticed by a
 * daemon check event (one per quiet second at most), so it is logged at the right time even when
 * no more requests come, and it never keeps a run alive.
 */
final class RejectionSpells {
    static final String QUIET_CHECK = "rate_limit_quiet_check";
    static final long QUIET_NANOS = 1_000_000_000L;

    private final Entity owner;
    private final Logger log;
    /** Marks the owner's check events (an attachment survives the copy a pause makes). */
    private final Object checkMark = new Object();
    private boolean rejecting;
    private long spellStartNanos;
    private long lastRejectionNanos;
    private long spellRejections;

    RejectionSpells(Entity owner, Logger log) {
        this.owner = owner;
        this.log = log;
    }

    /** Counts a rejection at the owner's current time; the first of a spell is logged. */
    void rejected(String reason) {
        long now = owner.nowNanos();
        lastRejectionNanos = now;
        spellRejections++;
        if (!rejecting) {
            rejecting = true;
            spellStartNanos = now;
            spellRejections = 1;
            log.info(() -> "[" + owner.name() + "] rejecting requests (" + reason + ")");
            scheduleCheck(now + QUIET_NANOS);
        }
    }

    /** True if {@code event} is one of the owner's quiet checks (it has been handled then). */
    boolean handles(Event event) {
        if (event.attachment() != checkMark) {
            return false;
        }
        long now = owner.nowNanos();
        if (!rejecting) {
            return true;
        }
        if (now - lastRejectionNanos >= QUIET_NANOS) {
            rejecting = false;
            long count = spellRejections;
            double seconds = (lastRejectionNanos - spellStartNanos) / 1e9;
            log.info(() -> "[" + owner.name() + "] stopped rejecting: " + count + " rejected in " + seconds + " s");
        } else {
            scheduleCheck(lastRejectionNanos + QUIET_NANOS);
        }
        return true;
    }

    boolean isRejecting() {
        return rejecting;
    }

    /** Forgets the spell (a reset, or a crash that cancelled the pending check). */
    void clear() {
        rejecting = false;
        spellRejections = 0;
    }

    private void scheduleCheck(long atNanos) {
        owner.simulation().schedule(new Event(Math.min(atNanos, Instant.INFINITE_NANOS - 1), QUIET_CHECK, owner, true, null)
                .withAttachment(checkMark));
    }
}
