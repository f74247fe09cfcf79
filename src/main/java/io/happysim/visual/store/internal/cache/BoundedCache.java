package io.happysim.visual.store.internal.cache;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The store's one cache: a map bounded by the summed weight of its values, evicting by second chance (CLOCK, close to
 * least recently used). Values must never change once cached: the store caches only what a generation of the file
 * never rewrites (sealed blocks and chunks, counts of sealed blocks).
 *
 * <p>A hit takes no lock: every read of a chart or a page asks for many chunks or blocks, and with one lock around an
 * access-ordered map, eight readers on two cores queued behind whichever of them the scheduler had preempted while
 * holding it (issue 15: {@code -Dbench=contention} sampled chart reads BLOCKED on this monitor). A hit only marks its
 * entry as referenced; the lock is taken to add an entry, and then the oldest entries that were not referenced since
 * the last sweep go first.
 *
 * <p>{@link Admission#ON_SECOND_REQUEST}: a key enters on its second request (a small table remembers keys asked for
 * once lately). Paging through a block hits it from then on, while a block read once — a jump, a first search's
 * one-pass scan — does not push out what is useful or give the collector medium-lived garbage to copy.
 */
public final class BoundedCache<K, V> {
    /** When a value computed for a miss is kept. */
    public enum Admission {
        ON_FIRST_REQUEST, ON_SECOND_REQUEST
    }

    private static final int ASKED_ONCE_SLOTS = 4096;

    private static final class Entry<V> {
        final V value;
        final long weight;
        /** Set by a hit, cleared by a sweep that spares the entry: written without a lock, a lost write only costs a hit. */
        volatile boolean referenced;

        Entry(V value, long weight) {
            this.value = value;
            this.weight = weight;
        }
    }

    private final long capacity;
    private final ToLongFunction<V> weight;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Guarded by {@code this}: the keys in the order they came in, the clock's hand at the head. */
    private final ArrayDeque<K> clock = new ArrayDeque<>();
    /** Guarded by {@code this}. */
    private final Object[] askedOnce;
    /** Guarded by {@code this}. */
    private long used;

    /**
     * @param capacity the largest summed weight kept
     * @param weight   a value's weight (bytes, or 1 to bound the number of entries)
     */
    public BoundedCache(long capacity, ToLongFunction<V> weight, Admission admission) {
        this.capacity = capacity;
        this.weight = weight;
        this.askedOnce = admission == Admission.ON_SECOND_REQUEST ? new Object[ASKED_ONCE_SLOTS] : null;
    }

    /** A cache of {@link Weighed} values bounded in bytes. */
    public static <K, V extends Weighed> BoundedCache<K, V> ofBytes(long capacityBytes, Admission admission) {
        return new BoundedCache<>(capacityBytes, Weighed::bytes, admission);
    }

    public V get(K key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!e.referenced) {
            e.referenced = true;
        }
        return e.value;
    }

    /** Offers a value computed after a miss; whether it is kept depends on the admission rule and on room. */
    public synchronized void offer(K key, V value) {
        if (askedOnce != null) {
            int slot = (int) ((key.hashCode() * 0x9E3779B97F4A7C15L) >>> 52);
            if (!key.equals(askedOnce[slot])) {
                askedOnce[slot] = key;
                return;
            }
        }
        Entry<V> added = new Entry<>(value, weight.applyAsLong(value));
        Entry<V> old = entries.put(key, added);
        if (old == null) {
            clock.addLast(key);
        }
        used += added.weight - (old == null ? 0 : old.weight);
        // Each pass clears the marks it spares, so this ends within two turns of the clock.
        while (used > capacity && !clock.isEmpty()) {
            K k = clock.pollFirst();
            Entry<V> e = entries.get(k);
            if (e.referenced) {
                e.referenced = false;
                clock.addLast(k);
            } else {
                entries.remove(k);
                used -= e.weight;
            }
        }
    }

    public synchronized void clear() {
        entries.clear();
        clock.clear();
        used = 0;
        if (askedOnce != null) {
            Arrays.fill(askedOnce, null);
        }
    }

    /** The summed weight of what is kept now. */
    synchronized long used() {
        return used;
    }

    /** How many entries are kept now. */
    int size() {
        return entries.size();
    }
}
