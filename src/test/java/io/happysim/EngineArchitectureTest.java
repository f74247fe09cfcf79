package io.happysim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine is plain Java: the core needs only the JDK, and no engine package knows the debugger or Jakarta. */
class EngineArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.happysim");

    @Test
    void theCoreDependsOnlyOnTheJdk() {
        classes().that().resideInAPackage("io.happysim.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.happysim.core..", "java..")
                .check(PRODUCTION);
    }

    @Test
    void theEnginePackagesKnowNeitherTheDebuggerNorJakarta() {
        noClasses().that().resideInAnyPackage("io.happysim.core..", "io.happysim.components..",
                        "io.happysim.instrumentation..", "io.happysim.scenarios..")
                .should().dependOnClassesThat().resideInAnyPackage("io.happysim.visual..", "jakarta..")
                .check(PRODUCTION);
    }

    @Test
    void instrumentationDoesNotDependOnComponentsOrScenarios() {
        noClasses().that().resideInAPackage("io.happysim.instrumentation..")
                .should().dependOnClassesThat().resideInAnyPackage("io.happysim.components..", "io.happysim.scenarios..")
                .check(PRODUCTION);
    }
}
