package org.predspace.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Python interpreter that has numpy, for tests that run the documented Python examples.
 * CI installs one (Debian's python3-numpy), so there a missing numpy fails the test; elsewhere
 * the test is skipped with the reason.
 */
public final class PythonWithNumpy {
    private static final List<String> CANDIDATES = List.of("python3", "/usr/bin/python3");
    private final String executable;

    private PythonWithNumpy(String executable) { this.executable = executable; }

    /** The first candidate that imports numpy; fails in CI (env CI set) and skips elsewhere when none does. */
    public static PythonWithNumpy require() {
        for (String candidate : CANDIDATES) {
            if (importsNumpy(candidate)) return new PythonWithNumpy(candidate);
        }
        String why = "no Python with numpy: tried " + String.join(", ", CANDIDATES)
                + " (install python3-numpy, or pip install numpy)";
        if (System.getenv("CI") != null) fail(why + "; CI must have one, since the documented examples are tested there");
        assumeTrue(false, why);
        throw new IllegalStateException("unreachable");
    }

    /**
     * The first candidate that imports numpy and {@code module} (e.g. torch, for an optional
     * backend of an example); skips the test when none does, in CI too, which installs numpy only.
     */
    public static PythonWithNumpy requireModule(String module) {
        for (String candidate : CANDIDATES) {
            if (imports(candidate, "numpy, " + module)) return new PythonWithNumpy(candidate);
        }
        assumeTrue(false, "no Python with numpy and " + module + ": tried " + String.join(", ", CANDIDATES));
        throw new IllegalStateException("unreachable");
    }

    private static boolean importsNumpy(String candidate) {
        return imports(candidate, "numpy");
    }

    private static boolean imports(String candidate, String modules) {
        try {
            return exec(candidate, List.of("-c", "import " + modules)).exitCode == 0;
        } catch (IOException e) {
            return false; // not installed
        }
    }

    /** Runs {@code python args...}; fails the test with the output unless it exits 0; returns stdout and stderr. */
    public String run(String... args) throws IOException {
        Result r = exec(executable, List.of(args));
        assertEquals(0, r.exitCode, executable + " " + String.join(" ", args) + " failed:\n" + r.output);
        return r.output;
    }

    /** Starts {@code python args...} with stderr into stdout, for a test that talks to it; the caller ends it. */
    public Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private record Result(int exitCode, String output) {}

    private static Result exec(String python, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(python);
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), python + " did not finish");
            return new Result(p.exitValue(), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
