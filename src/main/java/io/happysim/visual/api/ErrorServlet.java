package io.happysim.visual.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The error page (web.xml) for what fails outside JAX-RS: the same JSON error shape, the status
 * kept, no details of internals. A response already committed gets nothing more (its body is under
 * way or done), and a browser that went away is no server fault: FINE, not SEVERE.
 */
@WebServlet("/error")
public class ErrorServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(ErrorServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (failure instanceof Throwable t && ClientAbort.isClientAbort(t, response.isCommitted())) {
            LOG.fine(() -> "the browser went away during " + uri + ": " + t);
            return;
        }
        if (status >= 500 && failure instanceof Throwable t) {
            LOG.log(Level.SEVERE, "unhandled failure on " + uri, t);
        }
        if (response.isCommitted()) {
            return;
        }
        String message = switch (status) {
            case 400 -> "malformed request (for example an encoded '/' in a path segment)";
            case 404 -> "not found";
            case 405 -> "method not allowed";
            case 413, 414 -> "request too large";
            default -> status >= 500 ? "internal error (see the server log)" : "request refused";
        };
        ApiErrors.write(response, status, message);
    }
}
