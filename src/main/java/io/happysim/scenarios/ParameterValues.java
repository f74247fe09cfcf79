package io.happysim.scenarios;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a run uses for each declared parameter: given ones checked, the rest at their
 * defaults. This is the one place values are validated — the API, the UI's links and model code
 * all go through {@link #of}.
 */
public final class ParameterValues {
    private final List<Parameter> declared;
    private final Map<String, Object> values;

    private ParameterValues(List<Parameter> declared, Map<String, Object> values) {
        this.declared = List.copyOf(declared);
        this.values = Collections.unmodifiableMap(values);
    }

    /** Every parameter at its default. */
    public static ParameterValues defaults(List<Parameter> declared) {
        Map<String, Object> values = new LinkedHashMap<>();
        declared.forEach(p -> values.put(p.name(), p.defaultValue()));
        return new ParameterValues(declared, values);
    }

    /**
     * The declared parameters with {@code given} values (numbers, booleans, strings as JSON gives
     * them) over the defaults. An unknown name, a value of the wrong type, NaN or infinity, a
     * fraction for an integer or a value out of range is an {@link InvalidParameterException}
     * naming the parameter.
     */
    public static ParameterValues of(List<Parameter> declared, Map<String, ?> given) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        declared.forEach(p -> byName.put(p.name(), p));
        Map<String, Object> values = new LinkedHashMap<>();
        declared.forEach(p -> values.put(p.name(), p.defaultValue()));
        for (Map.Entry<String, ?> entry : given.entrySet()) {
            Parameter parameter = byName.get(entry.getKey());
            if (parameter == null) {
                throw new InvalidParameterException(entry.getKey(), "unknown parameter '" + entry.getKey() + "'"
                        + (byName.isEmpty() ? ": this scenario has none" : "; known: " + String.join(", ", byName.keySet())));
            }
            Object value = entry.getValue();
            String problem = problemWith(parameter.type(), parameter.min(), parameter.max(), parameter.choices(), value);
            if (problem != null) {
                throw new InvalidParameterException(parameter.name(), "parameter '" + parameter.name() + "': " + problem);
            }
            values.put(parameter.name(), normalise(parameter.type(), value));
        }
        return new ParameterValues(declared, values);
    }

    /** What is wrong with {@code value} for a parameter of this shape, or null if nothing. */
    static String problemWith(Parameter.Type type, Double min, Double max, List<String> choices, Object value) {
        if (value == null) {
            return "needs a value";
        }
        switch (type) {
            case BOOLEAN -> {
                return value instanceof Boolean ? null : "must be true or false, got " + describe(value);
            }
            case CHOICE -> {
                if (!(value instanceof String text)) {
                    return "must be one of " + choices + ", got " + describe(value);
                }
                return choices.contains(text) ? null : "must be one of " + choices + ", got '" + text + "'";
            }
            default -> {
                if (!(value instanceof Number number)) {
                    return "must be a number, got " + describe(value);
                }
                double x = number.doubleValue();
                if (!Double.isFinite(x)) {
                    return "must be a finite number, got " + value;
                }
                if (type == Parameter.Type.INTEGER && (x != Math.rint(x) || Math.abs(x) > 9.007199254740992E15)) {
                    return "must be a whole number, got " + value;
                }
                if (min != null && x < min) {
                    return "must be at least " + trim(min) + ", got " + value;
                }
                if (max != null && x > max) {
                    return "must be at most " + trim(max) + ", got " + value;
                }
                return null;
            }
        }
    }

    private static Object normalise(Parameter.Type type, Object value) {
        return switch (type) {
            case INTEGER -> ((Number) value).longValue();
            case NUMBER -> ((Number) value).doubleValue();
            default -> value;
        };
    }

    private static String describe(Object value) {
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }

    private static String trim(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    public double number(String name) {
        return ((Number) require(name)).doubleValue();
    }

    public int integer(String name) {
        return Math.toIntExact(((Number) require(name)).longValue());
    }

    public boolean flag(String name) {
        return (Boolean) require(name);
    }

    public String choice(String name) {
        return (String) require(name);
    }

    private Object require(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter '" + name + "' is declared");
        }
        return values.get(name);
    }

    /** Every value, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The values that differ from their defaults, in declaration order (what a link or a header shows). */
    public Map<String, Object> changed() {
        Map<String, Object> changed = new LinkedHashMap<>();
        for (Parameter p : declared) {
            Object value = values.get(p.name());
            if (!value.equals(p.defaultValue())) {
                changed.put(p.name(), value);
            }
        }
        return changed;
    }

    public List<Parameter> declared() {
        return declared;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParameterValues v && v.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
