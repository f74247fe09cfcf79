package io.happysim.scenarios;

import java.util.List;

/**
 * A model users can pick in the debugger: an id, a title, a description that says what to look
 * for, the parameters a user may change, and a build from a seed and parameter values. Implement
 * it and list the class in {@code META-INF/services/io.happysim.scenarios.Scenario} to add your own.
 */
public interface Scenario {
    /** The seed used when none is given. */
    long DEFAULT_SEED = 42L;

    /** A stable, URL-safe id such as {@code bursty-mm1}. */
    String id();

    String title();

    String description();

    /** The knobs a user may change, in the order a form shows them (none by default). */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * A fresh simulation (new entities every call) with every random stream derived from
     * {@code seed} and the given values (already validated against {@link #parameters()}).
     * The same seed and values must give the same history.
     */
    ScenarioModel build(long seed, ParameterValues values);

    /** Built with every parameter at its default. */
    default ScenarioModel build(long seed) {
        return build(seed, defaults());
    }

    default ScenarioModel build() {
        return build(DEFAULT_SEED);
    }

    default ParameterValues defaults() {
        return ParameterValues.defaults(parameters());
    }
}
