package io.happysim.scenarios;

import io.happysim.core.Simulation;
import java.util.List;
import java.util.Set;

/** A built scenario: the simulation to run, its dashboard charts and the unit times are shown in. */
public record ScenarioModel(String scenarioId, Simulation simulation, List<Chart> charts, String timeUnit) {
    private static final Set<String> TIME_UNITS = Set.of("s", "min", "h");

    public ScenarioModel {
        if (simulation == null) {
            throw new IllegalArgumentException("a scenario model needs a simulation");
        }
        if (!TIME_UNITS.contains(timeUnit)) {
            throw new IllegalArgumentException("time unit must be s, min or h; got '" + timeUnit + "'");
        }
        charts = List.copyOf(charts);
    }

    public ScenarioModel(String scenarioId, Simulation simulation, List<Chart> charts) {
        this(scenarioId, simulation, charts, "s");
    }
}
