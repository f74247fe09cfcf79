package io.happysim.visual.store.internal.search;

import java.util.List;

/**
 * One structured filter of an event query, {@code name=value}: the context field at {@code path} (the name split at
 * its dots: {@code metadata.tenant}) has exactly {@code value} — a string's unescaped content, any other value's text
 * as recorded ({@code request_id=42}, {@code id=7} for {@code "id":"7"}, {@code ok=true}).
 */
public record FieldCriterion(String name, List<String> path, String value) {
    public FieldCriterion {
        path = List.copyOf(path);
    }

    /** {@code name=value}, split at the first {@code =}; null when there is none or the name is empty. */
    public static FieldCriterion parse(String spec) {
        if (spec == null) {
            return null;
        }
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            return null;
        }
        String name = spec.substring(0, eq).trim();
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return null;
        }
        return new FieldCriterion(name, List.of(name.split("\\.")), spec.substring(eq + 1));
    }

    /** How it reads back: {@code name=value}. */
    @Override
    public String toString() {
        return name + "=" + value;
    }
}
