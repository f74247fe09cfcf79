package io.happysim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.happysim.visual.store.VisualStore;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering honest (each package's {@code package-info.java} says what it holds and what it may use): only the
 * app and api layers know Jakarta EE, the engine does not know the debugger, and the history store is a façade
 * ({@code visual.store}) over internal packages that nothing else imports.
 */
class ArchitectureTest {
    private static final String STORE = "io.happysim.visual.store";
    private static final String INTERNAL = STORE + ".internal";
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.happysim");

    @Test
    void onlyTheJakartaLayerImportsJakarta() {
        noClasses().that().resideOutsideOfPackages("io.happysim.visual.app..", "io.happysim.visual.api..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..")
                .check(PRODUCTION);
    }

    @Test
    void theStoreDoesNotKnowTheSimulation() {
        noClasses().that().resideInAPackage(STORE + "..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.happysim.core..", "io.happysim.components..", "io.happysim.instrumentation..", "io.happysim.scenarios..",
                        "io.happysim.visual.bridge..", "io.happysim.visual.session..", "io.happysim.visual.app..", "io.happysim.visual.api..")
                .check(PRODUCTION);
    }

    @Test
    void theEngineDoesNotKnowTheDebugger() {
        noClasses().that().resideInAnyPackage("io.happysim.core..", "io.happysim.components..", "io.happysim.instrumentation..")
                .should().dependOnClassesThat().resideInAPackage("io.happysim.visual..")
                .check(PRODUCTION);
    }

    @Test
    void thePlainJavaDebuggerDoesNotKnowTheJakartaLayer() {
        noClasses().that().resideInAnyPackage("io.happysim.visual.bridge..", "io.happysim.visual.session..", STORE + "..")
                .should().dependOnClassesThat().resideInAnyPackage("io.happysim.visual.app..", "io.happysim.visual.api..")
                .check(PRODUCTION);
    }

    @Test
    void theRecordingDoesNotKnowTheSession() {
        noClasses().that().resideInAPackage("io.happysim.visual.bridge..")
                .should().dependOnClassesThat().resideInAPackage("io.happysim.visual.session..")
                .check(PRODUCTION);
    }

    @Test
    void onlyTheStoreImportsItsInternals() {
        noClasses().that().resideOutsideOfPackage(STORE + "..")
                .should().dependOnClassesThat().resideInAPackage(INTERNAL + "..")
                .check(PRODUCTION);
    }

    /** The internals use the store's public value types (queries, records, exceptions), never the façade itself. */
    @Test
    void theStoreInternalsDoNotCallTheFacade() {
        noClasses().that().resideInAPackage(INTERNAL + "..")
                .should().dependOnClassesThat().belongToAnyOf(VisualStore.class)
                .check(PRODUCTION);
    }

    @Test
    void theStoreInternalsHaveNoCycles() {
        slices().matching(INTERNAL + ".(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    /** The package map of the store, bottom up: who may use whom. */
    @Test
    void theStoreInternalsAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Facade").definedBy(STORE)
                .layer("Runs").definedBy(INTERNAL + ".runs..")
                .layer("Export").definedBy(INTERNAL + ".export..")
                .layer("Snapshot").definedBy(INTERNAL + ".snapshot..")
                .layer("Paging").definedBy(INTERNAL + ".paging..")
                .layer("Search").definedBy(INTERNAL + ".search..")
                .layer("Series").definedBy(INTERNAL + ".series..")
                .layer("Journal").definedBy(INTERNAL + ".journal..")
                .layer("Dictionary").definedBy(INTERNAL + ".dictionary..")
                .layer("Cache").definedBy(INTERNAL + ".cache..")
                .layer("Schema").definedBy(INTERNAL + ".schema..")
                .whereLayer("Runs").mayOnlyBeAccessedByLayers("Facade")
                .whereLayer("Export").mayOnlyBeAccessedByLayers("Facade")
                .whereLayer("Snapshot").mayOnlyBeAccessedByLayers("Facade")
                .whereLayer("Paging").mayOnlyBeAccessedByLayers("Facade", "Snapshot")
                .whereLayer("Search").mayOnlyBeAccessedByLayers("Facade", "Paging")
                .whereLayer("Series").mayOnlyBeAccessedByLayers("Facade", "Snapshot")
                .whereLayer("Journal").mayOnlyBeAccessedByLayers("Snapshot", "Paging", "Search")
                .whereLayer("Dictionary").mayOnlyBeAccessedByLayers("Snapshot", "Paging", "Search", "Journal")
                .whereLayer("Cache").mayOnlyBeAccessedByLayers("Snapshot", "Paging", "Search", "Series", "Journal")
                .whereLayer("Schema").mayOnlyBeAccessedByLayers("Facade", "Runs", "Export", "Snapshot", "Paging", "Search", "Series", "Journal",
                        "Dictionary")
                .check(PRODUCTION);
    }
}
