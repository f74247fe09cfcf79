package io.happysim.scenarios;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One knob of a scenario — an arrival rate, a timeout, a number of servers — as the debugger's
 * form shows it: name, label, type, default, range, unit and one line of help.
 *
 * @param min     inclusive lower bound for numbers and integers, else null
 * @param max     inclusive upper bound for numbers and integers, else null
 * @param choices the allowed values of a {@link Type#CHOICE}, else empty
 */
public record Parameter(String name, String label, Type type, Object defaultValue, Double min, Double max, String unit,
                        String help, List<String> choices) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public enum Type {
        NUMBER, INTEGER, BOOLEAN, CHOICE;

        /** The wire name: {@code number}, {@code integer}, {@code boolean}, {@code choice}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Parameter {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a parameter name is lower case letters, digits and _, starting with a letter; got '" + name + "'");
        }
        if (type == null) {
            throw new IllegalArgumentException("parameter '" + name + "' needs a type");
        }
        label = label == null || label.isBlank() ? name : label;
        unit = unit == null ? "" : unit;
        help = help == null ? "" : help;
        choices = choices == null ? List.of() : List.copyOf(choices);
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " is above max " + max);
        }
        String problem = ParameterValues.problemWith(type, min, max, choices, defaultValue);
        if (problem != null) {
            throw new IllegalArgumentException("parameter '" + name + "': the default " + problem);
        }
        if (type == Type.INTEGER) {
            defaultValue = ((Number) defaultValue).longValue();
        } else if (type == Type.NUMBER) {
            defaultValue = ((Number) defaultValue).doubleValue();
        }
    }

    /** A real number in [min, max] (either bound may be null). */
    public static Parameter number(String name, String label, double defaultValue, Double min, Double max, String unit, String help) {
        return new Parameter(name, label, Type.NUMBER, defaultValue, min, max, unit, help, List.of());
    }

    /** A whole number in [min, max]. */
    public static Parameter integer(String name, String label, long defaultValue, Long min, Long max, String unit, String help) {
        return new Parameter(name, label, Type.INTEGER, defaultValue, min == null ? null : min.doubleValue(),
                max == null ? null : max.doubleValue(), unit, help, List.of());
    }

    public static Parameter flag(String name, String label, boolean defaultValue, String help) {
        return new Parameter(name, label, Type.BOOLEAN, defaultValue, null, null, "", help, List.of());
    }

    /** One of {@code choices}. */
    public static Parameter choice(String name, String label, String defaultValue, List<String> choices, String help) {
        return new Parameter(name, label, Type.CHOICE, defaultValue, null, null, "", help, choices);
    }
}
