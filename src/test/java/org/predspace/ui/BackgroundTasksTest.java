package org.predspace.ui;

import javafx.concurrent.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

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
}
