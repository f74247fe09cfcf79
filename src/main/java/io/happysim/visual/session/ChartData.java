package io.happysim.visual.session;

import io.happysim.scenarios.Chart;
import io.happysim.visual.store.SeriesData;

/** A chart of the loaded model and its points. */
public record ChartData(Chart chart, SeriesData data) {
}
