package io.happysim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the layering of ARCHITECTURE.md honest: only the app and api layers may know Jakarta EE. */
class ArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.happysim");

    @Test
    void onlyTheJakartaLayerImportsJakarta() {
        noClasses().that().resideOutsideOfPackages("io.happysim.visual.app..", "io.happysim.visual.api..")
                .should().dependOnClassesThat().resideInAPackage("jakarta..")
                .allowEmptyShould(true)
                .check(PRODUCTION);
    }

    @Test
    void theStoreDoesNotKnowTheSimulation() {
        noClasses().that().resideInAPackage("io.happysim.visual.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.happysim.core..", "io.happysim.components..", "io.happysim.scenarios..",
                        "io.happysim.visual.bridge..", "io.happysim.visual.app..", "io.happysim.visual.api..")
                .allowEmptyShould(true)
                .check(PRODUCTION);
    }

    @Test
    void theEngineDoesNotKnowTheDebugger() {
        noClasses().that().resideInAnyPackage("io.happysim.core..", "io.happysim.components..", "io.happysim.instrumentation..")
                .should().dependOnClassesThat().resideInAPackage("io.happysim.visual..")
                .allowEmptyShould(true)
                .check(PRODUCTION);
    }

    @Test
    void thePlainJavaDebuggerDoesNotKnowTheJakartaLayer() {
        noClasses().that().resideInAnyPackage("io.happysim.visual.bridge..", "io.happysim.visual.session..", "io.happysim.visual.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.happysim.visual.app..", "io.happysim.visual.api..")
                .check(PRODUCTION);
    }
}
