package io.happysim.visual.store;

/** The run being recorded cannot be deleted (the API answers 409): start another run first. */
public class CurrentRunException extends RuntimeException {
    public CurrentRunException(long runId) {
        super("run " + runId + " is the current run: it is being recorded and cannot be deleted (reset or load a scenario first)", null,
                false, false);
    }
}
