package io.happysim.visual.store.internal.journal;

import io.happysim.visual.store.internal.schema.Codec;
import java.util.Arrays;

/**
 * A block's kinds and their row counts: {@code kinds[i]} occurs {@code counts[i]} times, i being the local index the
 * packed rows use, in order of first appearance. Stored as JSON {@code [[kind, rows], …]} in
 * {@code <prefix>_blocks.palette} (readable with SQLite's JSON functions) and packed with its segment's in
 * {@code <prefix>_segments.palettes}. Immutable.
 */
public record Palette(int[] kinds, int[] counts) {

    public String toJson() {
        StringBuilder sb = new StringBuilder(kinds.length * 10 + 2).append('[');
        for (int i = 0; i < kinds.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('[').append(kinds[i]).append(',').append(counts[i]).append(']');
        }
        return sb.append(']').toString();
    }

    /** Reads the stored JSON without a JSON library: it is only pairs of non-negative integers. */
    public static Palette parse(String json) {
        int[] ks = new int[16];
        int[] cs = new int[16];
        int k = 0;
        long first = 0;
        boolean haveFirst = false;
        long cur = -1;
        for (int i = 0, len = json.length(); i < len; i++) {
            char ch = json.charAt(i);
            if (ch >= '0' && ch <= '9') {
                cur = (cur < 0 ? 0 : cur * 10) + (ch - '0');
            } else if (cur >= 0) {
                if (haveFirst) {
                    if (k == ks.length) {
                        ks = Arrays.copyOf(ks, k * 2);
                        cs = Arrays.copyOf(cs, k * 2);
                    }
                    ks[k] = (int) first;
                    cs[k] = (int) cur;
                    k++;
                    haveFirst = false;
                } else {
                    first = cur;
                    haveFirst = true;
                }
                cur = -1;
            }
        }
        return new Palette(Arrays.copyOf(ks, k), Arrays.copyOf(cs, k));
    }

    /** Packed: the number of kinds, then (kind, rows) pairs, all varints. */
    void writeTo(Codec.Out out) {
        out.varint(kinds.length);
        for (int i = 0; i < kinds.length; i++) {
            out.varint(kinds[i]);
            out.varint(counts[i]);
        }
    }

    static Palette readFrom(Codec.In in) {
        int k = (int) in.varint();
        int[] ks = new int[k];
        int[] cs = new int[k];
        for (int i = 0; i < k; i++) {
            ks[i] = (int) in.varint();
            cs[i] = (int) in.varint();
        }
        return new Palette(ks, cs);
    }

    /** Heap bytes, for the cache's weight. */
    long bytes() {
        return 48 + 8L * kinds.length;
    }
}
