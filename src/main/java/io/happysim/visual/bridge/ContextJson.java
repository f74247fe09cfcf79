package io.happysim.visual.bridge;

import io.happysim.core.Duration;
import io.happysim.core.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Writes an event's context as the JSON the debugger stores and shows: times become seconds (as the
 * original's serializer), maps and lists recurse, anything else is its {@code toString()}. Hand-written
 * because it runs once per recorded event on the simulation thread: no reflection, one StringBuilder.
 */
public final class ContextJson {
    /** Nesting deeper than this is cut off: a context that refers to itself must not hang the simulation. */
    static final int MAX_DEPTH = 16;

    private ContextJson() {
    }

    /** The JSON object for {@code context}, or null when there is nothing in it (the wire omits empty contexts). */
    public static String of(Map<String, Object> context) {
        if (context == null || context.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(96);
        writeMap(out, context, 0);
        return out.toString();
    }

    private static void writeValue(StringBuilder out, Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Number n) {
            writeDouble(out, n.doubleValue());
        } else if (value instanceof Instant t) {
            writeDouble(out, t.isInfinite() ? Double.POSITIVE_INFINITY : t.toSeconds());
        } else if (value instanceof Duration d) {
            writeDouble(out, d.toSeconds());
        } else if (depth >= MAX_DEPTH) {
            writeString(out, "…");
        } else if (value instanceof Map<?, ?> m) {
            writeMap(out, m, depth + 1);
        } else if (value instanceof Collection<?> c) {
            out.append('[');
            boolean first = true;
            for (Object item : c) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeValue(out, item, depth + 1);
            }
            out.append(']');
        } else if (value instanceof Object[] array) {
            writeValue(out, java.util.Arrays.asList(array), depth);
        } else {
            writeString(out, String.valueOf(value));
        }
    }

    private static void writeMap(StringBuilder out, Map<?, ?> map, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(out, String.valueOf(entry.getKey()));
            out.append(':');
            writeValue(out, entry.getValue(), depth);
        }
        out.append('}');
    }

    /** JSON has no NaN or infinity: they are written as null, as the original's JSON encoder refused them. */
    private static void writeDouble(StringBuilder out, double value) {
        if (Double.isFinite(value)) {
            if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                out.append((long) value).append(".0");
            } else {
                out.append(value);
            }
        } else {
            out.append("null");
        }
    }

    static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
