package io.happysim.visual.api;

import io.happysim.scenarios.Scenario;
import io.happysim.scenarios.Scenarios;
import io.happysim.visual.app.DebuggerSession;
import io.happysim.visual.session.BreakpointRequest;
import io.happysim.visual.session.SimState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Breakpoints and the choice of model: what the original could not do from its UI at all. */
@ApplicationScoped
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {

    @Inject
    DebuggerSession debugger;

    @GET
    @Path("breakpoints")
    public List<Map<String, Object>> breakpoints() {
        return debugger.session().breakpoints();
    }

    @POST
    @Path("breakpoints")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addBreakpoint(String body) {
        BreakpointRequest request = readBreakpoint(body);
        return Response.status(Response.Status.CREATED).entity(debugger.session().addBreakpoint(request)).build();
    }

    /** The body is parsed here, not by the JAX-RS reader, so a malformed one is told apart from a server failure. */
    private static BreakpointRequest readBreakpoint(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a JSON body is required, e.g. {\"kind\":\"time\",\"time_s\":30}");
        }
        if (body.length() > Params.MAX_LENGTH * 10) {
            throw ApiException.badRequest("the body is too long");
        }
        try {
            BreakpointRequest request = JsonbProvider.JSONB.fromJson(body, BreakpointRequest.class);
            if (request == null) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            return request;
        } catch (JsonbException e) {
            throw ApiException.badRequest("malformed breakpoint JSON: " + Params.shorten(String.valueOf(e.getMessage())));
        }
    }

    @DELETE
    @Path("breakpoints/{id}")
    public Response removeBreakpoint(@PathParam("id") String id) {
        debugger.session().removeBreakpoint(Params.text("id", id));
        return Response.noContent().build();
    }

    /** One model users can pick. */
    public record ScenarioInfo(String id, String title, String description, boolean active) {
    }

    @GET
    @Path("scenarios")
    public List<ScenarioInfo> scenarios() {
        String active = debugger.session().scenario().id();
        return Scenarios.all().stream().map(s -> info(s, active)).toList();
    }

    private static ScenarioInfo info(Scenario scenario, String active) {
        return new ScenarioInfo(scenario.id(), scenario.title(), scenario.description(), scenario.id().equals(active));
    }

    @POST
    @Path("scenarios/{id}")
    public SimState loadScenario(@PathParam("id") String id) {
        return debugger.session().loadScenario(Params.text("id", id));
    }
}
