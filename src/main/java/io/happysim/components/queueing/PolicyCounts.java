package io.happysim.components.queueing;

/**
 * An active policy's bound and the counts every one of them reports ({@code enqueued},
 * {@code dequeued}, {@code capacity_rejected}), kept in one place so that "full" and the counting
 * mean the same in each policy.
 */
final class PolicyCounts {
    private final int capacity;
    private long enqueued;
    private long dequeued;
    private long capacityRejected;

    PolicyCounts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** True, and counted as a capacity rejection, when {@code size} events already fill the bound. */
    boolean isFull(int size) {
        if (size >= capacity) {
            capacityRejected++;
            return true;
        }
        return false;
    }

    void countEnqueued() {
        enqueued++;
    }

    void countDequeued() {
        dequeued++;
    }

    int capacity() {
        return capacity;
    }

    long enqueued() {
        return enqueued;
    }

    long dequeued() {
        return dequeued;
    }

    long capacityRejected() {
        return capacityRejected;
    }

    void clear() {
        enqueued = 0;
        dequeued = 0;
        capacityRejected = 0;
    }
}
