package io.happysim.components.faults;

import io.happysim.core.Entity;
import java.util.List;

/**
 * A fault that sets a level on its target — a slowdown factor, an error probability, a capacity
 * factor, extra latency or loss. Overlapping faults of one kind on one target combine (factors
 * multiply, probabilities of independent causes combine, extra latencies add) and the level is
 * recomputed whenever one begins or ends, so ending one never undoes another.
 */
abstract class LevelFault extends TimedFault {
    LevelFault(String kind, List<? extends Entity> targets, double startSeconds, double endSeconds) {
        super(kind, targets, startSeconds, endSeconds);
    }

    /** This fault's own level. */
    abstract double level();

    /** The level with no fault of this kind in effect. */
    abstract double neutral();

    /** Two overlapping faults' levels as one. */
    abstract double combine(double a, double b);

    /** Puts {@code level} into effect on the target. */
    abstract void apply(double level);

    @Override
    public final void begin(List<Fault> active) {
        recompute(active);
    }

    @Override
    public final void end(List<Fault> active) {
        recompute(active);
    }

    private void recompute(List<Fault> active) {
        double level = neutral();
        for (TimedFault fault : sameKindOnTarget(active)) {
            level = combine(level, ((LevelFault) fault).level());
        }
        apply(level);
    }

    /** Probabilities of independent causes: the chance that at least one strikes. */
    static double either(double p, double q) {
        return 1 - (1 - p) * (1 - q);
    }
}
