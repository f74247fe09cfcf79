package io.happysim.visual.api;

import io.happysim.scenarios.InvalidParameterException;
import io.happysim.visual.app.NotConfiguredException;
import io.happysim.visual.session.ControlException;
import io.happysim.visual.session.InvalidRequestException;
import io.happysim.visual.session.UnknownNameException;
import io.happysim.visual.store.BadQueryException;
import io.happysim.visual.store.StoreException;
import jakarta.ws.rs.NotFoundException;
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

    /** An impossible control action: 409. */
    @Provider
    public static class ControlMapper implements ExceptionMapper<ControlException> {
        @Override
        public Response toResponse(ControlException e) {
            return ApiErrors.response(409, e.getMessage());
        }
    }

    @Provider
    public static class UnknownNameMapper implements ExceptionMapper<UnknownNameException> {
        @Override
        public Response toResponse(UnknownNameException e) {
            return ApiErrors.response(404, e.getMessage());
        }
    }

    @Provider
    public static class InvalidRequestMapper implements ExceptionMapper<InvalidRequestException> {
        @Override
        public Response toResponse(InvalidRequestException e) {
            return ApiErrors.response(400, e.getMessage());
        }
    }

    /** A scenario parameter (or combination) the model cannot take: the message names it. */
    @Provider
    public static class InvalidParameterMapper implements ExceptionMapper<InvalidParameterException> {
        @Override
        public Response toResponse(InvalidParameterException e) {
            return ApiErrors.response(400, e.getMessage());
        }
    }

    /** The store names the parameter it refused (a malformed cursor, a reversed range …). */
    @Provider
    public static class BadQueryMapper implements ExceptionMapper<BadQueryException> {
        @Override
        public Response toResponse(BadQueryException e) {
            return ApiErrors.response(400, e.getMessage());
        }
    }

    /** The database itself failed (locked, disk full): the service is unavailable, the request was fine. */
    @Provider
    public static class StoreMapper implements ExceptionMapper<StoreException> {
        @Override
        public Response toResponse(StoreException e) {
            LOG.log(Level.WARNING, "history store failure", e);
            return ApiErrors.response(503, "history store unavailable: " + e.getMessage());
        }
    }

    /** The server lacks the history store: nothing the debugger does can work until it is added. */
    @Provider
    public static class NotConfiguredMapper implements ExceptionMapper<NotConfiguredException> {
        @Override
        public Response toResponse(NotConfiguredException e) {
            return ApiErrors.response(503, e.getMessage());
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
            return ApiErrors.response(status, e.getResponse().getStatusInfo().getReasonPhrase());
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
