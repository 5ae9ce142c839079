package org.predspace.platform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
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
        int mine = callersNiceness();
        String[] seen = inOneWorker("test-role", Workers.Priority.BACKGROUND, () -> new String[]{Thread.currentThread().getName(),
                String.valueOf(Thread.currentThread().isDaemon()), niceFromProc()});
        assertEquals("predspace-test-role-1", seen[0]);
        assertEquals("true", seen[1]);
        assertTrue(Integer.parseInt(seen[2]) > mine, "worker nice " + seen[2] + ", caller " + mine);
        assertEquals(Math.min(19, mine + BackgroundPriority.BACKGROUND), Integer.parseInt(seen[2]));
        assertEquals(mine, BackgroundPriority.currentNiceness(), "only the worker was lowered");
    }

    @Test
    void aNormalWorkerKeepsItsCallersPriority() throws Exception {
        int mine = callersNiceness();
        assertEquals(String.valueOf(mine), inOneWorker("test-normal", Workers.Priority.NORMAL, WorkersTest::niceFromProc));
    }

    /** Helpers of a lowered computation (a window's task) run lowered too, on the command line not. */
    @Test
    void helpersRunAtTheirCallersPriority() throws Exception {
        int mine = callersNiceness();
        String helpersNice = inOneWorker("test-task", Workers.Priority.BACKGROUND,
                () -> inOneWorker("test-helper", Workers.Priority.AS_CALLER, WorkersTest::niceFromProc));
        assertEquals(Math.min(19, mine + BackgroundPriority.BACKGROUND), Integer.parseInt(helpersNice));
    }

    @Test
    void forkJoinWorkersAreNamedAndLowered() {
        int mine = callersNiceness();
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

    /** The test thread's nice value; skips where it cannot be read (not Linux) or cannot be lowered further. */
    private static int callersNiceness() {
        Integer mine = BackgroundPriority.currentNiceness();
        assumeTrue(mine != null && mine < 19, "no /proc/thread-self (not Linux), or already at the lowest priority");
        return mine;
    }

    /** What {@code job} returns on a pool of one worker of {@code role}. */
    private static <T> T inOneWorker(String role, Workers.Priority priority, Callable<T> job) throws Exception {
        ExecutorService pool = Workers.pool(role, 1, priority);
        try {
            return pool.submit(job).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The nice value the kernel reports for the calling thread (proc(5): field 19 of stat). */
    private static String niceFromProc() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
