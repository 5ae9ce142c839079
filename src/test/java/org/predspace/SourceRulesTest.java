package org.predspace;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Rules on the source text that ArchUnit cannot see in class files (docs/architecture.md, "Layers"):
 * dependencies are imports, not qualified names inside the code, so a file's imports list
 * everything it reaches; and JavaFX internals named by reflection (strings) stay in the platform
 * packages, as their direct uses do (ArchitectureTest).
 */
class SourceRulesTest {
    private static final Path MAIN = Path.of("src/main/java");

    /** lower.case.package.Class in code: the package part is what an import would hold. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.$])[a-z]\\w*(?:\\.[a-z]\\w*)+\\.[A-Z]\\w*");
    private static final Pattern PACKAGE_OR_IMPORT = Pattern.compile("^\\s*(package|import)\\s.*$", Pattern.MULTILINE);

    /**
     * Where two classes of one simple name meet in a file, one keeps its qualified name (the
     * only exceptions; /work/wt/t21-fqn.py's "kept" list).
     */
    private static final Set<String> TWO_OF_ONE_NAME = Set.of(
            "org/nd4j/nativeblas/Nd4jCpu.java: org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu",
            "org/predspace/landscape/ConvGridForward.java: org.deeplearning4j.nn.conf.layers.Layer",
            "org/predspace/landscape/DenseGridForward.java: org.deeplearning4j.nn.conf.layers.Layer",
            "org/predspace/spectra/BatchNormStatistics.java: org.deeplearning4j.nn.conf.layers.BatchNormalization");

    /** Packages that may name JavaFX or JDK internals (com.sun.*). */
    private static final List<String> INTERNALS_ALLOWED = List.of("org/predspace/platform/", "org/predspace/ui/platform/");

    @Test
    void mainSourcesImportWhatTheyUse() {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles()) {
            String name = MAIN.relativize(file).toString().replace('\\', '/');
            for (String q : qualifiedNames(read(file))) {
                if (!TWO_OF_ONE_NAME.contains(name + ": " + q)) found.add(name + ": " + q);
            }
        }
        assertEquals(List.of(), found, "import these classes instead of writing their qualified names in code");
    }

    @Test
    void internalsAreNamedOnlyInThePlatformPackages() {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles()) {
            String name = MAIN.relativize(file).toString().replace('\\', '/');
            if (INTERNALS_ALLOWED.stream().anyMatch(name::startsWith)) continue;
            for (String literal : stringLiterals(read(file))) {
                if (literal.contains("com.sun.")) found.add(name + ": " + literal);
            }
        }
        assertEquals(List.of(), found, "reflection on com.sun.* belongs in org.predspace.platform or org.predspace.ui.platform");
    }

    @Test
    void scannerFindsQualifiedNamesInCodeOnly() {
        String source = """
                package org.predspace.demo;

                import java.util.List;

                /** {@link java.util.Map} in javadoc is fine */
                final class Demo {
                    // org.predspace.cli.Cli in a comment is fine
                    String s = "org.predspace.cli.Cli in a string is fine";
                    List<String> a = java.util.List.of();
                    String b = org.predspace.cli.Cli.describe(new RuntimeException()) + 'x';
                    Object c = javafx.scene.paint.Color.RED;
                }
                """;
        assertEquals(List.of("java.util.List", "org.predspace.cli.Cli", "javafx.scene.paint.Color"), qualifiedNames(source));
        assertEquals(List.of("org.predspace.cli.Cli in a string is fine"), stringLiterals(source));
    }

    static List<String> qualifiedNames(String source) {
        String code = PACKAGE_OR_IMPORT.matcher(codeOnly(source, null)).replaceAll("");
        List<String> names = new ArrayList<>();
        Matcher m = QUALIFIED.matcher(code);
        while (m.find()) names.add(m.group());
        return names;
    }

    static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        codeOnly(source, literals);
        return literals;
    }

    /**
     * The source with comments, string, text-block and char literals blanked (newlines kept);
     * string contents are added to {@code literals} if it is not null.
     */
    private static String codeOnly(String s, List<String> literals) {
        StringBuilder out = new StringBuilder(s);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int end;
            if (s.startsWith("//", i)) {
                end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                if (literals != null) literals.add(s.substring(i + 3, Math.max(i + 3, end - 3)));
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < n && s.charAt(end) != c && s.charAt(end) != '\n') end += s.charAt(end) == '\\' ? 2 : 1;
                if (c == '"' && literals != null) literals.add(s.substring(i + 1, Math.min(end, n)));
                end = Math.min(end + 1, n);
            } else {
                i++;
                continue;
            }
            for (int k = i; k < end; k++) {
                if (out.charAt(k) != '\n') out.setCharAt(k, ' ');
            }
            i = end;
        }
        return out.toString();
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertFalse(all.isEmpty(), "no sources under " + MAIN.toAbsolutePath());
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
