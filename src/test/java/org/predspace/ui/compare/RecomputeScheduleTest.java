package org.predspace.ui.compare;

import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class RecomputeScheduleTest {
    private final List<Long> starts = new ArrayList<>();
    private RecomputeSchedule throttle;

    @Start
    void start(Stage stage) {
        // Work that "runs" until the test says it finished, like a background computation.
        throttle = new RecomputeSchedule(Duration.millis(600), () -> starts.add(System.nanoTime()));
    }

    private void fx(Runnable r) throws Exception { WaitForAsyncUtils.asyncFx(r).get(5, TimeUnit.SECONDS); }

    private int started() throws Exception { return WaitForAsyncUtils.asyncFx(starts::size).get(5, TimeUnit.SECONDS); }

    @Test
    void aBurstOfRequestsRunsTheWorkOnceAndRequestsDuringItRunOnceMoreAfterTheInterval() throws Exception {
        fx(() -> { for (int i = 0; i < 50; i++) throttle.request(); });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> started() == 1);
        fx(() -> { for (int i = 0; i < 50; i++) throttle.request(); });
        Thread.sleep(900);
        assertEquals(1, started(), "never twice at the same time");
        fx(throttle::finished);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> started() == 2);
        fx(throttle::finished);
        Thread.sleep(300);
        assertEquals(2, started());
        assertTrue(WaitForAsyncUtils.asyncFx(throttle::idle).get());
    }

    @Test
    void requestsRightAfterARunWaitOutTheInterval() throws Exception {
        fx(throttle::now);
        fx(throttle::finished);
        fx(throttle::request);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> started() == 2);
        List<Long> t = WaitForAsyncUtils.asyncFx(() -> List.copyOf(starts)).get();
        assertTrue((t.get(1) - t.get(0)) / 1e6 >= 590, "at most once per interval: " + (t.get(1) - t.get(0)) / 1e6 + " ms");
    }
}
