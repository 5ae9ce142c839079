package org.predspace.ui.landscape;

import javafx.concurrent.Task;
import org.predspace.platform.JobMonitor;

import java.util.concurrent.CancellationException;

/**
 * A landscape computation as a JavaFX task, so the status bar lists it with progress and a
 * cancel button: the core code reports to a {@link JobMonitor} whose progress becomes the
 * task's, and a cancel reaches the monitor, so the computation stops at its next model instead
 * of running on unseen. A refusal of the core code (an IllegalArgumentException or
 * IllegalStateException: batch norm, no snapshots, two different networks) is the outcome, said
 * in the panel, not an error.
 */
abstract class LandscapeTask<V> extends Task<Outcome<V>> {
    private final JobMonitor monitor = new JobMonitor((fraction, stage) -> {
        updateProgress(fraction, 1);
        updateMessage(stage);
    });

    LandscapeTask(String title) { updateTitle(title); }

    /** The computation, reporting to and stopping at {@code monitor}. */
    abstract V compute(JobMonitor monitor) throws Exception;

    @Override
    protected final Outcome<V> call() throws Exception {
        if (isCancelled()) throw new CancellationException("cancelled before it started");
        try {
            return Outcome.of(compute(monitor));
        } catch (IllegalArgumentException | IllegalStateException refused) {
            return Outcome.refused(refused.getMessage());
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        monitor.cancel();
        return super.cancel(mayInterruptIfRunning);
    }
}
