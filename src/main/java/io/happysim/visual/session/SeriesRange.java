package io.happysim.visual.session;

/**
 * The part of a series a chart asks for: {@code [startS, endS)} in seconds (either may be null: from the first or to
 * the last sample) and at most {@code maxPoints} points (null: every sample).
 */
public record SeriesRange(Double startS, Double endS, Integer maxPoints) {
    /** The whole series, every point. */
    public static final SeriesRange ALL = new SeriesRange(null, null, null);
}
