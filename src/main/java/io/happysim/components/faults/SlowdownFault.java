package io.happysim.components.faults;

import io.happysim.components.server.Server;
import java.util.Locale;

/** A server runs slow: service times × factor for requests that start meanwhile. */
final class SlowdownFault extends LevelFault {
    private final Server server;

    SlowdownFault(Server server, double factor, double startSeconds, double endSeconds) {
        super("slowdown", server, factor, Overlap.PRODUCT, startSeconds, endSeconds);
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("slowdown factor must be positive and finite, got " + factor);
        }
        this.server = server;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "slowdown ×%s of %s%s", level(), server.name(), until());
    }

    @Override
    void apply(double level) {
        server.setSlowdown(level);
    }
}
