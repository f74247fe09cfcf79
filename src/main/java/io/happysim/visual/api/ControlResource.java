package io.happysim.visual.api;

import io.happysim.scenarios.Parameter;
import io.happysim.scenarios.Scenario;
import io.happysim.scenarios.ScenarioCatalog;
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

    /** One model users can pick, with the knobs it declares and where it came from (built-in, class path, a JAR's name). */
    public record ScenarioInfo(String id, String title, String description, boolean active, String source,
                               List<ParameterInfo> parameters, long defaultSeed) {
    }

    /** A declared parameter as a form shows it. */
    public record ParameterInfo(String name, String label, String type, Object defaultValue, Double min, Double max, String unit,
                                String help, List<String> choices) {
        static ParameterInfo of(Parameter p) {
            return new ParameterInfo(p.name(), p.label(), p.type().wireName(), p.defaultValue(), p.min(), p.max(), p.unit(), p.help(),
                    p.choices());
        }
    }

    /** What a rescan of the models folder found. */
    public record RescanResult(int scenarios, String modelsDir, List<ScenarioCatalog.Problem> problems) {
    }

    @GET
    @Path("scenarios")
    public List<ScenarioInfo> scenarios() {
        String active = debugger.session().scenario().id();
        return debugger.session().catalog().entries().stream().map(e -> info(e, active)).toList();
    }

    private static ScenarioInfo info(ScenarioCatalog.Entry entry, String active) {
        Scenario scenario = entry.scenario();
        return new ScenarioInfo(scenario.id(), scenario.title(), scenario.description(), scenario.id().equals(active), entry.source(),
                scenario.parameters().stream().map(ParameterInfo::of).toList(), Scenario.DEFAULT_SEED);
    }

    /**
     * Loads a scenario. The optional body {@code {"seed": 7, "params": {"rate": 12}}} sets the seed and
     * changes parameters (no body: the defaults and the default seed); anything it cannot take is a 400
     * naming the field, and the current run goes on untouched.
     */
    @POST
    @Path("scenarios/{id}")
    @Consumes(MediaType.WILDCARD)
    public SimState loadScenario(@PathParam("id") String id, String body) {
        ScenarioRequest request = ScenarioRequest.parse(body);
        return debugger.session().loadScenario(Params.text("id", id), request.seed(), request.params());
    }

    /** Reads the models folder again: new and changed JARs appear, broken ones are reported. */
    @POST
    @Path("scenarios/rescan")
    public RescanResult rescan() {
        ScenarioCatalog catalog = debugger.session().catalog();
        List<ScenarioCatalog.Problem> problems = catalog.rescan();
        return new RescanResult(catalog.all().size(), catalog.modelsDir() == null ? null : catalog.modelsDir().toString(), problems);
    }

    /** What the last scan of the models folder found wrong. */
    @GET
    @Path("scenarios/problems")
    public List<ScenarioCatalog.Problem> problems() {
        return debugger.session().catalog().problems();
    }
}
