package org.predspace.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.Main;
import org.predspace.geometry.inpca.LapackEigensolver;
import org.predspace.session.TestRuns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The first load of the native libraries, each in a fresh JVM (a class whose static initialiser
 * failed stays failed for the process, and this JVM loaded them before any test).
 */
@Tag("slow")
class NativeLibrariesTest {

    /**
     * What a closed window does to a background thread on a fresh machine: it is interrupted
     * before it reaches OpenBLAS, whose first load (unpacking under a file lock) it used to
     * start itself and fail, poisoning the process.
     */
    @Test
    void anInterruptedFirstUserOnAColdCacheGetsWorkingNativesAndItsInterruptBack(@TempDir Path tmp) throws Exception {
        Path cache = Files.createDirectory(tmp.resolve("empty-cache"));
        Child child = run(InterruptedFirstUse.class, cache);
        assertEquals(0, child.exit, child.output);
        assertTrue(child.output.contains("eigenvalues 3.0 1.0, interrupt kept true, nd4j sum 6.0"), child.output);
        try (var files = Files.walk(cache)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().contains("openblas")),
                    "the natives were unpacked into the chosen cache");
        }
    }

    /**
     * The picture's solvers wait for OpenBLAS alone: ND4J (the larger load, which would compete
     * with the first picture for the CPU) is loaded only once something asks for it.
     */
    @Test
    void openBlasAloneIsLoadedUntilSomethingAsksForNd4j(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "the child reads its mapped libraries from /proc: not Linux");
        Child child = run(BlasFirst.class, Files.createDirectory(tmp.resolve("empty-cache")));
        assertEquals(0, child.exit, child.output);
        assertTrue(child.output.contains("solver 3.0: openblas true, nd4j false"), child.output);
        assertTrue(child.output.contains("after require: nd4j true"), child.output);
    }

    /** A cache folder that is a file: one plain sentence, every later use fails fast, nothing hangs. */
    @Test
    void aCacheThatCannotHoldTheLibrariesIsReportedInPlainWords(@TempDir Path tmp) throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("cache"), "a file, not a folder");
        Child child = run(FailedLoad.class, notAFolder);
        assertEquals(0, child.exit, child.output);
        String expected = "the native libraries (OpenBLAS, ND4J) could not be loaded";
        assertTrue(child.output.contains("require: " + expected), child.output);
        assertTrue(child.output.contains(notAFolder + " is not a folder"), child.output);
        assertTrue(child.output.contains("listener called 1 time(s): " + expected), child.output);
        assertTrue(child.output.contains("solver: ExceptionInInitializerError caused by Unavailable"), child.output);
        assertTrue(child.output.contains("solver again: NoClassDefFoundError"), child.output);
    }

    /** The command line prints one line and exits non-zero. */
    @Test
    void theCommandLineSaysSoInOneLineAndExitsNonZero(@TempDir Path tmp) throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("cache"), "a file, not a folder");
        List<Path> runs = TestRuns.writeSynthetic(tmp.resolve("runs"), 2, 5);
        Child child = run(Main.class, notAFolder, "embed", runs.get(0).toString(), runs.get(1).toString(),
                "--out", tmp.resolve("points.csv").toString());
        assertEquals(1, child.exit, child.output);
        List<String> lines = child.output.lines().filter(l -> !l.startsWith("SLF4J:")).toList();
        assertEquals(1, lines.size(), child.output);
        assertTrue(lines.get(0).startsWith("predspace: the native libraries (OpenBLAS, ND4J) could not be loaded"), child.output);
        assertTrue(lines.get(0).contains("is not a folder"), child.output);
        assertFalse(Files.exists(tmp.resolve("points.csv")));
    }

    private record Child(int exit, String output) {}

    private static Child run(Class<?> main, Path cache, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true",
                "-D" + JavaCppCache.PROPERTY + "=" + cache, main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        // read while it runs (a full pipe would block the child), and never wait for ever
        var output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes());
            } catch (IOException e) {
                return e.toString();
            }
        });
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the child JVM hung; it printed: " + output.getNow("(nothing)"));
        }
        return new Child(p.exitValue(), output.get(30, TimeUnit.SECONDS));
    }

    /** Interrupts itself, then is the first to use OpenBLAS (through a solver) and ND4J. */
    public static final class InterruptedFirstUse {
        public static void main(String[] args) {
            Thread.currentThread().interrupt();
            double[] values = new LapackEigensolver()
                    .leadingByMagnitude(new double[] {2, 1, 1, 2}, 2, 2).values();
            boolean kept = Thread.interrupted();
            double sum = Nd4j.create(new double[] {1, 2, 3}).sumNumber().doubleValue();
            System.out.println("eigenvalues " + values[0] + " " + values[1] + ", interrupt kept " + kept + ", nd4j sum " + sum);
        }
    }

    /** Uses a solver, then asks for ND4J, reading which native libraries the process has mapped. */
    public static final class BlasFirst {
        public static void main(String[] args) throws Exception {
            double top = new LapackEigensolver()
                    .leadingByMagnitude(new double[] {2, 1, 1, 2}, 2, 1).values()[0];
            System.out.println("solver " + top + ": openblas " + mapped("openblas") + ", nd4j " + mapped("nd4jcpu"));
            NativeLibraries.require();
            System.out.println("after require: nd4j " + mapped("nd4jcpu"));
        }

        private static boolean mapped(String library) throws IOException {
            return Files.readString(Path.of("/proc/self/maps")).contains(library);
        }
    }

    /** Asks for the natives where they cannot be unpacked, three ways. */
    public static final class FailedLoad {
        public static void main(String[] args) {
            int[] calls = {0};
            String[] heard = {null};
            NativeLibraries.whenFailed(reason -> {
                calls[0]++;
                heard[0] = reason;
            });
            try {
                NativeLibraries.require();
                System.out.println("require: loaded");
            } catch (NativeLibraries.Unavailable e) {
                System.out.println("require: " + e.getMessage());
            }
            NativeLibraries.whenFailed(reason -> calls[0] += 0);   // a late listener hears it at once, not the early one again
            System.out.println("listener called " + calls[0] + " time(s): " + heard[0]);
            for (String attempt : new String[] {"solver", "solver again"}) {
                try {
                    new LapackEigensolver().leadingByMagnitude(new double[] {1}, 1, 1);
                    System.out.println(attempt + ": ran");
                } catch (Throwable t) {
                    System.out.println(attempt + ": " + t.getClass().getSimpleName()
                            + (t.getCause() == null ? "" : " caused by " + t.getCause().getClass().getSimpleName()));
                }
            }
        }
    }
}
