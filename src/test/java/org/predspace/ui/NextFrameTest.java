package org.predspace.ui;

import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
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
class NextFrameTest {
    private long pulses;
    private final AnimationTimer counter = new AnimationTimer() {
        @Override
        public void handle(long now) { pulses++; }
    };

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Label("frames"), 200, 100));
        stage.show();
        counter.start();
    }

    @Test
    void requestsInOneFrameRunOnceAndNotInThatFrame() throws Exception {
        List<Long> ranAt = new ArrayList<>();
        long[] requestedAt = new long[1];
        NextFrame next = WaitForAsyncUtils.asyncFx(() -> new NextFrame(() -> ranAt.add(pulses))).get();
        WaitForAsyncUtils.asyncFx(() -> {
            requestedAt[0] = pulses;
            next.request();
            next.request();
            next.request();
            assertTrue(next.pending());
            assertEquals(List.of(), ranAt, "not at once");
        }).get();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> !next.pending()).get());
        Thread.sleep(200);
        List<Long> ran = WaitForAsyncUtils.asyncFx(() -> List.copyOf(ranAt)).get();
        assertEquals(1, ran.size(), "three requests, one update");
        assertTrue(ran.get(0) >= requestedAt[0] + 2, "not in the pulse that draws what came with the request: " + ran + " / " + requestedAt[0]);
    }
}
