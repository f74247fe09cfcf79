package io.happysim.visual.store.internal.journal;

import java.util.ArrayList;
import java.util.List;

/** A block's kinds and their row counts, as stored in {@code <prefix>_blocks.palette}: JSON {@code [[kind, rows], …]}. */
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
        List<Integer> ks = new ArrayList<>();
        List<Integer> cs = new ArrayList<>();
        long first = 0;
        boolean haveFirst = false;
        long cur = -1;
        for (int i = 0; i < json.length(); i++) {
            char ch = json.charAt(i);
            if (ch >= '0' && ch <= '9') {
                cur = (cur < 0 ? 0 : cur * 10) + (ch - '0');
            } else if (cur >= 0) {
                if (haveFirst) {
                    ks.add((int) first);
                    cs.add((int) cur);
                    haveFirst = false;
                } else {
                    first = cur;
                    haveFirst = true;
                }
                cur = -1;
            }
        }
        return new Palette(ks.stream().mapToInt(x -> x).toArray(), cs.stream().mapToInt(x -> x).toArray());
    }
}
