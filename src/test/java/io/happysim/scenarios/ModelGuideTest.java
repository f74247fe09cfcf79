package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Simulation;
import io.happysim.testing.ModelJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's model author's guide is real: its code, as printed, is compiled into a JAR, dropped in a models folder, found and run. */
class ModelGuideTest {
    @TempDir
    Path models;

    private static String guideCode() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("<!-- model-guide:start -->\\s*```java\\n(.*?)```\\s*<!-- model-guide:end -->", Pattern.DOTALL)
                .matcher(readme);
        assertTrue(block.find(), "the README has the model guide's code between its markers");
        return block.group(1);
    }

    @Test
    void theGuidesModelCompilesAppearsInThePickerAndRunsWithItsParameters() throws Exception {
        ModelJars.build(models.resolve("retry-demo-1.0.jar"), Map.of("acme.RetryDemo", guideCode()), List.of());
        ScenarioCatalog catalog = new ScenarioCatalog(models);

        assertEquals(List.of(), catalog.problems().stream().filter(p -> p.source().endsWith(".jar")).toList());
        Scenario demo = catalog.find("retry-demo").orElseThrow();
        assertEquals("retry-demo-1.0.jar", catalog.entries().stream().filter(e -> e.scenario() == demo).findFirst().orElseThrow().source());
        assertEquals(List.of("rate", "service_time", "timeout", "attempts"), demo.parameters().stream().map(Parameter::name).toList());

        ScenarioModel model = demo.build(7, ParameterValues.of(demo.parameters(), Map.of("rate", 9.5)));
        Simulation simulation = model.simulation();
        simulation.run();

        assertTrue(simulation.isComplete());
        assertEquals(7, simulation.seed());
        long sent = (Long) simulation.entity("Client").metrics().get("sent");
        assertTrue(sent > 9.5 * 120 * 0.9 && sent < 9.5 * 120 * 1.1, "about 9.5 req/s for 120 s: " + sent);
        assertEquals(2, model.charts().size());
        assertTrue(model.charts().get(0).data().count() > 100, "the attempts chart has its samples");
    }
}
