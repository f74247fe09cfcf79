package io.happysim.components.faults;

import io.happysim.components.server.Server;
import java.util.Locale;

/** A server fails: each request ends with an error reply with this probability (a bad deploy, a failing dependency). */
final class ErrorFault extends LevelFault {
    private final Server server;

    ErrorFault(Server server, double probability, double startSeconds, double endSeconds) {
        super("errors", server, probability, Overlap.EITHER, startSeconds, endSeconds);
        requireUnitInterval("error probability", probability);
        this.server = server;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "errors %.0f%% at %s%s", level() * 100, server.name(), until());
    }

    @Override
    void apply(double level) {
        server.setErrorProbability(level);
    }
}
