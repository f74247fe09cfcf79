package io.happysim.visual.store;

import java.util.Locale;

/** Chart transforms of original-behaviour §3.10 that bucket a series ({@code raw} is {@link VisualStore#series}). */
public enum Transform {
    MEAN, MAX, P50, P99, P999, COUNT, RATE;

    /** The transform named {@code text} (case-insensitive); anything else is a {@link BadQueryException} on {@code transform}. */
    public static Transform parse(String text) {
        if (text != null) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // fall through
            }
        }
        throw new BadQueryException("transform", "transform must be one of mean, max, p50, p99, p999, count, rate (got '" + text + "')");
    }

    /** The wire name (lower case). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
