package io.happysim.components.queueing;

import io.happysim.core.Event;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Random Early Detection (Floyd and Jacobson 1993): a FIFO that refuses arrivals with a
 * probability that grows with the <em>average</em> length, so it signals congestion before it is
 * full. On each offer: {@code avg = (1−w)·avg + w·len} (length before the arrival);
 * {@code pb = 0} below {@code min}, 1 at or above {@code max}, else
 * {@code (avg−min)/(max−min)·maxProbability}; the arrival is refused with
 * {@code pa = pb / (1 − count·pb)}, {@code count} being the arrivals since the last refusal, which
 * spreads refusals evenly (gaps uniform on 1..1/pb).
 *
 * <p>The count restarts while the average is below {@code min}, as in the paper; the reference
 * kept counting there, so the first arrival of a congestion spell was always refused.
 */
public final class RedQueue extends AttachedPolicy {
    private final int minThreshold;
    private final int maxThreshold;
    private final double maxProbability;
    private final double weight;
    private final PolicyCounts counts;
    private final ArrayDeque<Event> items = new ArrayDeque<>();
    private SplittableRandom random;
    private double average;
    private long count;
    private String refusal = "queue full";
    private long droppedProbabilistic;
    private long droppedForced;

    private RedQueue(Builder builder) {
        this.minThreshold = builder.minThreshold;
        this.maxThreshold = builder.maxThreshold;
        this.maxProbability = builder.maxProbability;
        this.weight = builder.weight;
        int capacity = builder.capacity == 0 ? 2 * builder.maxThreshold : builder.capacity;
        if (capacity < maxThreshold) {
            throw new IllegalArgumentException("capacity " + capacity + " below the max threshold " + maxThreshold);
        }
        this.counts = new PolicyCounts(capacity);
    }

    /** Early refusals start when the average length reaches {@code minThreshold}; all arrivals are refused from {@code maxThreshold}. */
    public static Builder builder(int minThreshold, int maxThreshold) {
        return new Builder(minThreshold, maxThreshold);
    }

    @Override
    protected void attached(QueueContext owner) {
        random = owner.random();
    }

    @Override
    public boolean offer(Event event) {
        average = (1 - weight) * average + weight * items.size();
        if (counts.isFull(items.size())) {
            refusal = "queue full";
            return false;
        }
        double pb = baseProbability();
        if (pb == 0) {
            count = 0;
        } else if (refuseNow(pb)) {
            count = 0;
            if (average >= maxThreshold) {
                droppedForced++;
            } else {
                droppedProbabilistic++;
            }
            refusal = "dropped early by RED";
            return false;
        }
        count++;
        items.addLast(event);
        counts.countEnqueued();
        return true;
    }

    private double baseProbability() {
        if (average < minThreshold) {
            return 0;
        }
        if (average >= maxThreshold) {
            return 1;
        }
        return (average - minThreshold) / (maxThreshold - minThreshold) * maxProbability;
    }

    private boolean refuseNow(double pb) {
        double denominator = 1 - count * pb;
        double pa = denominator <= 0 ? 1 : Math.min(1, pb / denominator);
        if (pa >= 1) {
            return true;
        }
        if (random == null) {
            random = context().random();
        }
        return random.nextDouble() < pa;
    }

    @Override
    public String refusalReason() {
        return refusal;
    }

    @Override
    public Event poll() {
        Event next = items.pollFirst();
        if (next != null) {
            counts.countDequeued();
        }
        return next;
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

    /** The moving average of the length the drop decisions use. */
    public double averageLength() {
        return average;
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
        average = 0;
        count = 0;
        refusal = "queue full";
        counts.clear();
        droppedProbabilistic = 0;
        droppedForced = 0;
    }

    /** {@code dropped} (early, both kinds), {@code avg_queue_length}, then the reference's counters. */
    @Override
    public Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("dropped", droppedProbabilistic + droppedForced);
        stats.put("avg_queue_length", average);
        stats.put("enqueued", counts.enqueued());
        stats.put("dequeued", counts.dequeued());
        stats.put("dropped_probabilistic", droppedProbabilistic);
        stats.put("dropped_forced", droppedForced);
        stats.put("capacity_rejected", counts.capacityRejected());
        return stats;
    }

    @Override
    public String toString() {
        return "RED(" + minThreshold + ".." + maxThreshold + ", max p " + maxProbability + ", w " + weight + ")";
    }

    /** RED's parameters; the defaults are the reference's (max probability 0.1, weight 0.002, capacity 2·max). */
    public static final class Builder {
        private final int minThreshold;
        private final int maxThreshold;
        private double maxProbability = 0.1;
        private double weight = 0.002;
        private int capacity;

        private Builder(int minThreshold, int maxThreshold) {
            if (minThreshold < 0 || maxThreshold <= minThreshold) {
                throw new IllegalArgumentException("need 0 <= min < max, got " + minThreshold + " and " + maxThreshold);
            }
            this.minThreshold = minThreshold;
            this.maxThreshold = maxThreshold;
        }

        /** The refusal probability as the average reaches {@code max} (before the count correction). */
        public Builder maxProbability(double probability) {
            if (!(probability > 0 && probability <= 1)) {
                throw new IllegalArgumentException("max probability must be in (0, 1], got " + probability);
            }
            this.maxProbability = probability;
            return this;
        }

        /** How fast the average follows the length: 1 = no averaging. */
        public Builder weight(double weight) {
            if (!(weight > 0 && weight <= 1)) {
                throw new IllegalArgumentException("weight must be in (0, 1], got " + weight);
            }
            this.weight = weight;
            return this;
        }

        public Builder capacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        public RedQueue build() {
            return new RedQueue(this);
        }
    }
}
