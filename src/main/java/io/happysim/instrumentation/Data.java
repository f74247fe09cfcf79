package io.happysim.instrumentation;

import io.happysim.core.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A time series of (time, value) samples with the statistics a chart needs.
 *
 * <p>Samples live in primitive arrays (no boxing). {@link #retainNewest(int)} turns the store into
 * a ring that keeps only the newest samples, so a long run's memory stays flat while listeners
 * (the debugger's recorder) still see every sample; statistics then cover the retained ones.
 */
public final class Data {
    private static final SampleListener[] NO_LISTENERS = {};

    private long[] times = new long[16];
    private double[] values = new double[16];
    private int head;
    private int size;
    private int limit = Integer.MAX_VALUE;
    private long totalAdded;
    private SampleListener[] listeners = NO_LISTENERS;
    /** Built at the first percentile query, then kept up to date by every add and eviction. */
    private SortedValues order;

    public void add(long timeNanos, double value) {
        if (size < times.length) {
            int index = head + size;
            if (index >= times.length) {
                index -= times.length;
            }
            times[index] = timeNanos;
            values[index] = value;
            size++;
        } else if (size < limit) {
            grow();
            times[size] = timeNanos;
            values[size] = value;
            size++;
        } else {
            if (order != null) {
                order.remove(values[head]);
            }
            times[head] = timeNanos;
            values[head] = value;
            if (++head == times.length) {
                head = 0;
            }
        }
        if (order != null) {
            order.add(value);
        }
        totalAdded++;
        SampleListener[] current = listeners;
        for (SampleListener listener : current) {
            listener.onSample(this, timeNanos, value);
        }
    }

    public void add(Instant time, double value) {
        add(time.nanos(), value);
    }

    private void grow() {
        int capacity = (int) Math.min(limit, Math.max(16L, 2L * times.length));
        compactInto(capacity, size);
    }

    /** Copies the newest {@code keep} samples, oldest first, into arrays of {@code capacity}. */
    private void compactInto(int capacity, int keep) {
        if (keep < size) {
            order = null;
        }
        long[] newTimes = new long[capacity];
        double[] newValues = new double[capacity];
        int skip = size - keep;
        for (int i = 0; i < keep; i++) {
            int from = physical(skip + i);
            newTimes[i] = times[from];
            newValues[i] = values[from];
        }
        times = newTimes;
        values = newValues;
        head = 0;
        size = keep;
    }

    private int physical(int logical) {
        int index = head + logical;
        return index >= times.length ? index - times.length : index;
    }

    /** From now on keep only the newest {@code count} samples in memory (older ones are dropped now). */
    public void retainNewest(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("must retain at least one sample, got " + count);
        }
        if (limit == count && size <= count) {
            return;
        }
        limit = count;
        int keep = Math.min(size, count);
        compactInto(Math.min(count, Math.max(keep, 16)), keep);
    }

    /** Removes every sample (and resets {@link #totalAdded()}); listeners stay. */
    public void clear() {
        head = 0;
        size = 0;
        totalAdded = 0;
        order = null;
        if (times.length > 1024) {
            times = new long[16];
            values = new double[16];
        }
    }

    public void addListener(SampleListener listener) {
        SampleListener[] grown = Arrays.copyOf(listeners, listeners.length + 1);
        grown[listeners.length] = listener;
        listeners = grown;
    }

    public void removeListener(SampleListener listener) {
        List<SampleListener> kept = new ArrayList<>(Arrays.asList(listeners));
        kept.remove(listener);
        listeners = kept.toArray(NO_LISTENERS);
    }

    /** Samples held in memory. */
    public int count() {
        return size;
    }

    /** Samples ever added since creation or the last {@link #clear()}, retained or not. */
    public long totalAdded() {
        return totalAdded;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long timeNanosAt(int index) {
        checkIndex(index);
        return times[physical(index)];
    }

    public double valueAt(int index) {
        checkIndex(index);
        return values[physical(index)];
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("sample " + index + " of " + size);
        }
    }

    /** The newest value, or NaN when empty. */
    public double latest() {
        return size == 0 ? Double.NaN : values[physical(size - 1)];
    }

    /** Sample times in seconds, oldest first. */
    public double[] times() {
        double[] result = new double[size];
        for (int i = 0; i < size; i++) {
            result[i] = times[physical(i)] / 1e9;
        }
        return result;
    }

    public long[] timesNanos() {
        long[] result = new long[size];
        for (int i = 0; i < size; i++) {
            result[i] = times[physical(i)];
        }
        return result;
    }

    public double[] values() {
        double[] result = new double[size];
        for (int i = 0; i < size; i++) {
            result[i] = values[physical(i)];
        }
        return result;
    }

    public TimeSeries toSeries() {
        return new TimeSeries(times(), values());
    }

    /** The samples with {@code start <= t < end} (seconds), as a new Data without listeners. */
    public Data between(double startSeconds, double endSeconds) {
        Data subset = new Data();
        for (int i = 0; i < size; i++) {
            int at = physical(i);
            double t = times[at] / 1e9;
            if (t >= startSeconds && t < endSeconds) {
                subset.add(times[at], values[at]);
            }
        }
        return subset;
    }

    public double sum() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[physical(i)];
        }
        return sum;
    }

    /** Mean, or 0 when empty (as the original). */
    public double mean() {
        return size == 0 ? 0.0 : sum() / size;
    }

    public double min() {
        if (size == 0) {
            return 0.0;
        }
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            min = Math.min(min, values[physical(i)]);
        }
        return min;
    }

    public double max() {
        if (size == 0) {
            return 0.0;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, values[physical(i)]);
        }
        return max;
    }

    /** Population standard deviation, 0 when empty. */
    public double std() {
        if (size == 0) {
            return 0.0;
        }
        double mean = mean();
        double squares = 0;
        for (int i = 0; i < size; i++) {
            double d = values[physical(i)] - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / size);
    }

    /** Interpolated percentile, {@code p} in [0, 1]. */
    public double percentile(double p) {
        if (size == 0) {
            return 0.0;
        }
        if (order == null) {
            double[] sorted = values();
            Arrays.sort(sorted);
            order = SortedValues.ofSorted(sorted);
        }
        if (p <= 0) {
            return order.get(0);
        }
        if (p >= 1) {
            return order.get(size - 1);
        }
        double position = p * (size - 1);
        int lo = (int) position;
        int hi = Math.min(lo + 1, size - 1);
        double fraction = position - lo;
        return order.get(lo) * (1 - fraction) + order.get(hi) * fraction;
    }

    /** Samples grouped into buckets {@code floor(t / window)}; each bucket is timed at its start. */
    public BucketedData bucket(double windowSeconds) {
        return new BucketedData(times(), values(), windowSeconds);
    }

    /** Samples per second in each window (a count of samples, not a sum of values), as the original. */
    public TimeSeries rate(double windowSeconds) {
        BucketedData buckets = bucket(windowSeconds);
        double[] counts = buckets.counts();
        double[] rates = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            rates[i] = counts[i] / windowSeconds;
        }
        return new TimeSeries(buckets.times(), rates);
    }

    @Override
    public String toString() {
        return "Data(" + size + " samples" + (limit < Integer.MAX_VALUE ? ", newest " + limit + " kept" : "") + ")";
    }
}
