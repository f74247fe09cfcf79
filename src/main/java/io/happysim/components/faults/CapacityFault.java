package io.happysim.components.faults;

import io.happysim.components.server.Server;
import java.util.Locale;

/** Resource exhaustion: only a fraction of a server's concurrency is usable (threads, connections, memory). */
final class CapacityFault extends LevelFault {
    private final Server server;

    CapacityFault(Server server, double factor, double startSeconds, double endSeconds) {
        super("capacity", server, factor, Overlap.PRODUCT, startSeconds, endSeconds);
        requireUnitInterval("capacity factor", factor);
        this.server = server;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "capacity at %.0f%% of %s%s", level() * 100, server.name(), until());
    }

    @Override
    void apply(double level) {
        server.setCapacityFactor(level);
    }
}
