package io.happysim.components.faults;

import io.happysim.components.server.Server;
import java.util.List;
import java.util.Locale;

/** A server runs slow: service times × factor for requests that start meanwhile. */
final class SlowdownFault extends LevelFault {
    private final Server server;
    private final double factor;

    SlowdownFault(Server server, double factor, double startSeconds, double endSeconds) {
        super("slowdown", java.util.Collections.singletonList(server), startSeconds, endSeconds);
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("slowdown factor must be positive and finite, got " + factor);
        }
        this.server = server;
        this.factor = factor;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "slowdown ×%s of %s%s", factor, server.name(), until());
    }

    @Override
    double level() {
        return factor;
    }

    @Override
    double neutral() {
        return 1.0;
    }

    @Override
    double combine(double a, double b) {
        return a * b;
    }

    @Override
    void apply(double level) {
        server.setSlowdown(level);
    }
}
