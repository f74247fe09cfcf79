package io.happysim.visual.session;

import java.util.List;
import java.util.Map;

/** Typed looks at the plain values {@link JsonText} reads (maps, lists, numbers), tolerant of what is missing. */
final class Values {
    private Values() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }

    /** A number as a double ({@code fallback} when it is not a number). */
    static double number(Object value, double fallback) {
        return value instanceof Number n ? n.doubleValue() : fallback;
    }

    /** A number, or a boolean as 0/1 (as the entity histories chart them); null otherwise. */
    static Double numeric(Object value) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return null;
    }

    static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
