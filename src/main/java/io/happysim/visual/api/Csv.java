package io.happysim.visual.api;

import java.io.IOException;
import java.io.Writer;

/**
 * CSV as RFC 4180 writes it (a field with a comma, a quote or a line break is quoted, its quotes doubled; lines end
 * with CRLF), and simulated times as exact decimal seconds from their nanoseconds ({@code 12.000345}), never in
 * exponent notation, so spreadsheets and pandas read them as they are.
 */
public final class Csv {
    private Csv() {
    }

    public static void line(Writer out, Object... fields) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            field(out, fields[i]);
        }
        out.write("\r\n");
    }

    static void field(Writer out, Object value) throws IOException {
        if (value == null) {
            return;
        }
        String text = String.valueOf(value);
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.write(text);
            return;
        }
        out.write('"');
        out.write(text.replace("\"", "\"\""));
        out.write('"');
    }

    /** {@code 12345678901} ns → {@code 12.345678901}; trailing zeros dropped ({@code 2.5}, {@code 3}). */
    public static String seconds(long ns) {
        long whole = ns / 1_000_000_000L;
        long frac = Math.abs(ns % 1_000_000_000L);
        String sign = ns < 0 && whole == 0 ? "-" : "";
        if (frac == 0) {
            return sign + whole;
        }
        String digits = String.format("%09d", frac);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return sign + whole + "." + digits.substring(0, end);
    }
}
