package io.happysim.instrumentation;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Samples grouped into fixed windows; only non-empty buckets, in time order, each timed at its start. */
public final class BucketedData {
    private final double window;
    private final double[] times;
    private final double[][] bucketValues;

    BucketedData(double[] sampleTimes, double[] sampleValues, double windowSeconds) {
        if (!(windowSeconds > 0) || Double.isInfinite(windowSeconds)) {
            throw new IllegalArgumentException("window must be positive and finite, got " + windowSeconds);
        }
        this.window = windowSeconds;
        TreeMap<Long, Bucket> grouped = new TreeMap<>();
        for (int i = 0; i < sampleTimes.length; i++) {
            long index = (long) Math.floor(sampleTimes[i] / windowSeconds);
            grouped.computeIfAbsent(index, k -> new Bucket()).add(sampleValues[i]);
        }
        times = new double[grouped.size()];
        bucketValues = new double[grouped.size()][];
        int b = 0;
        for (Map.Entry<Long, Bucket> entry : grouped.entrySet()) {
            times[b] = entry.getKey() * windowSeconds;
            bucketValues[b] = Arrays.copyOf(entry.getValue().values, entry.getValue().count);
            b++;
        }
    }

    /** A growable array of one bucket's values. */
    private static final class Bucket {
        double[] values = new double[4];
        int count;

        void add(double value) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = value;
        }
    }

    public double window() {
        return window;
    }

    public int size() {
        return times.length;
    }

    public double[] times() {
        return times.clone();
    }

    public double[] counts() {
        double[] result = new double[times.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = bucketValues[i].length;
        }
        return result;
    }

    public double[] sums() {
        double[] result = new double[times.length];
        for (int i = 0; i < result.length; i++) {
            for (double v : bucketValues[i]) {
                result[i] += v;
            }
        }
        return result;
    }

    public double[] means() {
        double[] sums = sums();
        for (int i = 0; i < sums.length; i++) {
            sums[i] /= bucketValues[i].length;
        }
        return sums;
    }

    public double[] maxes() {
        double[] result = new double[times.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = Arrays.stream(bucketValues[i]).max().orElse(0.0);
        }
        return result;
    }

    public double[] mins() {
        double[] result = new double[times.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = Arrays.stream(bucketValues[i]).min().orElse(0.0);
        }
        return result;
    }

    /** Interpolated percentile of each bucket, {@code p} in [0, 1]. */
    public double[] percentiles(double p) {
        double[] result = new double[times.length];
        for (int i = 0; i < result.length; i++) {
            double[] sorted = bucketValues[i].clone();
            Arrays.sort(sorted);
            result[i] = Stats.percentileSorted(sorted, sorted.length, p);
        }
        return result;
    }

    public double[] p50s() {
        return percentiles(0.50);
    }

    public double[] p99s() {
        return percentiles(0.99);
    }

    public double[] p999s() {
        return percentiles(0.999);
    }
}
