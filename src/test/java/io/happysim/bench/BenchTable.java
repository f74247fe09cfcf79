package io.happysim.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Prints benchmark rows as an aligned Markdown table, ready to paste into BENCHMARKS.md. */
public final class BenchTable {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    public BenchTable(String... header) {
        this.header = header;
    }

    public BenchTable row(Object... cells) {
        if (cells.length != header.length) {
            throw new IllegalArgumentException("expected " + header.length + " cells, got " + cells.length);
        }
        rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
        return this;
    }

    public void print() {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        System.out.println(line(header, width));
        String[] rule = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            rule[i] = "-".repeat(width[i]);
        }
        System.out.println(line(rule, width));
        rows.forEach(r -> System.out.println(line(r, width)));
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            sb.append(' ').append(String.format("%-" + width[i] + "s", cells[i])).append(" |");
        }
        return sb.toString();
    }

    /** The median of the measurements (the mean of the middle two for an even count). */
    public static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The p-th percentile (0..1) by nearest rank, for latency distributions. */
    public static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
