package io.happysim.components.faults;

import io.happysim.components.server.Server;
import java.util.List;
import java.util.Locale;

/** Resource exhaustion: only a fraction of a server's concurrency is usable (threads, connections, memory). */
final class CapacityFault extends LevelFault {
    private final Server server;
    private final double factor;

    CapacityFault(Server server, double factor, double startSeconds, double endSeconds) {
        super("capacity", java.util.Collections.singletonList(server), startSeconds, endSeconds);
        if (!(factor >= 0 && factor <= 1)) {
            throw new IllegalArgumentException("capacity factor must be in [0, 1], got " + factor);
        }
        this.server = server;
        this.factor = factor;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "capacity at %.0f%% of %s%s", factor * 100, server.name(), until());
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
        server.setCapacityFactor(level);
    }
}
