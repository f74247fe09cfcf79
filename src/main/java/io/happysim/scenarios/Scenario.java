package io.happysim.scenarios;

/**
 * A model users can pick in the debugger. Implement it and list the class in
 * {@code META-INF/services/io.happysim.scenarios.Scenario} to add your own.
 */
public interface Scenario {
    /** The seed used when none is given. */
    long DEFAULT_SEED = 42L;

    /** A stable, URL-safe id such as {@code bursty-mm1}. */
    String id();

    String title();

    String description();

    /** A fresh simulation (new entities every call) with every random stream derived from {@code seed}. */
    ScenarioModel build(long seed);

    default ScenarioModel build() {
        return build(DEFAULT_SEED);
    }
}
