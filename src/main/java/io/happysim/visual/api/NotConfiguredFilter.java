package io.happysim.visual.api;

import io.happysim.visual.app.DebuggerSession;
import io.happysim.visual.app.NotConfiguredException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * On a server without the history store every endpoint but the health check answers 503 "not configured: …" before
 * it runs, so none of them half-validates a request and then fails somewhere deeper. Unknown paths stay 404: the
 * filter runs after matching.
 */
@Provider
@ApplicationScoped
public class NotConfiguredFilter implements ContainerRequestFilter {

    @Inject
    DebuggerSession debugger;

    @Override
    public void filter(ContainerRequestContext request) {
        String problem = debugger.setupProblem();
        if (problem == null) {
            return;
        }
        boolean health = request.getUriInfo().getMatchedResources().stream().anyMatch(HealthResource.class::isInstance);
        if (!health) {
            request.abortWith(ApiErrors.response(503, NotConfiguredException.message(problem)));
        }
    }
}
