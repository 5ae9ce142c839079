package org.predspace.ui.spectrum;

import org.predspace.data.DatasetCatalog;
import org.predspace.platform.JobMonitor;
import org.predspace.runs.Run;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.SpectrumRequest;
import org.predspace.spectra.SpectrumTask;
import org.predspace.ui.MonitoredTask;

import java.nio.file.Path;
import java.util.Optional;
import org.predspace.ui.SnapshotChoice;

/**
 * One spectrum as a JavaFX task ({@link MonitoredTask}), so the status bar lists it with
 * progress and a cancel button: it opens the run from disk (never touching a live run's
 * network), picks the snapshot ({@link SnapshotChoice}) and runs the spectra code's
 * {@link SpectrumTask} on the task's monitor, so a cancelled computation stops within one
 * gradient pass instead of running on unseen.
 */
final class SpectrumComputation extends MonitoredTask<SpectrumOutcome> {
    private final SpectrumKey key;
    private final Path runDir;
    private final DatasetCatalog catalog;

    SpectrumComputation(SpectrumKey key, Path runDir, DatasetCatalog catalog) {
        super(key.describe());
        this.key = key;
        this.runDir = runDir;
        this.catalog = catalog;
    }

    SpectrumKey key() { return key; }

    @Override
    protected SpectrumOutcome work(JobMonitor monitor) throws Exception {
        updateMessage("opening " + key.run());
        Run run = Run.open(runDir);
        Optional<SnapshotChoice> choice = SnapshotChoice.of(key.step(), run.parameterSteps());
        if (choice.isEmpty()) return SpectrumOutcome.refused(key, SnapshotChoice.noSnapshots(key.run()));
        SpectrumRequest request = SpectrumRequest.of(key.kind()).withSamples(key.n()).withK(Math.max(1, key.k()));
        try {
            RunCheckpoint checkpoint = RunCheckpoint.open(run, choice.get().step(), catalog);
            SpectrumTask.Result result = new SpectrumTask(checkpoint, request, monitor).call();
            return result.isDensity() ? SpectrumOutcome.density(key, choice.get(), result.density())
                    : SpectrumOutcome.computed(key, choice.get(), result.spectrum());
        } catch (IllegalArgumentException refused) {
            // how the spectra code declines a network it has no spectra for (batch norm, a probe
            // that cannot be reproduced): its message is the answer the panel shows
            return SpectrumOutcome.refused(key, key.run() + ": " + refused.getMessage());
        }
    }
}
