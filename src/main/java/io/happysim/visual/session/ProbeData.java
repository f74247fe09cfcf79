package io.happysim.visual.session;

import io.happysim.visual.store.SeriesData;

/** A probe's points as {@code GET /api/timeseries} shows them; metric and target are "" for an unknown probe. */
public record ProbeData(String name, String metric, String target, SeriesData data) {
}
