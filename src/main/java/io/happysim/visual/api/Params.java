package io.happysim.visual.api;

import java.util.Locale;

/**
 * Query parameters arrive as strings and are parsed here, so a bad value becomes a 400 that names
 * the parameter (JAX-RS's own conversion would answer 404 for a malformed query parameter).
 */
public final class Params {
    /** Longer parameters are refused before any parsing or querying. */
    public static final int MAX_LENGTH = 1000;

    private Params() {
    }

    public static String text(String name, String raw) {
        if (raw != null && raw.length() > MAX_LENGTH) {
            throw ApiException.badRequest(name + " is longer than " + MAX_LENGTH + " characters");
        }
        return raw;
    }

    public static String required(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest(name + " is required");
        }
        return text(name, raw);
    }

    /** A finite number of seconds, or null when absent. */
    public static Double seconds(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(text(name, raw).trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a number of seconds, got '" + shorten(raw) + "'");
        }
        if (!Double.isFinite(value)) {
            throw ApiException.badRequest(name + " must be a finite number, got '" + shorten(raw) + "'");
        }
        if (value < 0) {
            throw ApiException.badRequest(name + " must not be negative, got " + raw.trim());
        }
        return value;
    }

    public static Double requiredSeconds(String name, String raw) {
        required(name, raw);
        return seconds(name, raw);
    }

    /** An integer in [min, max], the default when absent. */
    public static int integer(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(text(name, raw).trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer, got '" + shorten(raw) + "'");
        }
        if (value < min || value > max) {
            throw ApiException.badRequest(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return (int) value;
    }

    public static Integer optionalInteger(String name, String raw, int min, int max) {
        return raw == null || raw.isBlank() ? null : integer(name, raw, 0, min, max);
    }

    public static boolean bool(String name, String raw, boolean fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false, got '" + shorten(raw) + "'");
        };
    }

    /** A run's id ({@code /api/runs}), or null when absent: a whole number from 1. */
    public static Long run(String raw) {
        return raw == null || raw.isBlank() ? null : runId(raw);
    }

    /** A run's id as a path or query value: a whole number from 1 (else 400). */
    public static long runId(String raw) {
        long value;
        try {
            value = Long.parseLong(text("run", raw).trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("run must be a run id (a whole number from 1), got '" + shorten(raw) + "'");
        }
        if (value < 1) {
            throw ApiException.badRequest("run must be a run id (a whole number from 1), got " + value);
        }
        return value;
    }

    /** Checks that a time range is not reversed. */
    public static void range(String minName, Double min, String maxName, Double max) {
        if (min != null && max != null && min > max) {
            throw ApiException.badRequest(minName + " (" + min + ") must not be greater than " + maxName + " (" + max + ")");
        }
    }

    static String shorten(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "…";
    }
}
