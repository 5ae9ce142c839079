package org.predspace.ui;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.platform.JobMonitor;
import org.predspace.platform.Workers;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class MonitoredTaskTest {
    @Test
    void whatTheWorkReportsBecomesTheTasksProgressAndMessage() throws Exception {
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MonitoredTask<String> task = new MonitoredTask<>("Fisher spectrum") {
            @Override
            protected String work(JobMonitor monitor) throws Exception {
                monitor.stage(0.5, 1).progress(0.5, "gradient pass 2 of 4");
                reported.countDown();
                assertTrue(release.await(10, TimeUnit.SECONDS));
                return "done";
            }
        };
        ExecutorService pool = Workers.single("test-monitored", Workers.Priority.NORMAL);
        try {
            pool.execute(task);
            assertTrue(reported.await(10, TimeUnit.SECONDS));
            // a task's properties belong to the JavaFX thread
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(task::getProgress) == 0.75);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> "gradient pass 2 of 4".equals(onFx(task::getMessage)));
            assertEquals("Fisher spectrum", onFx(task::getTitle));
            release.countDown();
            assertEquals("done", task.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** A cancel from the status bar stops the computation at its next check, not at its end. */
    @Test
    void aCancelOfTheTaskStopsTheWorkAtItsNextCheck() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        MonitoredTask<Void> task = new MonitoredTask<>("Hessian spectrum") {
            @Override
            protected Void work(JobMonitor monitor) {
                started.countDown();
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                try {
                    // only the monitor can end this early: the loop ignores interrupts
                    for (int pass = 0; System.nanoTime() < giveUp; pass++) {
                        monitor.progress(0.5, "pass " + pass);
                    }
                } catch (CancellationException e) {
                    ended.set(e);
                    throw e;
                }
                return null;
            }
        };
        ExecutorService pool = Workers.single("test-monitored", Workers.Priority.NORMAL);
        try {
            pool.execute(task);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            WaitForAsyncUtils.asyncFx(() -> task.cancel()).get(5, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ended.get() != null);
            assertTrue(task.isCancelled());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Cancelled while still queued: the work never starts, even if the executor calls it. */
    @Test
    void aTaskCancelledBeforeItStartsNeverWorks() throws Exception {
        AtomicInteger worked = new AtomicInteger();
        MonitoredTask<Void> task = new MonitoredTask<>("Landscape") {
            @Override
            protected Void work(JobMonitor monitor) {
                worked.incrementAndGet();
                return null;
            }
        };
        WaitForAsyncUtils.asyncFx(() -> task.cancel()).get(5, TimeUnit.SECONDS);
        assertThrows(CancellationException.class, task::call);
        assertEquals(0, worked.get());
        assertTrue(task.isCancelled());
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }
}
