package io.happysim.components.balancing;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * A hash ring with virtual nodes, as the original: each backend sits at
 * {@code md5("<name>:<i>")} for i below the virtual-node count (hashes as unsigned 128-bit
 * numbers); a request goes to the first ring point at or after {@code md5(key)}, wrapping to the
 * first point. The key is the first of metadata {@code client_id, client_ip, session_id, user_id,
 * key}; requests without one go round robin.
 */
public final class ConsistentHash implements LoadBalancingStrategy {
    public static final int DEFAULT_VIRTUAL_NODES = 150;
    private static final List<String> KEY_FIELDS = List.of("client_id", "client_ip", "session_id", "user_id", "key");

    private final int virtualNodes;
    private final Function<Event, String> keyOf;
    private final RoundRobin fallback = new RoundRobin();
    private final MessageDigest md5;
    private List<Entity> ringBackends = List.of();
    private long[] ringHigh = new long[0];
    private long[] ringLow = new long[0];
    private Entity[] ringOwner = new Entity[0];

    public ConsistentHash(int virtualNodes, Function<Event, String> keyOf) {
        if (virtualNodes < 1) {
            throw new IllegalArgumentException("virtual nodes must be at least 1, got " + virtualNodes);
        }
        this.virtualNodes = virtualNodes;
        this.keyOf = keyOf == null ? ConsistentHash::metadataKey : keyOf;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }

    public ConsistentHash(int virtualNodes) {
        this(virtualNodes, null);
    }

    /** The first of the metadata routing keys, as a string; null if none. */
    public static String metadataKey(Event request) {
        return RoutingKeys.firstOf(request, KEY_FIELDS);
    }

    @Override
    public Entity select(List<Entity> backends, Event request) {
        String key = keyOf.apply(request);
        if (key == null) {
            return fallback.select(backends, request);
        }
        if (!backends.equals(ringBackends)) {
            buildRing(backends);
        }
        byte[] digest = md5.digest(key.getBytes(StandardCharsets.UTF_8));
        long high = toLong(digest, 0);
        long low = toLong(digest, 8);
        int lo = 0;
        int hi = ringHigh.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareUnsigned(ringHigh[mid], ringLow[mid], high, low) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return ringOwner[lo == ringHigh.length ? 0 : lo];
    }

    private void buildRing(List<Entity> backends) {
        int n = backends.size() * virtualNodes;
        long[][] points = new long[n][];
        int p = 0;
        for (int b = 0; b < backends.size(); b++) {
            for (int i = 0; i < virtualNodes; i++) {
                byte[] digest = md5.digest((backends.get(b).name() + ":" + i).getBytes(StandardCharsets.UTF_8));
                points[p++] = new long[] {toLong(digest, 0), toLong(digest, 8), b};
            }
        }
        Arrays.sort(points, (x, y) -> compareUnsigned(x[0], x[1], y[0], y[1]));
        ringHigh = new long[n];
        ringLow = new long[n];
        ringOwner = new Entity[n];
        for (int i = 0; i < n; i++) {
            ringHigh[i] = points[i][0];
            ringLow[i] = points[i][1];
            ringOwner[i] = backends.get((int) points[i][2]);
        }
        ringBackends = new ArrayList<>(backends);
    }

    private static long toLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static int compareUnsigned(long aHigh, long aLow, long bHigh, long bLow) {
        int byHigh = Long.compareUnsigned(aHigh, bHigh);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(aLow, bLow);
    }

    public int virtualNodes() {
        return virtualNodes;
    }

    @Override
    public void reset(LoadBalancer balancer) {
        fallback.reset(balancer);
    }
}
