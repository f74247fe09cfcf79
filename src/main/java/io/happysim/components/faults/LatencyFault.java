package io.happysim.components.faults;

import io.happysim.components.network.Link;
import io.happysim.core.Instant;
import java.util.Collections;
import java.util.Locale;

/** Extra latency on a link, both ways (a congested or rerouted path); overlapping ones add up. */
final class LatencyFault extends LevelFault {
    private final Link link;
    private final double extraSeconds;

    LatencyFault(Link link, double extraSeconds, double startSeconds, double endSeconds) {
        super("latency", Collections.singletonList(link), startSeconds, endSeconds);
        if (!(extraSeconds >= 0) || Double.isInfinite(extraSeconds)) {
            throw new IllegalArgumentException("extra latency must be finite and non-negative, got " + extraSeconds);
        }
        this.link = link;
        this.extraSeconds = extraSeconds;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "+%s ms latency on %s%s", extraSeconds * 1000, link.name(), until());
    }

    @Override
    double level() {
        return extraSeconds;
    }

    @Override
    double neutral() {
        return 0.0;
    }

    @Override
    double combine(double a, double b) {
        return a + b;
    }

    @Override
    void apply(double level) {
        link.setExtraLatency(Instant.secondsToNanos(level));
    }
}
