package io.happysim.visual.store;

/**
 * Answer of {@code /api/events/count}.
 *
 * @param total    events matching the filters
 * @param timeMinS time of the first matching event in seconds, null when none matches
 * @param timeMaxS time of the last matching event in seconds, null when none matches
 * @param stored   events stored in total
 * @param lastId   id of the last matching event, null when none matches: a view showing that event as its newest
 *                 knows that {@code total} counts exactly the rows up to it, so a later count tells how many are newer
 */
public record EventCount(long total, Double timeMinS, Double timeMaxS, long stored, Long lastId) {
}
