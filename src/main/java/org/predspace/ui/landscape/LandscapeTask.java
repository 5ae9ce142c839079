package org.predspace.ui.landscape;

import org.predspace.platform.JobMonitor;
import org.predspace.ui.MonitoredTask;

/**
 * A landscape computation as a JavaFX task ({@link MonitoredTask}: progress, and a cancel that
 * stops the computation at its next model). A refusal of the core code (an
 * IllegalArgumentException or IllegalStateException: batch norm, no snapshots, two different
 * networks) is the outcome, said in the panel, not an error.
 */
abstract class LandscapeTask<V> extends MonitoredTask<Outcome<V>> {
    LandscapeTask(String title) { super(title); }

    /** The computation, reporting to and stopping at {@code monitor}. */
    abstract V compute(JobMonitor monitor) throws Exception;

    @Override
    protected final Outcome<V> work(JobMonitor monitor) throws Exception {
        try {
            return Outcome.of(compute(monitor));
        } catch (IllegalArgumentException | IllegalStateException refused) {
            return Outcome.refused(refused.getMessage());
        }
    }
}
