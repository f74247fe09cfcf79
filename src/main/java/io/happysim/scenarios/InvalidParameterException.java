package io.happysim.scenarios;

/** A parameter value a scenario cannot take; the message names the parameter and says what is wrong. */
public final class InvalidParameterException extends IllegalArgumentException {
    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The offending parameter's name (or the unknown name given). */
    public String parameter() {
        return parameter;
    }
}
