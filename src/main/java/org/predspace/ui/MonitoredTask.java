package org.predspace.ui;

import javafx.concurrent.Task;
import org.predspace.platform.JobMonitor;

import java.util.concurrent.CancellationException;

/**
 * The one adapter from the core's {@link JobMonitor} to a JavaFX task, so the status bar lists
 * a core computation with its progress and a cancel button: what the computation reports
 * becomes the task's progress and message, and a cancel of the task reaches the monitor (at
 * once, even before the work starts), so the computation stops at its next check instead of
 * running on unseen.
 */
public abstract class MonitoredTask<V> extends Task<V> {
    private final JobMonitor monitor = new JobMonitor((fraction, stage) -> {
        updateProgress(fraction, 1);
        updateMessage(stage);
    });

    protected MonitoredTask(String title) { updateTitle(title); }

    /** The work, on a background thread, reporting to and stopping at {@code monitor}. */
    protected abstract V work(JobMonitor monitor) throws Exception;

    @Override
    protected final V call() throws Exception {
        if (isCancelled()) throw new CancellationException("cancelled before it started");
        return work(monitor);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        // The task's own state first: a work that sees the monitor cancelled ends at once with
        // a CancellationException, and had the monitor gone first, that exception could end
        // the task as failed before it was marked cancelled (a clean CI run caught it).
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        monitor.cancel();
        return cancelled;
    }
}
