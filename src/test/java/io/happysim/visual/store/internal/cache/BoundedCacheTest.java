package io.happysim.visual.store.internal.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
    private static BoundedCache<Integer, String> byCount(int capacity, BoundedCache.Admission admission) {
        return new BoundedCache<>(capacity, v -> 1, admission);
    }

    @Test
    void keepsAtMostItsCapacityByWeight() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(100, String::length, BoundedCache.Admission.ON_FIRST_REQUEST);
        for (int i = 0; i < 50; i++) {
            cache.offer(i, "x".repeat(1 + i % 17));
            assertTrue(cache.used() <= 100, "used " + cache.used());
        }
        int summed = 0;
        for (int i = 0; i < 50; i++) {
            String v = cache.get(i);
            if (v != null) {
                assertEquals(1 + i % 17, v.length());
                summed += v.length();
            }
        }
        assertEquals(cache.used(), summed);
    }

    @Test
    void anEntryHitSinceTheLastSweepOutlivesOneThatWasNot() {
        BoundedCache<Integer, String> cache = byCount(3, BoundedCache.Admission.ON_FIRST_REQUEST);
        cache.offer(1, "a");
        cache.offer(2, "b");
        cache.offer(3, "c");
        cache.get(1);           // the oldest, but in use
        cache.offer(4, "d");    // room for one: 2 (oldest not hit) goes
        assertNotNull(cache.get(1));
        assertNull(cache.get(2));
        assertNotNull(cache.get(3));
        assertNotNull(cache.get(4));
    }

    @Test
    void withSecondRequestAdmissionAKeyOfferedOnceIsNotKept() {
        BoundedCache<Integer, String> cache = byCount(10, BoundedCache.Admission.ON_SECOND_REQUEST);
        cache.offer(7, "once");
        assertNull(cache.get(7));
        cache.offer(7, "twice");
        assertEquals("twice", cache.get(7));
    }

    @Test
    void aValueHeavierThanTheWholeCacheIsNotKept() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(5, String::length, BoundedCache.Admission.ON_FIRST_REQUEST);
        cache.offer(1, "ab");
        cache.offer(2, "abcdefgh");
        assertNull(cache.get(2));
        assertTrue(cache.used() <= 5);
    }

    @Test
    void clearEmptiesIt() {
        BoundedCache<Integer, String> cache = byCount(10, BoundedCache.Admission.ON_FIRST_REQUEST);
        cache.offer(1, "a");
        cache.clear();
        assertNull(cache.get(1));
        assertEquals(0, cache.used());
        assertEquals(0, cache.size());
    }

    @Test
    void concurrentReadersAndWritersNeverSeeAWrongValueAndTheBoundHolds() throws Exception {
        BoundedCache<Integer, String> cache = new BoundedCache<>(2_000, String::length, BoundedCache.Admission.ON_FIRST_REQUEST);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int seed = t;
            threads.add(new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                try {
                    for (int i = 0; i < 200_000; i++) {
                        int key = random.nextInt(1_000);
                        String v = cache.get(key);
                        if (v == null) {
                            cache.offer(key, Integer.toString(key));
                        } else if (!v.equals(Integer.toString(key))) {
                            throw new AssertionError("key " + key + " gave " + v);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(cache.used() <= 2_000, "used " + cache.used());
        int summed = 0;
        for (int key = 0; key < 1_000; key++) {
            String v = cache.get(key);
            summed += v == null ? 0 : v.length();
        }
        assertEquals(cache.used(), summed);
    }
}
