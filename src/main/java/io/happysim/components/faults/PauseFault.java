package io.happysim.components.faults;

import io.happysim.core.Entity;
import java.util.List;

/** A stop-the-world pause (a GC): the node does nothing for the window; what reaches it waits. */
final class PauseFault extends TimedFault {
    PauseFault(Entity target, double startSeconds, double endSeconds) {
        super("pause", java.util.Collections.singletonList(target), startSeconds, endSeconds);
    }

    @Override
    public String describe() {
        return "pause of " + target().name() + until();
    }

    @Override
    public void begin(List<Fault> active) {
        target().pause(endNanos() - startNanos());
    }

    /** The pause ends by itself; overlapping pauses extend each other. */
    @Override
    public void end(List<Fault> active) {
    }
}
