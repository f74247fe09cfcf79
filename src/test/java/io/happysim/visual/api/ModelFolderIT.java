package io.happysim.visual.api;

import static io.happysim.visual.it.Api.getArray;
import static io.happysim.visual.it.Api.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.testing.ModelJars;
import io.happysim.visual.it.Api;
import io.happysim.visual.it.Deployments;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A user's model through the server as a user adds one: a JAR built here is dropped into the server's models folder,
 * "Rescan" lists it, it loads with a seed and a parameter and runs; a broken JAR beside it is reported by name and
 * does not hide it.
 */
@ExtendWith(ArquillianExtension.class)
class ModelFolderIT {
    private static final String GOOD = "it-queue-model";
    private Path modelsDir;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @AfterEach
    void takeTheJarsAwayAgain() throws Exception {
        Api.postObject("api/scenarios/bursty-mm1");
        if (modelsDir != null) {
            Files.deleteIfExists(modelsDir.resolve("it-good.jar"));
            Files.deleteIfExists(modelsDir.resolve("it-broken.jar"));
            Api.postObject("api/scenarios/rescan");
        }
    }

    @Test
    void aModelJarDroppedIntoTheFolderIsListedLoadedAndRunsBesideABrokenOne() throws Exception {
        JsonObject first = Api.postObject("api/scenarios/rescan");
        modelsDir = Path.of(first.getString("models_dir"));
        Files.createDirectories(modelsDir);
        int before = first.getInt("scenarios");

        ModelJars.build(modelsDir.resolve("it-good.jar"), Map.of("acme.QueueModel", queueModel()), List.of());
        ModelJars.build(modelsDir.resolve("it-broken.jar"), Map.of("broken.Model", ModelJars.scenario("broken", "Model", "it-broken",
                "Broken", "if (seed >= 0) throw new IllegalStateException(\"needs a database\");")), List.of());

        JsonObject rescan = Api.postObject("api/scenarios/rescan");
        assertEquals(before + 1, rescan.getInt("scenarios"), "the good model is added, the broken one is not: " + rescan);
        String problems = rescan.getJsonArray("problems").toString();
        assertTrue(problems.contains("it-broken.jar") && problems.contains("needs a database"), problems);
        assertEquals(rescan.getJsonArray("problems"), getArray("api/scenarios/problems"), "the problems stay listed");

        JsonObject listed = getArray("api/scenarios").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("id").equals(GOOD)).findFirst().orElseThrow();
        assertEquals("it-good.jar", listed.getString("source"));
        assertEquals("rate", listed.getJsonArray("parameters").getJsonObject(0).getString("name"));
        assertFalse(getArray("api/scenarios").toString().contains("\"it-broken\""));

        JsonObject state = object(Api.postJson("api/scenarios/" + GOOD, "{\"seed\": 11, \"params\": {\"rate\": 40}}"), 200);
        assertEquals(GOOD, Api.getObject("api/health").getString("scenario"));
        assertEquals(11, state.getJsonNumber("seed").longValue());

        JsonObject stepped = object(Api.post("api/step?count=200"), 200).getJsonObject("state");
        assertEquals(200, stepped.getInt("events_processed"));
        String topology = Api.getObject("api/topology").toString();
        assertTrue(topology.contains("\"Arrivals\"") && topology.contains("\"Queue\"") && topology.contains("\"Done\""), topology);
        assertTrue(Api.allEvents("&entity=Done").size() > 0, "requests reached the model's sink");
    }

    /** A model with one parameter: Poisson arrivals at {@code rate} into one exponential server and a sink. */
    private static String queueModel() {
        return """
                package acme;
                import io.happysim.components.load.Source;
                import io.happysim.components.server.Server;
                import io.happysim.components.sinks.Sink;
                import io.happysim.core.Simulation;
                import io.happysim.distributions.Distribution;
                import io.happysim.scenarios.*;
                import java.util.List;
                public class QueueModel implements Scenario {
                  public String id() { return "%s"; }
                  public String title() { return "IT queue"; }
                  public String description() { return "Poisson arrivals into one server."; }
                  public List<Parameter> parameters() {
                    return List.of(Parameter.number("rate", "Arrival rate", 10, 0.1, 1000.0, "req/s", "Arrivals per second"));
                  }
                  public ScenarioModel build(long seed, ParameterValues values) {
                    Sink done = new Sink("Done");
                    Server queue = new Server("Queue", 1, Distribution.exponential(0.01), done);
                    Source arrivals = Source.builder("Arrivals").rate(values.number("rate")).poisson().to(queue).build();
                    return new ScenarioModel(id(), Simulation.builder().seed(seed).durationSeconds(60)
                        .sources(arrivals).entities(queue, done).build(), List.of());
                  }
                }
                """.formatted(GOOD);
    }
}
