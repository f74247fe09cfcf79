package io.happysim.visual.store;

/**
 * What the owner says about a run when it stops being the current one; its counts and size are the store's own.
 *
 * @param timeReachedS    simulated seconds the run got to
 * @param finalStateJson  what the run's entities showed at the end (a JSON object, kept as it is), or null
 * @param endedAtMs       wall clock, milliseconds since the epoch
 */
public record RunFinish(double timeReachedS, String finalStateJson, long endedAtMs) {
}
