package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.HttpJson;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The deployed WAR answers at "/" and its health comes from the database, through the container's DataSource. */
@ExtendWith(ArquillianExtension.class)
class HealthIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @Test
    void healthIsUpAndReadsTheJournalModeFromTheDatabase() throws Exception {
        HttpJson.Reply reply = HttpJson.get("api/health");
        assertEquals(200, reply.status(), reply.body());
        JsonObject health = reply.json().asJsonObject();
        assertEquals("UP", health.getString("status"));
        assertEquals("wal", health.getString("store"));
        assertTrue(health.getString("db_path").endsWith("happysim.db"), health.toString());
        assertTrue(health.isNull("error"), "nulls are written, not omitted: " + health);
    }

    @Test
    void theFrontendIsServedAtTheRoot() throws Exception {
        HttpJson.Reply reply = HttpJson.get("");
        assertEquals(200, reply.status());
        assertTrue(reply.body().contains("<div id=\"root\">"), reply.body());
    }
}
