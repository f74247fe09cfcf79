package io.happysim.visual.api;

import io.happysim.visual.app.DebuggerSession;
import io.happysim.visual.app.StoreSetup;
import io.happysim.visual.store.VisualStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /api/health}: UP only when the history database answers, and in the journal mode it reports itself.
 * On a server without the history store it is DOWN with the reason and the server.xml to add ({@code server_xml}),
 * which the page shows instead of the debugger.
 */
@ApplicationScoped
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    private static final Logger LOG = Logger.getLogger(HealthResource.class.getName());

    @Inject
    DebuggerSession session;

    /**
     * The health answer; {@code store} is the journal mode read from the database, {@code error} only when DOWN,
     * {@code serverXml} only when the server lacks the store.
     */
    public record Health(String status, String store, String dbPath, long drains, String scenario, String error, String serverXml) {
    }

    @GET
    public Response health() {
        String setupProblem = session.setupProblem();
        if (setupProblem != null) {
            Health down = new Health("DOWN", null, null, 0, null, "not configured: " + setupProblem, StoreSetup.SERVER_XML);
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(down).build();
        }
        VisualStore store = session.store();
        try {
            Health up = new Health("UP", store.journalMode(), session.databasePath(), session.session().drainStatus().drains(),
                    session.session().scenario().id(), null, null);
            return Response.ok(up).build();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "health check: the history store does not answer", e);
            Health down = new Health("DOWN", null, session.databasePath(), session.session().drainStatus().drains(), null,
                    "history store unavailable: " + e.getMessage(), null);
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).entity(down).build();
        }
    }
}
