package org.predspace;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The test tiers (pom.xml): a test class that opens a window or reads the screen carries
 * {@code @Tag("ui")}, so that it runs in the UI tier's JVM under a display and is left out of
 * {@code mvn test -Pfast}, which needs none.
 */
class TestTiersTest {
    /** What a test uses that needs a display: TestFX, stages, the FX thread, the robot, the window fixtures, the X screen. */
    private static final List<String> DISPLAY_PACKAGES = List.of("org.testfx.", "javafx.stage.", "javafx.scene.robot.");
    private static final Set<String> DISPLAY_CLASSES = Set.of("javafx.application.Platform", "javafx.embed.swing.JFXPanel",
            "org.predspace.ui.FxWindow", "org.predspace.ui.TestWindow", "org.predspace.ui.XScreen");

    @Test
    void everyTestThatNeedsADisplayIsTaggedUi() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("org.predspace");
        List<String> untagged = new ArrayList<>();
        for (JavaClass c : tests) {
            if (c.isNestedClass() || c.getName().contains("$") || !hasTests(c) || tagged(c, "ui")) continue;
            Optional<String> display = displayUse(c, tests);
            display.ifPresent(d -> untagged.add(c.getSimpleName() + " uses " + d));
        }
        assertEquals(List.of(), untagged, "tag these @Tag(\"ui\")");
    }

    /** Whether {@code c} or a class it extends has a JUnit test method. */
    private static boolean hasTests(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getRawSuperclass().orElse(null)) {
            if (k.getMethods().stream().anyMatch(m -> m.getAnnotations().stream().anyMatch(a ->
                    a.getRawType().getPackageName().startsWith("org.junit.jupiter") && a.getRawType().getSimpleName().endsWith("Test")))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code c} or a class it extends is tagged {@code tag} (JUnit's @Tag is inherited). */
    static boolean tagged(JavaClass c, String tag) {
        for (JavaClass k = c; k != null; k = k.getRawSuperclass().orElse(null)) {
            if (k.tryGetAnnotationOfType(Tag.class).map(t -> t.value().equals(tag)).orElse(false)) return true;
        }
        return false;
    }

    /** The first class that needs a display used by {@code c}, its nested and anonymous classes or the classes it extends. */
    private static Optional<String> displayUse(JavaClass c, JavaClasses all) {
        for (JavaClass k = c; k != null; k = k.getRawSuperclass().orElse(null)) {
            String outer = k.getName();
            List<JavaClass> own = new ArrayList<>(List.of(k));
            for (JavaClass n : all) if (n.getName().startsWith(outer + "$")) own.add(n);
            for (JavaClass o : own) {
                for (Dependency d : o.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getName();
                    if (DISPLAY_CLASSES.contains(target) || DISPLAY_PACKAGES.stream().anyMatch(target::startsWith)) {
                        return Optional.of(target);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
