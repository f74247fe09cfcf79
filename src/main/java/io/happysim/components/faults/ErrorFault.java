package io.happysim.components.faults;

import io.happysim.components.server.Server;
import java.util.List;
import java.util.Locale;

/** A server fails: each request ends with an error reply with this probability (a bad deploy, a failing dependency). */
final class ErrorFault extends LevelFault {
    private final Server server;
    private final double probability;

    ErrorFault(Server server, double probability, double startSeconds, double endSeconds) {
        super("errors", java.util.Collections.singletonList(server), startSeconds, endSeconds);
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("error probability must be in [0, 1], got " + probability);
        }
        this.server = server;
        this.probability = probability;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "errors %.0f%% at %s%s", probability * 100, server.name(), until());
    }

    @Override
    double level() {
        return probability;
    }

    @Override
    double neutral() {
        return 0.0;
    }

    @Override
    double combine(double a, double b) {
        return either(a, b);
    }

    @Override
    void apply(double level) {
        server.setErrorProbability(level);
    }
}
