package io.happysim.components.faults;

import io.happysim.core.Entity;
import java.util.List;

/**
 * Something that goes wrong for a while: a crash, a GC pause, a slow or failing server, a lossy
 * or slow link, a partition. A {@link FaultSchedule} begins it at {@link #startNanos()} and ends
 * it at {@link #endNanos()}; while it lasts it is listed as an active fault and its targets are
 * marked in the debugger's graph.
 */
public interface Fault {
    /** A short word for its kind: {@code crash}, {@code pause}, {@code slowdown}, {@code errors}, {@code capacity}, … */
    String kind();

    /** The entities it affects (the nodes the debugger marks). */
    List<Entity> targets();

    long startNanos();

    /** When it ends; {@code Instant.INFINITE_NANOS} if it never does. */
    long endNanos();

    /** One line for a user, e.g. {@code slowdown ×3 of Server}. */
    String describe();

    /** Puts the fault into effect; {@code active} holds every fault of the schedule in effect now, this one included. */
    void begin(List<Fault> active);

    /** Takes it out of effect; {@code active} no longer holds it. */
    void end(List<Fault> active);
}
