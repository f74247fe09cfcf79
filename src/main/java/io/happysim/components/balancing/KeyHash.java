package io.happysim.components.balancing;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Function;

/**
 * The original's IPHash: the backend at {@code md5(key) mod n}, the digest read as an unsigned
 * 128-bit number. The key is the first of metadata {@code client_id, client_ip, session_id,
 * user_id} (or what {@code keyOf} returns); requests without one go round robin. Unlike
 * {@link ConsistentHash}, a change in the healthy set remaps most keys.
 */
public final class KeyHash implements LoadBalancingStrategy {
    private final Function<Event, String> keyOf;
    private final RoundRobin fallback = new RoundRobin();

    /** {@code keyOf} null: the metadata fields. */
    public KeyHash(Function<Event, String> keyOf) {
        this.keyOf = keyOf == null ? request -> RoutingKeys.firstOf(request, RoutingKeys.CLIENT_FIELDS) : keyOf;
    }

    @Override
    public Entity select(List<Entity> backends, Event request) {
        String key = keyOf.apply(request);
        if (key == null) {
            return fallback.select(backends, request);
        }
        return backends.get(indexOf(key, backends.size()));
    }

    /** {@code md5(key)} as an unsigned 128-bit number, mod {@code n}. */
    static int indexOf(String key, int n) {
        return new BigInteger(1, RoutingKeys.md5(key)).mod(BigInteger.valueOf(n)).intValue();
    }

    @Override
    public void reset(LoadBalancer balancer) {
        fallback.reset(balancer);
    }
}
