package io.happysim.visual.store.internal.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The store's one cache: a map bounded by the summed weight of its values, least recently used out first. Safe for
 * concurrent readers (one lock; the work under it is a map operation). Values must never change once cached: the
 * store caches only what a generation of the file never rewrites (sealed blocks and chunks, counts of sealed blocks).
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

    private final long capacity;
    private final ToLongFunction<V> weight;
    private final Object[] askedOnce;
    private final Map<K, V> entries = new LinkedHashMap<>(256, 0.75f, true);
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

    public synchronized V get(K key) {
        return entries.get(key);
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
        V old = entries.put(key, value);
        used += weight.applyAsLong(value) - (old == null ? 0 : weight.applyAsLong(old));
        Iterator<V> it = entries.values().iterator();
        while (used > capacity && it.hasNext()) {
            used -= weight.applyAsLong(it.next());
            it.remove();
        }
    }

    public synchronized void clear() {
        entries.clear();
        used = 0;
        if (askedOnce != null) {
            java.util.Arrays.fill(askedOnce, null);
        }
    }
}
