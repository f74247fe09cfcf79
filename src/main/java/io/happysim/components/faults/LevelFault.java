package io.happysim.components.faults;

import io.happysim.core.Entity;
import java.util.Collections;
import java.util.List;

/**
 * A fault that sets a level on its target — a slowdown factor, an error probability, a capacity
 * factor, extra latency or loss. Overlapping faults of one kind on one target combine (factors
 * multiply, probabilities of independent causes combine, extra latencies add) and the level is
 * recomputed whenever one begins or ends, so ending one never undoes another.
 */
abstract class LevelFault extends TimedFault {
    /** How the levels of overlapping faults of one kind combine, and the level with none in effect. */
    enum Overlap {
        /** Probabilities of independent causes: the chance that at least one strikes. */
        EITHER(0.0) {
            @Override
            double combine(double p, double q) {
                return 1 - (1 - p) * (1 - q);
            }
        },
        /** Factors multiply. */
        PRODUCT(1.0) {
            @Override
            double combine(double a, double b) {
                return a * b;
            }
        },
        /** Extra amounts add. */
        SUM(0.0) {
            @Override
            double combine(double a, double b) {
                return a + b;
            }
        };

        private final double neutral;

        Overlap(double neutral) {
            this.neutral = neutral;
        }

        abstract double combine(double a, double b);
    }

    private final double level;
    private final Overlap overlap;

    LevelFault(String kind, Entity target, double level, Overlap overlap, double startSeconds, double endSeconds) {
        super(kind, Collections.singletonList(target), startSeconds, endSeconds);
        this.level = level;
        this.overlap = overlap;
    }

    /** This fault's own level. */
    final double level() {
        return level;
    }

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
        double combined = overlap.neutral;
        for (TimedFault fault : sameKindOnTarget(active)) {
            combined = overlap.combine(combined, ((LevelFault) fault).level());
        }
        apply(combined);
    }

    /** {@code what} must be a probability or fraction in [0, 1]. */
    static void requireUnitInterval(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], got " + value);
        }
    }
}
