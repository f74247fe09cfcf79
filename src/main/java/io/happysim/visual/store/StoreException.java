package io.happysim.visual.store;

/** A failure of the history database, unchecked so callers decide where to report it instead of declaring it everywhere. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
