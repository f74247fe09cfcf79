package io.happysim.components.faults;

import io.happysim.core.Entity;
import java.util.List;

/** A node crashes: its work is lost, and so is what reaches it until it restarts (if ever). */
final class CrashFault extends TimedFault {
    CrashFault(Entity target, double atSeconds, double restartAtSeconds) {
        super("crash", java.util.Collections.singletonList(target), atSeconds, restartAtSeconds);
    }

    @Override
    public String describe() {
        return "crash of " + target().name() + until();
    }

    @Override
    public void begin(List<Fault> active) {
        target().crash();
    }

    /** Restarts only when no other crash of the same node is still in effect. */
    @Override
    public void end(List<Fault> active) {
        if (sameKindOnTarget(active).isEmpty()) {
            target().restart();
        }
    }
}
