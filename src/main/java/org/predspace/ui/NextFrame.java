package org.predspace.ui;

import javafx.animation.AnimationTimer;

/**
 * Runs a panel's update in the frame after the current one, folding repeated requests into
 * one. When a training starts, the run table gains rows, the status bar gains tasks and the
 * Curves charts gain series: all in one frame, that frame took the software renderer 120-140 ms
 * on two busy cores (bench/stall-bench.sh). Drawn in two frames, each stays well under that.
 * JavaFX thread only.
 */
public final class NextFrame {
    private final Runnable update;
    private int pulsesLeft;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            // the first pulse draws what changed with the request; the update goes into the next
            if (--pulsesLeft > 0) return;
            stop();
            update.run();
        }
    };

    public NextFrame(Runnable update) { this.update = update; }

    public void request() {
        if (pulsesLeft > 0) return;
        pulsesLeft = 2;
        timer.start();
    }

    /** Whether an update is waiting for its frame. */
    public boolean pending() { return pulsesLeft > 0; }
}
