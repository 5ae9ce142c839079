package org.predspace.ui;

import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Runs an update at most once per interval however often it is asked for: a live run's state
 * changes on every training step, and a panel redrawing each time would stall the JavaFX
 * thread. The first request after a quiet period is served after one interval; requests in
 * between are folded into it. JavaFX thread only.
 */
public final class Throttle {
    private final PauseTransition wait;
    private boolean pending;

    public Throttle(Duration interval, Runnable update) {
        wait = new PauseTransition(interval);
        wait.setOnFinished(e -> {
            pending = false;
            update.run();
        });
    }

    /** About 4 updates a second: smooth enough to watch, cheap enough to ignore. */
    public static Throttle quarterSecond(Runnable update) { return new Throttle(Duration.millis(250), update); }

    public void request() {
        if (pending) return;
        pending = true;
        wait.playFromStart();
    }
}
