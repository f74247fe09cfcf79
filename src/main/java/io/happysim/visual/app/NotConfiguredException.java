package io.happysim.visual.app;

/**
 * The debugger cannot answer: this server lacks the history store (see {@link StoreSetup}). The API maps it to a 503
 * that says what is missing and where to read the server.xml to add.
 */
public class NotConfiguredException extends RuntimeException {

    public NotConfiguredException(String problem) {
        super(message(problem), null, false, false);
    }

    /** The text every API call but the health check answers on a server without the store. */
    public static String message(String problem) {
        return "not configured: " + problem + "; GET /api/health shows the server.xml to add";
    }
}
