package io.happysim.visual.store.internal.series;

import io.happysim.visual.store.Transform;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The open bucket of a bucket series: what its aggregate needs so far, as {@link BucketMath#aggregate} would compute it
 * from all its values — the count; the sum in sample order (mean); the first value and every later one above it (max);
 * the values themselves only for a percentile. Building a bucket series from 100 M samples then copies values only
 * where a percentile needs them, and a mean, max, count or rate over a bucket of any size keeps a few numbers. Values
 * come from arrays or straight from a packed chunk ({@link ChunkCodec}: little-endian doubles). One thread at a time.
 */
final class OpenBucket {
    private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final Transform transform;
    private final double window;
    private final boolean keepsValues;
    private long n;
    private double sum;
    private double max;
    private final BucketMath.Doubles values = new BucketMath.Doubles();
    private final Selection selection = new Selection();

    OpenBucket(Transform transform, double window) {
        this.transform = transform;
        this.window = window;
        this.keepsValues = transform == Transform.P50 || transform == Transform.P99 || transform == Transform.P999;
    }

    boolean isEmpty() {
        return n == 0;
    }

    long count() {
        return n;
    }

    /** Adds {@code v[from, to)} in order. */
    void add(double[] v, int from, int to) {
        if (from >= to) {
            return;
        }
        switch (transform) {
            case MEAN: {
                double s = sum;
                for (int i = from; i < to; i++) {
                    s += v[i];
                }
                sum = s;
                break;
            }
            case MAX: {
                double m = n == 0 ? v[from] : max;
                for (int i = n == 0 ? from + 1 : from; i < to; i++) {
                    if (v[i] > m) {
                        m = v[i];
                    }
                }
                max = m;
                break;
            }
            case P50:
            case P99:
            case P999:
                values.addAll(v, from, to);
                break;
            default:
                break;      // a count needs no value
        }
        n += to - from;
    }

    /** Adds values {@code [from, to)} of a packed chunk whose value 0 starts at byte {@code at}, in order. */
    void addPacked(byte[] data, int at, int from, int to) {
        if (from >= to) {
            return;
        }
        switch (transform) {
            case MEAN: {
                double s = sum;
                for (int i = from; i < to; i++) {
                    s += (double) DOUBLE_LE.get(data, at + 8 * i);
                }
                sum = s;
                break;
            }
            case MAX: {
                double m = n == 0 ? (double) DOUBLE_LE.get(data, at + 8 * from) : max;
                for (int i = n == 0 ? from + 1 : from; i < to; i++) {
                    double x = (double) DOUBLE_LE.get(data, at + 8 * i);
                    if (x > m) {
                        m = x;
                    }
                }
                max = m;
                break;
            }
            case P50:
            case P99:
            case P999:
                values.addPacked(data, at, from, to);
                break;
            default:
                break;
        }
        n += to - from;
    }

    /** The aggregate of the values added since the last close; empties the bucket. */
    double close() {
        double a = aggregate();
        clear();
        return a;
    }

    private double aggregate() {
        switch (transform) {
            case MEAN:
                return sum / n;
            case MAX:
                return max;
            case COUNT:
                return n;
            case RATE:
                return n / window;
            default:
                return BucketMath.aggregate(transform, values.a, values.n, window, selection);
        }
    }

    void clear() {
        n = 0;
        sum = 0;
        max = 0;
        values.clear();
    }

    /** Becomes a copy of {@code other} (the same transform). */
    void copyOf(OpenBucket other) {
        n = other.n;
        sum = other.sum;
        max = other.max;
        values.clear();
        if (keepsValues) {
            values.addAll(other.values.a, 0, other.values.n);
        }
    }
}
