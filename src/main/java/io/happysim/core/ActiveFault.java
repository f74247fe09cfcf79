package io.happysim.core;

import java.util.List;

/**
 * A fault in effect now — a crash, a pause, a slowdown, a lossy link — as the debugger lists it
 * and marks it on the graph: what kind, which entities it affects, since when and until when.
 *
 * @param id          unique in the simulation while active
 * @param targets     names of the affected entities (nodes to mark)
 * @param endNanos    when it is scheduled to end; {@link Instant#INFINITE_NANOS} if never
 * @param description one line for a user ("crash of Server until 40 s")
 */
public record ActiveFault(String id, String kind, List<String> targets, long startNanos, long endNanos, String description) {
    public ActiveFault {
        targets = List.copyOf(targets);
    }
}
