package org.predspace;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The core must run without a display and from the CLI: no JavaFX below the UI. */
class ArchitectureTest {
    private static final String[] CORE = {
        "org.predspace.data..", "org.predspace.training..", "org.predspace.runs..",
        "org.predspace.geometry..", "org.predspace.spectra..", "org.predspace.cli..",
        "org.predspace.session..", "org.predspace.platform..", "org.predspace.export.."
    };

    private static final ArchRule CORE_IS_HEADLESS = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("data, training, runs, geometry and spectra must work without a display")
            .allowEmptyShould(true);

    @Test
    void corePackagesDoNotDependOnJavaFx() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.predspace");
        CORE_IS_HEADLESS.check(classes);
    }

    @Test
    void ruleRejectsACoreClassThatUsesJavaFx() {
        JavaClasses offender = new ClassFileImporter().importClasses(org.predspace.geometry.FxLeak.class);
        assertThrows(AssertionError.class, () -> CORE_IS_HEADLESS.check(offender));
    }
}
