package io.happysim.visual.store;

/**
 * What the owner says about a run when it starts it. The store keeps the JSON texts as they are and hands them back:
 * it does not read them.
 *
 * @param scenario          the scenario's id
 * @param title             the scenario's title
 * @param seed              the run's seed
 * @param paramsJson        every parameter value, a JSON object
 * @param paramsChangedJson the values that differ from the scenario's defaults, a JSON object
 * @param viewJson          what is needed to show the run later (topology, chart definitions, probes …), a JSON object
 * @param startedAtMs       wall-clock start, milliseconds since the epoch
 */
public record RunStart(String scenario, String title, long seed, String paramsJson, String paramsChangedJson, String viewJson,
                       long startedAtMs) {
    public RunStart {
        if (scenario == null || title == null || paramsJson == null || paramsChangedJson == null || viewJson == null) {
            throw new IllegalArgumentException("a run's scenario, title, values and view are required (JSON '{}' when empty)");
        }
    }

    /** A run nobody described (a store opened on its own, as the tests and benchmarks do). */
    public static RunStart unnamed(long startedAtMs) {
        return new RunStart("", "", 0, "{}", "{}", "{}", startedAtMs);
    }
}
