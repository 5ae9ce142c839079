package org.predspace.ui;

import javafx.concurrent.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class BackgroundTasksTest {
    @Test
    void failuresAreReportedWithTheTaskTitleAndLateRequestsAfterShutdownAreDropped() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        BackgroundTasks tasks = new BackgroundTasks(1, problems::add);
        WaitForAsyncUtils.asyncFx(() -> tasks.submit("Opening x", () -> { throw new IllegalStateException("x is broken"); }, v -> {}))
                .get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !problems.isEmpty());
        assertEquals("Opening x: x is broken", problems.get(0));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> tasks.running().isEmpty());

        tasks.shutdown();
        Task<Integer> late = WaitForAsyncUtils.asyncFx(() -> tasks.submit("late", () -> 1, v -> fail("ran after shutdown")))
                .get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(late.isCancelled());
        assertTrue(tasks.running().isEmpty());
        assertEquals(1, problems.size(), "dropping a late request is not a problem");
    }

    /**
     * Closing the window interrupts what runs; a computation that ends in failure because of it
     * (a landscape's "the grid's evaluation was interrupted") is not told: its notification used
     * to open on whatever window came next.
     */
    @Test
    void aTaskInterruptedByTheShutdownIsNotReportedAsAProblem() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        BackgroundTasks tasks = new BackgroundTasks(1, problems::add);
        CountDownLatch started = new CountDownLatch(1);
        Task<Integer> running = WaitForAsyncUtils.asyncFx(() -> tasks.submit("Landscape", () -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException("the grid's evaluation was interrupted");
            }
            return 1;
        }, v -> fail("it was interrupted"))).get(5, TimeUnit.SECONDS);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        tasks.shutdown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> running.isDone());
        WaitForAsyncUtils.waitForFxEvents();
        Throwable ended = WaitForAsyncUtils.asyncFx(running::getException).get(5, TimeUnit.SECONDS);
        assertTrue(ended instanceof IllegalStateException, "it ended by the interrupt: " + ended);
        assertEquals(List.of(), problems);
    }

    /** JavaFX tasks fail on errors as on exceptions; the message must say what happened, not just "ExceptionInInitializerError". */
    @Test
    void aTaskThatDiesOfAnErrorIsReportedInPlainWords() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        BackgroundTasks tasks = new BackgroundTasks(1, problems::add);
        try {
            WaitForAsyncUtils.asyncFx(() -> tasks.submit("Loading the training engine",
                    () -> { throw new ExceptionInInitializerError(new IllegalStateException("native cache locked")); }, v -> {}))
                    .get(5, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !problems.isEmpty());
            assertEquals(List.of("Loading the training engine: a library failed to load: ExceptionInInitializerError"
                    + " (IllegalStateException: native cache locked)"), problems);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> tasks.running().isEmpty());
        } finally {
            tasks.shutdown();
        }
    }

    /** Showing a result can fail too: the user hears it, and what waits for the task's end (a busy flag) still runs. */
    @Test
    void aResultThatCannotBeShownIsReportedAndTheEndStillRuns() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        BackgroundTasks tasks = new BackgroundTasks(1, problems::add);
        CountDownLatch ended = new CountDownLatch(1);
        try {
            WaitForAsyncUtils.asyncFx(() -> tasks.submit("Trajectory distances of 2 runs", () -> 42,
                    v -> { throw new AssertionError("the heatmap broke"); }, ended::countDown)).get(5, TimeUnit.SECONDS);
            assertTrue(ended.await(5, TimeUnit.SECONDS), "the task's end never ran");
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !problems.isEmpty());
            assertEquals(List.of("Trajectory distances of 2 runs: internal error: AssertionError: the heatmap broke"), problems);
        } finally {
            tasks.shutdown();
        }
    }
}
