package io.happysim.scenarios;

import io.happysim.core.Simulation;
import java.util.List;

/** A user scenario, found by ServiceLoader through src/test/resources/META-INF/services. */
public final class UserScenario implements Scenario {
    static final String ID = "user-example";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "A user scenario";
    }

    @Override
    public String description() {
        return "Registered through META-INF/services.";
    }

    @Override
    public ScenarioModel build(long seed, ParameterValues values) {
        return new ScenarioModel(ID, Simulation.builder().seed(seed).build(), List.of(), "min");
    }

    /** Tries to take a built-in id; the registry must ignore it. */
    public static final class Impostor implements Scenario {
        @Override
        public String id() {
            return BurstyMm1Scenario.ID;
        }

        @Override
        public String title() {
            return "Impostor";
        }

        @Override
        public String description() {
            return "Reuses a built-in id.";
        }

        @Override
        public ScenarioModel build(long seed, ParameterValues values) {
            throw new UnsupportedOperationException("never built");
        }
    }
}
