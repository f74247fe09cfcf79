package io.happysim.components.queueing;

import io.happysim.core.Event;
import io.happysim.core.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Controlled Delay (Nichols and Jacobson, RFC 8289): FIFO that sheds load when requests have
 * waited at least {@code target} for a whole {@code interval}, so a standing queue cannot form
 * under overload. Time in queue (sojourn) is measured from {@link #offer} to {@link #poll}.
 *
 * <p>As the reference: the popped request is always served; a drop removes the next waiting one
 * (at most one per pop), and while dropping the drops come {@code interval/√count} apart,
 * counted from the pop that dropped (RFC 8289 counts from the previous drop's due time, which
 * drops a little faster when pops are sparse). On re-entering the dropping state soon after
 * leaving it (within 16 intervals) the previous spell's drop count is resumed, as RFC 8289's
 * Linux variant does; the reference had that test inverted (it restarted at 1 exactly then).
 *
 * <p>The control law is made for senders that slow down when dropped (TCP). Against open-loop
 * overload it still bounds the queue, but at about an interval's worth of waiting, not the
 * target: the drop rate has to ramp up as √count each time congestion returns.
 */
public final class CoDelQueue extends AttachedPolicy {
    public static final double DEFAULT_TARGET_SECONDS = 0.005;
    public static final double DEFAULT_INTERVAL_SECONDS = 0.100;
    private static final Logger LOG = Logger.getLogger(CoDelQueue.class.getName());
    private static final long NOT_ABOVE = Long.MIN_VALUE;
    /** How long after a dropping spell its drop rate is still a good start for the next (RFC 8289). */
    private static final int MEMORY_INTERVALS = 16;

    private final long targetNanos;
    private final long intervalNanos;
    private final PolicyCounts counts;
    private final StampedRing items = new StampedRing();
    private long firstAboveNanos = NOT_ABOVE;
    private boolean dropping;
    private long dropNextNanos;
    private long count;
    private long lastCount;
    private long dropped;
    private long dropIntervals;

    public CoDelQueue(double targetSeconds, double intervalSeconds, int capacity) {
        if (!(targetSeconds > 0) || !(intervalSeconds > 0) || Double.isInfinite(intervalSeconds)) {
            throw new IllegalArgumentException("target and interval must be positive and finite, got "
                    + targetSeconds + " and " + intervalSeconds);
        }
        this.counts = new PolicyCounts(capacity);
        this.targetNanos = Instant.secondsToNanos(targetSeconds);
        this.intervalNanos = Instant.secondsToNanos(intervalSeconds);
    }

    @Override
    public boolean offer(Event event) {
        if (counts.isFull(items.size())) {
            return false;
        }
        items.addLast(event, context().nowNanos());
        counts.countEnqueued();
        return true;
    }

    @Override
    public Event poll() {
        if (items.size() == 0) {
            return null;
        }
        long now = context().nowNanos();
        long sojourn = now - items.firstStamp();
        Event served = items.pollFirst();
        boolean okToDrop = false;
        if (sojourn < targetNanos || items.size() == 0) {
            firstAboveNanos = NOT_ABOVE;
        } else if (firstAboveNanos == NOT_ABOVE) {
            firstAboveNanos = now + intervalNanos;
        } else {
            okToDrop = now >= firstAboveNanos;
        }
        if (dropping) {
            if (!okToDrop) {
                dropping = false;
                log("stops dropping after " + count + " drops");
            } else if (now >= dropNextNanos) {
                dropHead();
                count++;
                dropNextNanos = controlLaw(now);
            }
        } else if (okToDrop) {
            dropHead();
            dropping = true;
            dropIntervals++;
            long delta = count - lastCount;
            boolean recent = now - dropNextNanos < MEMORY_INTERVALS * intervalNanos;
            count = delta > 1 && recent ? delta : 1;
            lastCount = count;
            dropNextNanos = controlLaw(now);
            log("starts dropping (sojourn " + sojourn / 1e6 + " ms, count " + count + ")");
        }
        counts.countDequeued();
        return served;
    }

    private void dropHead() {
        Event victim = items.pollFirst();
        dropped++;
        context().dropped(victim, "dropped by CoDel");
    }

    private long controlLaw(long now) {
        return now + (long) (intervalNanos / Math.sqrt(count));
    }

    private void log(String message) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("[" + context().name() + "] CoDel " + message);
        }
    }

    @Override
    public Event peek() {
        return items.peekFirst();
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public int capacity() {
        return counts.capacity();
    }

    /** Whether the queue is in its dropping state now. */
    public boolean isDropping() {
        return dropping;
    }

    public long dropped() {
        return dropped;
    }

    @Override
    public void drainTo(Consumer<? super Event> sink) {
        Event waiting;
        while ((waiting = items.pollFirst()) != null) {
            sink.accept(waiting);
        }
    }

    @Override
    public void clear() {
        items.clear();
        firstAboveNanos = NOT_ABOVE;
        dropping = false;
        dropNextNanos = 0;
        count = 0;
        lastCount = 0;
        counts.clear();
        dropped = 0;
        dropIntervals = 0;
    }

    /** {@code dropped, dropping, enqueued, dequeued, capacity_rejected, drop_intervals}. */
    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("dropped", dropped);
        stats.put("dropping", dropping);
        stats.put("enqueued", counts.enqueued());
        stats.put("dequeued", counts.dequeued());
        stats.put("capacity_rejected", counts.capacityRejected());
        stats.put("drop_intervals", dropIntervals);
        return stats;
    }

    @Override
    public String toString() {
        return "CoDel(target " + targetNanos / 1e6 + " ms, interval " + intervalNanos / 1e6 + " ms)";
    }
}
