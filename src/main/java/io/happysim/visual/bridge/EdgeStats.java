package io.happysim.visual.bridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Traffic along each edge of the graph: how many events one node sent another, and at what rate over
 * the last {@value #WINDOW_S} s of simulated time (the graph animates edges by that rate).
 *
 * <p>The rate is kept in {@value #SLOTS} slots of {@value #SLOT_S} s each, so counting an event is O(1)
 * and the rate stays exact at any traffic level (the original's 1000-timestamp deque undercounted
 * edges busier than 200 events/s).
 */
public final class EdgeStats {
    static final double WINDOW_S = 5.0;
    static final double SLOT_S = 0.1;
    static final int SLOTS = 50;

    /** One edge's answer, as the API shows it under {@code "<source>-><target>"}. */
    public record Edge(String source, String target, long count, double rate) {
    }

    /** One edge's counter, handed out so a hot caller counts without building its key every time. */
    public final class Counter {
        final String source;
        final String target;
        long count;
        final long[] slots = new long[SLOTS];
        long newestSlot = Long.MIN_VALUE;

        Counter(String source, String target) {
            this.source = source;
            this.target = target;
        }

        /** Counts one event along this edge at {@code timeS}. */
        public void count(double timeS) {
            synchronized (EdgeStats.this) {
                add((long) Math.floor(timeS / SLOT_S));
            }
        }

        void add(long slot) {
            advanceTo(slot);
            slots[(int) Math.floorMod(slot, SLOTS)]++;
            count++;
        }

        void advanceTo(long slot) {
            if (newestSlot == Long.MIN_VALUE || slot - newestSlot >= SLOTS) {
                java.util.Arrays.fill(slots, 0);
            } else {
                for (long s = newestSlot + 1; s <= slot; s++) {
                    slots[(int) Math.floorMod(s, SLOTS)] = 0;
                }
            }
            if (slot > newestSlot) {
                newestSlot = slot;
            }
        }

        long recent(long nowSlot) {
            if (newestSlot == Long.MIN_VALUE || nowSlot - newestSlot >= SLOTS) {
                return 0;
            }
            long sum = 0;
            for (long s = nowSlot - SLOTS + 1; s <= newestSlot; s++) {
                sum += slots[(int) Math.floorMod(s, SLOTS)];
            }
            return sum;
        }
    }

    private final Map<String, Counter> counters = new LinkedHashMap<>();

    /** Counts one event sent from {@code source} to {@code target} at {@code timeS}; returns true for a never-seen edge. */
    public synchronized boolean record(String source, String target, double timeS) {
        boolean isNew = !counters.containsKey(source + "->" + target);
        counter(source, target).count(timeS);
        return isNew;
    }

    /** The counter of the edge from {@code source} to {@code target}, created (with a zero count) if new. */
    public synchronized Counter counter(String source, String target) {
        return counters.computeIfAbsent(source + "->" + target, key -> new Counter(source, target));
    }

    /** Every edge seen so far with its total count and its rate over the window ending at {@code nowS}. */
    public synchronized Map<String, Edge> snapshot(double nowS) {
        long nowSlot = (long) Math.floor(nowS / SLOT_S);
        Map<String, Edge> out = new LinkedHashMap<>();
        counters.forEach((key, c) -> {
            double rate = Math.round(c.recent(nowSlot) / WINDOW_S * 100.0) / 100.0;
            out.put(key, new Edge(c.source, c.target, c.count, rate));
        });
        return out;
    }

    public synchronized List<String> keys() {
        return new ArrayList<>(counters.keySet());
    }

    public synchronized void clear() {
        counters.clear();
    }
}
