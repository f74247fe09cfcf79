package io.happysim.components.queueing;

import io.happysim.core.Event;
import java.util.SplittableRandom;

/**
 * What a queue policy may ask of the resource it serves: the simulation clock, a random stream
 * from the seed, and someone to tell when it drops a waiting request. Handed over by
 * {@link QueuePolicy#attach}, so a policy needs no global clock and a dropped request is answered
 * (and counted) by its resource, like one the full queue refused.
 */
public interface QueueContext {
    /** Who the policy works for, for log lines and error messages. */
    String name();

    /** The simulation clock, in nanoseconds. */
    long nowNanos();

    /**
     * A random stream derived from the seed and the owner's name; a fresh one on every call, so
     * call it in {@link QueuePolicy#attach} (which runs on every reset).
     */
    SplittableRandom random();

    /**
     * The policy removed {@code event} without serving it (CoDel, an expired deadline): the owner
     * fails its reply as rejected with {@code reason} and counts it as dropped.
     */
    void dropped(Event event, String reason);
}
