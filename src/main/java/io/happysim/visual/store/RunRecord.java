package io.happysim.visual.store;

/**
 * One run of the file as the catalog holds it ({@code runs}): what its owner said at the start and at the end, and what
 * the store counted. A run still being recorded has no {@code endedAtMs}; its counts and size are those of its last
 * finish (zero before), the owner knows the live ones. JSON texts are as the owner gave them.
 *
 * @param timeReachedS simulated seconds the run got to
 * @param bytes        pages the run's tables take in the file (as of its finish)
 */
public record RunRecord(long id, String scenario, String title, long seed, String paramsJson, String paramsChangedJson,
                        long startedAtMs, Long endedAtMs, double timeReachedS, long events, long logs, long samples, long bytes,
                        String viewJson, String finalStateJson) {
    /** True while the run has not been finished (the current one, or one whose server stopped without finishing it). */
    public boolean unfinished() {
        return endedAtMs == null;
    }
}
