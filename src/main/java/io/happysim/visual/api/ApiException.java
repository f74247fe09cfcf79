package io.happysim.visual.api;

/**
 * A request the API refuses with a specific status and a message meant for the user: a bad parameter (400). Unknown
 * names (404) and impossible control actions (409) are the session's exceptions, mapped by {@link ErrorMappers}.
 */
public class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public int status() {
        return status;
    }
}
