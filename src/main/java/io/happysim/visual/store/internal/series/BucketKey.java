package io.happysim.visual.store.internal.series;

import io.happysim.visual.store.Transform;

/** A bucket series: the base series, the transform, the window in seconds. */
public record BucketKey(String base, Transform transform, double window) {
    /** Its name in the {@code series} table. */
    String seriesName() {
        return "bucket:" + transform.wireName() + ":" + window + ":" + base;
    }
}
