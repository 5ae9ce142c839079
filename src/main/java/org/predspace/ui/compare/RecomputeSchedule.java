package org.predspace.ui.compare;

import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.util.Duration;

/**
 * Starts a background recomputation at most once per interval however often it is asked for,
 * and never two at the same time: requests while one runs are remembered and served once it
 * has {@link #finished}. A burst of requests (runs opening, checkpoints arriving while training)
 * becomes one computation. Unlike {@link org.predspace.ui.Throttle}, for updates done on the
 * spot, it knows when the work it started ends. JavaFX thread only.
 */
final class RecomputeSchedule {
    /** Even the first request waits this long, so that a burst is taken in one go. */
    private static final double SETTLE_MILLIS = 150;

    private final double intervalMillis;
    private final Runnable work;
    private final PauseTransition timer = new PauseTransition();
    private boolean running;
    private boolean wanted;
    private long lastStart = System.nanoTime() - 1_000_000_000_000L;

    /** @param work starts the work; it (or its completion handler) must call {@link #finished} */
    RecomputeSchedule(Duration interval, Runnable work) {
        this.intervalMillis = interval.toMillis();
        this.work = work;
        timer.setOnFinished(e -> start());
    }

    /** Asks for the work to run again soon. */
    void request() {
        wanted = true;
        if (!running && timer.getStatus() != Animation.Status.RUNNING) schedule();
    }

    /** Asks for the work to run now (or right after the current run). */
    void now() {
        wanted = true;
        if (running) return;
        timer.stop();
        start();
    }

    /** The work is done; a request that came meanwhile is served after the interval. */
    void finished() {
        running = false;
        if (wanted) schedule();
    }

    /** Nothing running, asked for or scheduled. */
    boolean idle() { return !running && !wanted && timer.getStatus() != Animation.Status.RUNNING; }

    private void schedule() {
        double since = (System.nanoTime() - lastStart) / 1e6;
        timer.setDuration(Duration.millis(Math.max(SETTLE_MILLIS, intervalMillis - since)));
        timer.playFromStart();
    }

    private void start() {
        if (running) return;
        wanted = false;
        running = true;
        lastStart = System.nanoTime();
        work.run();
    }
}
