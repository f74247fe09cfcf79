package io.happysim.instrumentation;

import java.util.Arrays;

/**
 * The values of a series kept in sorted order, so a percentile asked again and again while the
 * series grows (a sink's p99 in every metrics snapshot) costs microseconds, not a sort of millions.
 *
 * <p>A list of sorted blocks of at most {@value #MAX_BLOCK} values: adding or removing a value
 * moves at most one block's worth of values, and the k-th smallest is found by walking the block
 * sizes. Duplicates are kept (it is a multiset).
 */
final class SortedValues {
    static final int MAX_BLOCK = 1024;

    private double[][] blocks = new double[1][MAX_BLOCK];
    private int[] sizes = new int[1];
    private int blockCount = 1;
    private int size;

    /** Builds the index from values already sorted ascending. */
    static SortedValues ofSorted(double[] sorted) {
        SortedValues index = new SortedValues();
        int half = MAX_BLOCK / 2;
        int needed = Math.max(1, (sorted.length + half - 1) / half);
        index.blocks = new double[needed][];
        index.sizes = new int[needed];
        for (int b = 0; b < needed; b++) {
            int from = b * half;
            int count = Math.max(0, Math.min(half, sorted.length - from));
            index.blocks[b] = new double[MAX_BLOCK];
            System.arraycopy(sorted, from, index.blocks[b], 0, count);
            index.sizes[b] = count;
        }
        index.blockCount = needed;
        index.size = sorted.length;
        return index;
    }

    int size() {
        return size;
    }

    void add(double value) {
        int b = blockFor(value);
        double[] block = blocks[b];
        int at = upperBound(block, sizes[b], value);
        System.arraycopy(block, at, block, at + 1, sizes[b] - at);
        block[at] = value;
        sizes[b]++;
        size++;
        if (sizes[b] == MAX_BLOCK) {
            split(b);
        }
    }

    /** Removes one occurrence of {@code value}; false if there is none. */
    boolean remove(double value) {
        for (int b = blockFor(value); b >= 0; b--) {
            double[] block = blocks[b];
            int n = sizes[b];
            int at = lowerBound(block, n, value);
            if (at < n && Double.compare(block[at], value) == 0) {
                System.arraycopy(block, at + 1, block, at, n - at - 1);
                sizes[b]--;
                size--;
                if (sizes[b] == 0 && blockCount > 1) {
                    dropBlock(b);
                }
                return true;
            }
            if (n > 0 && Double.compare(block[0], value) < 0) {
                return false;
            }
        }
        return false;
    }

    /** The k-th smallest value, 0-based. */
    double get(int k) {
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException(k + " of " + size);
        }
        int b = 0;
        while (k >= sizes[b]) {
            k -= sizes[b];
            b++;
        }
        return blocks[b][k];
    }

    /** The first block whose last value is at least {@code value} (the last block if none). */
    private int blockFor(double value) {
        int lo = 0;
        int hi = blockCount - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int n = sizes[mid];
            if (n > 0 && Double.compare(blocks[mid][n - 1], value) >= 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private void split(int b) {
        if (blockCount == blocks.length) {
            blocks = Arrays.copyOf(blocks, blockCount * 2);
            sizes = Arrays.copyOf(sizes, blockCount * 2);
        }
        System.arraycopy(blocks, b + 1, blocks, b + 2, blockCount - b - 1);
        System.arraycopy(sizes, b + 1, sizes, b + 2, blockCount - b - 1);
        int half = MAX_BLOCK / 2;
        double[] upper = new double[MAX_BLOCK];
        System.arraycopy(blocks[b], half, upper, 0, MAX_BLOCK - half);
        blocks[b + 1] = upper;
        sizes[b + 1] = MAX_BLOCK - half;
        sizes[b] = half;
        blockCount++;
    }

    private void dropBlock(int b) {
        System.arraycopy(blocks, b + 1, blocks, b, blockCount - b - 1);
        System.arraycopy(sizes, b + 1, sizes, b, blockCount - b - 1);
        blockCount--;
        blocks[blockCount] = null;
        sizes[blockCount] = 0;
    }

    private static int upperBound(double[] a, int n, double value) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(a[mid], value) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int lowerBound(double[] a, int n, double value) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(a[mid], value) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
