package io.happysim.visual.session;

import io.happysim.visual.store.SeriesData;
import java.util.Map;

/**
 * A chart or probe both runs have, with each run's points (each reduced to the points asked for on its own).
 *
 * @param config the chart's configuration (the first run's), or the probe's name, metric and target
 */
public record PairedSeries(String name, Map<String, Object> config, long runA, SeriesData a, long runB, SeriesData b) {
}
