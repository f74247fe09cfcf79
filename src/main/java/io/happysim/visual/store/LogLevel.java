package io.happysim.visual.store;

import java.util.Locale;

/** Log levels in rank order: DEBUG &lt; INFO &lt; WARNING &lt; ERROR &lt; CRITICAL. */
public enum LogLevel {
    DEBUG, INFO, WARNING, ERROR, CRITICAL;

    /** The level named {@code text} (case-insensitive); anything else is a {@link BadQueryException} naming {@code parameter}. */
    public static LogLevel parse(String text, String parameter) {
        if (text != null) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ignored) {
                // fall through
            }
        }
        throw new BadQueryException(parameter, parameter + " must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (got '" + text + "')");
    }
}
