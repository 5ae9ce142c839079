package org.predspace.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WorkersTest {
    @AfterEach
    void clearBudget() { System.clearProperty(Workers.CORES_PROPERTY); }

    @Test
    void aBackgroundWorkerIsNamedDaemonAndNicerThanItsCaller() throws Exception {
        Integer mine = BackgroundPriority.currentNiceness();
        assumeTrue(mine != null && mine < 19, "no /proc/thread-self (not Linux), or already at the lowest priority");
        ExecutorService pool = Workers.pool("test-role", 1, Workers.Priority.BACKGROUND);
        try {
            String[] seen = pool.submit(() -> new String[]{Thread.currentThread().getName(),
                    String.valueOf(Thread.currentThread().isDaemon()), niceFromProc()}).get(30, TimeUnit.SECONDS);
            assertEquals("predspace-test-role-1", seen[0]);
            assertEquals("true", seen[1]);
            assertTrue(Integer.parseInt(seen[2]) > mine, "worker nice " + seen[2] + ", caller " + mine);
            assertEquals(Math.min(19, mine + BackgroundPriority.BACKGROUND), Integer.parseInt(seen[2]));
            assertEquals(mine, BackgroundPriority.currentNiceness(), "only the worker was lowered");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNormalWorkerKeepsItsCallersPriority() throws Exception {
        Integer mine = BackgroundPriority.currentNiceness();
        assumeTrue(mine != null, "no /proc/thread-self: not Linux");
        ExecutorService pool = Workers.pool("test-normal", 1, Workers.Priority.NORMAL);
        try {
            assertEquals(String.valueOf(mine), pool.submit(WorkersTest::niceFromProc).get(30, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Helpers of a lowered computation (a window's task) run lowered too, on the command line not. */
    @Test
    void helpersRunAtTheirCallersPriority() throws Exception {
        Integer mine = BackgroundPriority.currentNiceness();
        assumeTrue(mine != null && mine < 19, "not Linux, or already at the lowest priority");
        ExecutorService lowered = Workers.pool("test-task", 1, Workers.Priority.BACKGROUND);
        try {
            String helpersNice = lowered.submit(() -> {
                ExecutorService helpers = Workers.pool("test-helper", 1, Workers.Priority.AS_CALLER);
                try {
                    return helpers.submit(WorkersTest::niceFromProc).get(30, TimeUnit.SECONDS);
                } finally {
                    helpers.shutdownNow();
                }
            }).get(60, TimeUnit.SECONDS);
            assertEquals(Math.min(19, mine + BackgroundPriority.BACKGROUND), Integer.parseInt(helpersNice));
        } finally {
            lowered.shutdownNow();
        }
    }

    @Test
    void forkJoinWorkersAreNamedAndLowered() {
        Integer mine = BackgroundPriority.currentNiceness();
        assumeTrue(mine != null && mine < 19, "not Linux, or already at the lowest priority");
        ForkJoinPool pool = Workers.forkJoin("test-tiles", 2, Workers.Priority.BACKGROUND);
        try {
            Set<String> names = ConcurrentHashMap.newKeySet();
            Set<String> nice = ConcurrentHashMap.newKeySet();
            pool.submit(() -> IntStream.range(0, 64).parallel().forEach(i -> {
                names.add(Thread.currentThread().getName());
                nice.add(niceFromProc());
            })).join();
            assertTrue(names.stream().allMatch(n -> n.matches("predspace-test-tiles-\\d+")), names.toString());
            assertEquals(Set.of(String.valueOf(Math.min(19, mine + BackgroundPriority.BACKGROUND))), nice);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExceptionThatEndsAWorkerIsReported() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            Thread t = Workers.thread("test-failing", () -> { throw new IllegalStateException("the probe file vanished"); },
                    Workers.Priority.NORMAL);
            t.start();
            t.join(30_000);
            assertFalse(t.isAlive());
        } finally {
            System.setErr(original);
        }
        String said = err.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("predspace-test-failing") && said.contains("the probe file vanished"), said);
    }

    @Test
    void theBudgetIsTheProcessorsUnlessTheSystemPropertySetsIt() {
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(processors, Workers.cores());
        System.setProperty(Workers.CORES_PROPERTY, "1");
        assertEquals(1, Workers.cores());
        System.setProperty(Workers.CORES_PROPERTY, String.valueOf(processors + 3));
        assertEquals(processors + 3, Workers.cores(), "a user may give more than the machine has");
        System.setProperty(Workers.CORES_PROPERTY, "none");
        assertEquals(processors, Workers.cores(), "a bad value is ignored");
        System.setProperty(Workers.CORES_PROPERTY, "0");
        assertEquals(processors, Workers.cores());
    }

    @Test
    void aPoolOfNoThreadsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Workers.pool("training", 0, Workers.Priority.NORMAL));
        assertTrue(e.getMessage().contains("training"), e.getMessage());
    }

    /** The nice value the kernel reports for the calling thread (proc(5): field 19 of stat). */
    private static String niceFromProc() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16];
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
