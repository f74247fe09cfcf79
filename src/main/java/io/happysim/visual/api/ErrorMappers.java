package io.happysim.visual.api;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure leaves the API as {@code {"error": "..."}} with a fitting status, never as a stack
 * trace: the mappers below cover our own refusals, JAX-RS's own (unknown path, wrong method,
 * unreadable body) and, as a last resort, anything unexpected (logged here, a 500 without details).
 */
public final class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    @Provider
    public static class ApiExceptionMapper implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return ApiErrors.response(e.status(), e.getMessage());
        }
    }

    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            if (e instanceof NotFoundException) {
                return ApiErrors.response(404, "no such API endpoint");
            }
            if (status >= 500) {
                LOG.log(Level.WARNING, "request failed", e);
                return ApiErrors.response(status, "internal error");
            }
            String reason = e.getResponse().getStatusInfo().getReasonPhrase();
            return ApiErrors.response(status, e.getCause() instanceof JsonbException || e.getCause() instanceof ProcessingException
                    ? "malformed JSON body" : reason);
        }
    }

    /** A body JSON-B cannot read is the client's mistake. */
    @Provider
    public static class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return ApiErrors.response(400, "malformed JSON body");
        }
    }

    @Provider
    public static class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            LOG.log(Level.SEVERE, "unexpected failure while answering a request", e);
            return ApiErrors.response(500, "internal error (see the server log)");
        }
    }
}
