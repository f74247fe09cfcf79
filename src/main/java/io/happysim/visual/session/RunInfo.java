package io.happysim.visual.session;

import java.util.Map;

/**
 * One run as {@code GET /api/runs} lists it. A past run's numbers are those the catalog kept when it ended; the
 * current run's are live (what it has recorded so far; its size is what the file uses beyond the other runs).
 *
 * @param startedAt     wall clock, ISO-8601 UTC
 * @param endedAt       wall clock, ISO-8601 UTC; null for the current run
 * @param timeReachedS  simulated seconds the run got to
 * @param bytes         what the run's tables take in the file
 * @param current       the run being recorded now
 * @param timeUnit      the unit its scenario shows times in (s, min, h)
 * @param endTimeS      the scenario's end, null for a run without one
 */
public record RunInfo(long id, String scenario, String title, long seed, Map<String, Object> params, Map<String, Object> paramsChanged,
                      String startedAt, String endedAt, double timeReachedS, long events, long logs, long samples, long bytes,
                      boolean current, String timeUnit, Double endTimeS) {
}
