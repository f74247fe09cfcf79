package io.happysim.components.faults;

import io.happysim.components.network.Link;
import io.happysim.core.Instant;
import java.util.Locale;

/** Extra latency on a link, both ways (a congested or rerouted path); overlapping ones add up. */
final class LatencyFault extends LevelFault {
    private final Link link;

    LatencyFault(Link link, double extraSeconds, double startSeconds, double endSeconds) {
        super("latency", link, extraSeconds, Overlap.SUM, startSeconds, endSeconds);
        if (!(extraSeconds >= 0) || Double.isInfinite(extraSeconds)) {
            throw new IllegalArgumentException("extra latency must be finite and non-negative, got " + extraSeconds);
        }
        this.link = link;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "+%s ms latency on %s%s", level() * 1000, link.name(), until());
    }

    @Override
    void apply(double level) {
        link.setExtraLatency(Instant.secondsToNanos(level));
    }
}
