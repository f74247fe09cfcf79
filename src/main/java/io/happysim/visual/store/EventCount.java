package io.happysim.visual.store;

/**
 * Answer of {@code /api/events/count}.
 *
 * @param total    events matching the filters
 * @param timeMinS time of the first matching event in seconds, null when none matches
 * @param timeMaxS time of the last matching event in seconds, null when none matches
 * @param stored   events stored in total
 */
public record EventCount(long total, Double timeMinS, Double timeMaxS, long stored) {
}
