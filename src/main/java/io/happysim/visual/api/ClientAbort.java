package io.happysim.visual.api;

import java.io.IOException;
import java.util.Locale;

/**
 * Whether a failure is a browser going away mid-response — a closed tab, a reload, a cancelled
 * download: the connection was reset or the pipe broke while the body was being written. That is
 * normal for a web page and nothing to report; a real fault is anything else.
 */
final class ClientAbort {
    private ClientAbort() {
    }

    static boolean isClientAbort(Throwable failure, boolean responseCommitted) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                if (message.contains("broken pipe") || message.contains("connection reset") || message.contains("connection closed")
                        || message.contains("stream closed") || t.getClass().getSimpleName().contains("ClosedConnection")) {
                    return true;
                }
                if (responseCommitted) {
                    return true;
                }
            }
        }
        return false;
    }
}
