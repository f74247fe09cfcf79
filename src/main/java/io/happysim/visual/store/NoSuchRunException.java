package io.happysim.visual.store;

/** A run that is not in the file (never was, or deleted). The API answers 404 with the message. */
public class NoSuchRunException extends RuntimeException {
    private final long runId;

    public NoSuchRunException(long runId) {
        super("no run " + runId, null, false, false);
        this.runId = runId;
    }

    public long runId() {
        return runId;
    }
}
