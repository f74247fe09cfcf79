package io.happysim.visual.session;

import io.happysim.scenarios.ParameterValues;
import io.happysim.scenarios.Scenario;
import io.happysim.scenarios.ScenarioModel;

/**
 * What a run is made of: a scenario, a seed and its parameter values. The same three give the
 * same history, event for event, so they are what the state shows, a link carries and a re-run reuses.
 */
public record RunSpec(Scenario scenario, long seed, ParameterValues values) {
    public RunSpec {
        if (scenario == null || values == null) {
            throw new IllegalArgumentException("a run needs a scenario and its parameter values");
        }
    }

    /** The scenario with its default seed and values. */
    public static RunSpec defaults(Scenario scenario) {
        return new RunSpec(scenario, Scenario.DEFAULT_SEED, scenario.defaults());
    }

    ScenarioModel build() {
        return scenario.build(seed, values);
    }

    /** {@code seed 42} and the changed values, for a log line. */
    String describe() {
        return "seed " + seed + (values.changed().isEmpty() ? "" : ", " + values.changed());
    }
}
