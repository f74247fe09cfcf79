package io.happysim.visual.store.internal.search;

import io.happysim.visual.store.LogLevel;

/**
 * The filters of a log query as the store's façade hands them over (see {@code LogQuery}).
 *
 * @param filterKey identifies the filters (not the position), for caching per-block counts of a search
 */
public record LogCriteria(LogLevel minLevel, String logger, Double timeMin, Double timeMax, String search, String filterKey) {
}
