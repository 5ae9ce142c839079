package org.predspace.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The words that start predspace, for the scripts a sweep plan writes: by default as this
 * process was started (the installed launcher, {@code java -jar <jar>}, or {@code java -cp
 * <classpath> <main class>}), every path absolute so a cluster task can run them from anywhere
 * the same files are mounted.
 */
final class Launcher {
    /** Set by jpackage's launchers to their own path: the installed {@code predspace}. */
    static final String APP_PATH = "jpackage.app-path";

    private Launcher() {}

    /** {@code --launcher}'s text split at blanks, or this process's own command when it is null. */
    static List<String> words(String given) {
        if (given == null) return ofThisProcess();
        List<String> words = Arrays.stream(given.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) throw new IllegalArgumentException("--launcher is empty; give the command that starts predspace");
        return words;
    }

    static List<String> ofThisProcess() {
        String app = System.getProperty(APP_PATH);
        if (app != null && !app.isBlank()) return List.of(Path.of(app).toAbsolutePath().toString());
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // sun.java.command: the main class or jar, then this run's arguments
        String command = System.getProperty("sun.java.command", "");
        String first = command.isBlank() ? "" : command.strip().split("\\s+")[0];
        List<String> words = new ArrayList<>(List.of(java));
        if (first.endsWith(".jar")) {
            words.addAll(List.of("-jar", Path.of(first).toAbsolutePath().toString()));
        } else {
            words.addAll(List.of("-cp", absoluteClassPath(System.getProperty("java.class.path", "")),
                    first.isEmpty() ? "org.predspace.Main" : first));
        }
        return words;
    }

    private static String absoluteClassPath(String classPath) {
        List<String> parts = new ArrayList<>();
        for (String p : classPath.split(File.pathSeparator)) {
            if (!p.isEmpty()) parts.add(Path.of(p).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, parts);
    }
}
