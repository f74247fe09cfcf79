package io.happysim.visual.store;

/**
 * A query parameter the store cannot answer (reversed range, limit out of range, malformed cursor,
 * unknown transform/level/direction …). The message names the parameter; the API answers 400 with it.
 */
public class BadQueryException extends IllegalArgumentException {
    private final String parameter;

    public BadQueryException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The name of the offending query parameter as the API spells it (e.g. {@code time_min}, {@code cursor}). */
    public String parameter() {
        return parameter;
    }
}
