package org.predspace.platform;

import java.util.concurrent.CancellationException;

/**
 * The core's one progress and cancel type: what a long computation (a spectrum, a landscape, a
 * canyon's scoring; a training's cancel through its RunHandle) is given instead of a thread of
 * its own: a place to report progress and a flag to stop at. The window adapts it to a JavaFX
 * task in one place (ui.MonitoredTask), which calls {@link #cancel()} from any thread and shows
 * the progress it receives (on the worker's thread: hop to the UI thread in the listener); the
 * command line prints it. Computations check it between passes, so a cancel takes effect
 * within one pass over the samples.
 */
public final class JobMonitor {
    /** Receives the fraction done in [0, 1] and a short description of the current stage. */
    @FunctionalInterface
    public interface ProgressListener {
        void progress(double fraction, String stage);
    }

    private final ProgressListener listener;
    private final JobMonitor parent;
    private volatile boolean cancelled;

    public JobMonitor(ProgressListener listener) {
        this(listener, null);
    }

    private JobMonitor(ProgressListener listener, JobMonitor parent) {
        this.listener = listener;
        this.parent = parent;
    }

    /** A monitor nobody watches (tests, the CLI without a progress bar, a training whose progress goes out as events). */
    public static JobMonitor silent() {
        return new JobMonitor((f, s) -> {});
    }

    /** Asks the computation to stop at its next check; it then throws {@link CancellationException}. */
    public void cancel() { cancelled = true; }

    public boolean isCancelled() { return cancelled || (parent != null && parent.isCancelled()); }

    /** Throws {@link CancellationException} when cancel() was called. */
    public void checkCancelled() {
        if (isCancelled()) throw new CancellationException("cancelled");
    }

    /** Reports progress and checks for cancellation. */
    public void progress(double fraction, String stage) {
        checkCancelled();
        listener.progress(Math.max(0, Math.min(1, fraction)), stage);
    }

    /** A monitor for a sub-stage: its [0, 1] maps onto [from, to] of this one; cancelling this one cancels it. */
    public JobMonitor stage(double from, double to) {
        return new JobMonitor((f, s) -> progress(from + (to - from) * f, s), this);
    }
}
