package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.testing.ModelJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of model JARs: picked up on rescan, broken ones reported while the rest keep working. */
class ScenarioCatalogTest {
    @TempDir
    Path models;

    private static boolean has(ScenarioCatalog catalog, String id) {
        return catalog.find(id).isPresent();
    }

    private static String problemsOf(ScenarioCatalog catalog, String jar) {
        return catalog.problems().stream().filter(p -> p.source().equals(jar)).map(ScenarioCatalog.Problem::message).toList().toString();
    }

    @Test
    void withoutAFolderItHasTheBuiltInsAndTheClassPathsScenarios() {
        ScenarioCatalog catalog = new ScenarioCatalog(null);
        assertEquals(Scenarios.builtIns().stream().map(Scenario::id).toList(),
                catalog.all().stream().map(Scenario::id).limit(Scenarios.builtIns().size()).toList());
        assertTrue(has(catalog, UserScenario.ID), "ServiceLoader on the class path");
        assertTrue(catalog.problems().stream().anyMatch(p -> p.message().contains("duplicate id 'bursty-mm1'")),
                "the class path's impostor is reported, not loaded: " + catalog.problems());
        assertEquals("built-in", catalog.entries().get(0).source());
    }

    @Test
    void aModelJarAppearsOnRescanAndAChangedOneReplacesIt() throws Exception {
        ScenarioCatalog catalog = new ScenarioCatalog(models);
        assertTrue(!has(catalog, "tandem"));

        ModelJars.build(models.resolve("tandem.jar"),
                Map.of("acme.Tandem", ModelJars.scenario("acme", "Tandem", "tandem", "Tandem v1", "")), List.of());
        catalog.rescan();
        assertEquals("Tandem v1", catalog.find("tandem").orElseThrow().title());
        assertEquals("tandem.jar", catalog.entries().stream().filter(e -> e.scenario().id().equals("tandem")).findFirst()
                .orElseThrow().source());

        ModelJars.build(models.resolve("tandem.jar"),
                Map.of("acme.Tandem", ModelJars.scenario("acme", "Tandem", "tandem", "Tandem v2", "")), List.of());
        catalog.rescan();
        assertEquals("Tandem v2", catalog.find("tandem").orElseThrow().title(), "the changed JAR, not a cached one");

        Files.delete(models.resolve("tandem.jar"));
        catalog.rescan();
        assertTrue(!has(catalog, "tandem"));
    }

    @Test
    void brokenJarsAreReportedClearlyAndDoNotHideTheGoodOnes() throws Exception {
        ModelJars.build(models.resolve("a-good.jar"),
                Map.of("good.Model", ModelJars.scenario("good", "Model", "good-model", "Good", "")), List.of());
        ModelJars.build(models.resolve("b-throws.jar"),
                Map.of("bad.Model", ModelJars.scenario("bad", "Model", "bad-model", "Bad",
                        "if (seed >= 0) throw new IllegalStateException(\"no database configured\");")), List.of());
        ModelJars.build(models.resolve("c-duplicate.jar"),
                Map.of("dup.Model", ModelJars.scenario("dup", "Model", "mmc-cluster", "Impostor", "")), List.of());
        ModelJars.build(models.resolve("d-missing-class.jar"),
                Map.of("svc.Model", ModelJars.scenario("svc", "Model", "svc-model", "Svc", "")), List.of("svc.Model", "svc.Gone"));
        ModelJars.garbage(models.resolve("e-garbage.jar"));
        ModelJars.build(models.resolve("f-empty.jar"), Map.of("x.NotAModel", "package x; public class NotAModel {}"), List.of());

        ScenarioCatalog catalog = new ScenarioCatalog(models);

        assertTrue(has(catalog, "good-model"));
        assertTrue(has(catalog, "svc-model"), "the service file's loadable class still loads");
        assertTrue(!has(catalog, "bad-model"));
        assertEquals("M/M/3 cluster", catalog.find("mmc-cluster").orElseThrow().title(), "the built-in keeps its id");
        assertTrue(problemsOf(catalog, "b-throws.jar").contains("fails to build with its defaults: java.lang.IllegalStateException: no database configured"),
                problemsOf(catalog, "b-throws.jar"));
        assertTrue(problemsOf(catalog, "c-duplicate.jar").contains("duplicate id 'mmc-cluster'"), problemsOf(catalog, "c-duplicate.jar"));
        assertTrue(problemsOf(catalog, "d-missing-class.jar").contains("class svc.Gone does not load"), problemsOf(catalog, "d-missing-class.jar"));
        assertTrue(problemsOf(catalog, "e-garbage.jar").contains("not a readable JAR"), problemsOf(catalog, "e-garbage.jar"));
        assertTrue(problemsOf(catalog, "f-empty.jar").contains("has no public class implementing io.happysim.scenarios.Scenario"),
                problemsOf(catalog, "f-empty.jar"));
    }
}
