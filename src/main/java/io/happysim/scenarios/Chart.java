package io.happysim.scenarios;

import io.happysim.instrumentation.BucketedData;
import io.happysim.instrumentation.Data;
import io.happysim.instrumentation.Probe;
import io.happysim.instrumentation.TimeSeries;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A chart a scenario offers on the dashboard: one series and how to draw it. Its id is derived
 * from its definition (the original's was random per run), so a browser's layout survives restarts.
 */
public final class Chart {
    private final String scenarioId;
    private final String title;
    private final Data data;
    private final String seriesName;
    private final String yLabel;
    private final String xLabel;
    private final String color;
    private final ChartTransform transform;
    private final double windowSeconds;
    private final Double yMin;
    private final Double yMax;
    private final String chartId;

    private Chart(Builder b) {
        this.scenarioId = b.scenarioId;
        this.title = b.title;
        this.data = b.data;
        this.seriesName = b.seriesName;
        this.yLabel = b.yLabel;
        this.xLabel = b.xLabel;
        this.color = b.color;
        this.transform = b.transform;
        this.windowSeconds = b.windowSeconds;
        this.yMin = b.yMin;
        this.yMax = b.yMax;
        this.chartId = deriveId(scenarioId + "\n" + title + "\n" + seriesName + "\n" + transform.wireName() + "\n" + windowSeconds);
    }

    /** A chart of {@code data}, which its owner stores as series {@code seriesName}. */
    public static Builder of(Data data, String seriesName) {
        return new Builder(data, seriesName);
    }

    /** A chart of a probe's data, titled {@code <target>.<metric>} unless retitled, as the original's from_probe. */
    public static Builder ofProbe(Probe probe) {
        return new Builder(probe.data(), probe.name()).title(probe.target().name() + "." + probe.metric());
    }

    private static String deriveId(String definition) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(definition.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }

    /** The first 8 hex digits of a SHA-1 over scenario id, title, series, transform and window. */
    public String chartId() {
        return chartId;
    }

    public String title() {
        return title;
    }

    public Data data() {
        return data;
    }

    public String seriesName() {
        return seriesName;
    }

    public String yLabel() {
        return yLabel;
    }

    public String xLabel() {
        return xLabel;
    }

    public String color() {
        return color;
    }

    public ChartTransform transform() {
        return transform;
    }

    public double windowSeconds() {
        return windowSeconds;
    }

    public Double yMin() {
        return yMin;
    }

    public Double yMax() {
        return yMax;
    }

    /**
     * The points to draw, as the original's get_data: first the samples in [start, end) (null
     * bounds mean open), then the transform per window of the subset.
     */
    public TimeSeries render(Double startSeconds, Double endSeconds) {
        Data subset = startSeconds == null && endSeconds == null ? data
                : data.between(startSeconds == null ? 0.0 : startSeconds,
                        endSeconds == null ? Double.POSITIVE_INFINITY : endSeconds);
        return transform(subset, transform, windowSeconds);
    }

    /** Applies a transform to any data, e.g. a series read back from the history store. */
    public static TimeSeries transform(Data data, ChartTransform transform, double windowSeconds) {
        if (transform == ChartTransform.RAW) {
            return data.toSeries();
        }
        if (transform == ChartTransform.RATE) {
            return data.rate(windowSeconds);
        }
        BucketedData buckets = data.bucket(windowSeconds);
        double[] values = switch (transform) {
            case MEAN -> buckets.means();
            case P50 -> buckets.p50s();
            case P99 -> buckets.p99s();
            case P999 -> buckets.p999s();
            case MAX -> buckets.maxes();
            default -> throw new IllegalStateException("unhandled transform " + transform);
        };
        return new TimeSeries(buckets.times(), values);
    }

    @Override
    public String toString() {
        return "Chart(" + chartId + ", '" + title + "', " + seriesName + ", " + transform.wireName() + ")";
    }

    /** Defaults as the original: x label "Time (s)", colour #3b82f6, raw, 1 s window, open y range. */
    public static final class Builder {
        private final Data data;
        private final String seriesName;
        private String scenarioId = "";
        private String title = "";
        private String yLabel = "";
        private String xLabel = "Time (s)";
        private String color = "#3b82f6";
        private ChartTransform transform = ChartTransform.RAW;
        private double windowSeconds = 1.0;
        private Double yMin;
        private Double yMax;

        private Builder(Data data, String seriesName) {
            if (data == null || seriesName == null) {
                throw new IllegalArgumentException("a chart needs data and the name of its series");
            }
            this.data = data;
            this.seriesName = seriesName;
        }

        /** The scenario the chart belongs to; part of its id. */
        public Builder scenario(String id) {
            this.scenarioId = id;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder yLabel(String yLabel) {
            this.yLabel = yLabel;
            return this;
        }

        public Builder xLabel(String xLabel) {
            this.xLabel = xLabel;
            return this;
        }

        public Builder color(String color) {
            this.color = color;
            return this;
        }

        public Builder transform(ChartTransform transform) {
            this.transform = transform;
            return this;
        }

        public Builder windowSeconds(double windowSeconds) {
            if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds)) {
                throw new IllegalArgumentException("window must be positive and finite, got " + windowSeconds);
            }
            this.windowSeconds = windowSeconds;
            return this;
        }

        public Builder yRange(Double yMin, Double yMax) {
            this.yMin = yMin;
            this.yMax = yMax;
            return this;
        }

        public Chart build() {
            return new Chart(this);
        }
    }
}
