package io.happysim.scenarios;

import java.util.Locale;

/** How a chart turns its samples into points: as they are, or per window. */
public enum ChartTransform {
    RAW, MEAN, P50, P99, P999, MAX, RATE;

    /** The wire name: {@code raw, mean, p50, p99, p999, max, rate}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; anything else is an IllegalArgumentException listing the choices. */
    public static ChartTransform fromWireName(String name) {
        for (ChartTransform t : values()) {
            if (t.wireName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("transform must be one of raw, mean, p50, p99, p999, max, rate; got '" + name + "'");
    }
}
