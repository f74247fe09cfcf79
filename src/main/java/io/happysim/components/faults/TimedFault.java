package io.happysim.components.faults;

import io.happysim.core.Entity;
import io.happysim.core.Instant;
import java.util.List;
import java.util.Locale;

/** The window and targets every fault has, with the checks that make a bad schedule a clear error. */
abstract class TimedFault implements Fault {
    private final String kind;
    private final List<Entity> targets;
    private final long startNanos;
    private final long endNanos;

    TimedFault(String kind, List<? extends Entity> targets, double startSeconds, double endSeconds) {
        if (targets.isEmpty() || targets.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException(kind + " fault needs its targets");
        }
        if (!(startSeconds >= 0) || Double.isInfinite(startSeconds)) {
            throw new IllegalArgumentException(kind + " fault must start at a finite time ≥ 0, got " + startSeconds);
        }
        if (Double.isNaN(endSeconds)) {
            throw new IllegalArgumentException(kind + " fault end is not a number");
        }
        if (endSeconds <= startSeconds) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s fault of %s ends (%s s) before it starts (%s s)",
                    kind, targets.get(0).name(), endSeconds, startSeconds));
        }
        this.kind = kind;
        this.targets = List.copyOf(targets);
        this.startNanos = Instant.secondsToNanos(startSeconds);
        this.endNanos = Double.isInfinite(endSeconds) ? Instant.INFINITE_NANOS : Instant.secondsToNanos(endSeconds);
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final List<Entity> targets() {
        return targets;
    }

    @Override
    public final long startNanos() {
        return startNanos;
    }

    @Override
    public final long endNanos() {
        return endNanos;
    }

    final Entity target() {
        return targets.get(0);
    }

    /** The other faults of the same kind on the same first target that are in effect. */
    final List<TimedFault> sameKindOnTarget(List<Fault> active) {
        return active.stream()
                .filter(f -> f instanceof TimedFault t && t.kind.equals(kind) && t.target() == target())
                .map(f -> (TimedFault) f)
                .toList();
    }

    /** {@code " until 40 s"} (seconds of simulated time, as a user gave them), or nothing for a fault without end. */
    final String until() {
        if (endNanos == Instant.INFINITE_NANOS) {
            return "";
        }
        String seconds = java.math.BigDecimal.valueOf(endNanos / 1e9).setScale(3, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
        return " until " + seconds + " s";
    }

    @Override
    public String toString() {
        return describe();
    }
}
