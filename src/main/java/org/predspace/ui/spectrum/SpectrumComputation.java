package org.predspace.ui.spectrum;

import javafx.concurrent.Task;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Run;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.SpectrumRequest;
import org.predspace.spectra.SpectrumTask;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.predspace.ui.SnapshotChoice;

/**
 * One spectrum as a JavaFX task, so the status bar lists it with progress and a cancel button:
 * it opens the run from disk (never touching a live run's network), picks the snapshot
 * ({@link SnapshotChoice}) and runs the spectra code's {@link SpectrumTask}, forwarding its
 * progress and passing a cancel on to it, so a cancelled computation stops within one gradient
 * pass instead of running on unseen.
 */
final class SpectrumComputation extends Task<SpectrumOutcome> {
    private final SpectrumKey key;
    private final Path runDir;
    private final DatasetCatalog catalog;
    private volatile SpectrumTask spectrumTask;

    SpectrumComputation(SpectrumKey key, Path runDir, DatasetCatalog catalog) {
        this.key = key;
        this.runDir = runDir;
        this.catalog = catalog;
        updateTitle(key.describe());
    }

    SpectrumKey key() { return key; }

    @Override
    protected SpectrumOutcome call() throws Exception {
        updateMessage("opening " + key.run());
        Run run = Run.open(runDir);
        Optional<SnapshotChoice> choice = SnapshotChoice.of(key.step(), run.parameterSteps());
        if (choice.isEmpty()) return SpectrumOutcome.refused(key, SnapshotChoice.noSnapshots(key.run()));
        SpectrumRequest request = SpectrumRequest.of(key.kind()).withSamples(key.n()).withK(Math.max(1, key.k()));
        try {
            RunCheckpoint checkpoint = RunCheckpoint.open(run, choice.get().step(), catalog);
            SpectrumTask task = new SpectrumTask(checkpoint, request, (fraction, stage) -> {
                updateProgress(fraction, 1);
                updateMessage(stage);
            });
            spectrumTask = task;
            // a cancel that came before the task existed could not reach it
            if (isCancelled()) throw new CancellationException("cancelled before it started");
            SpectrumTask.Result result = task.call();
            return result.isDensity() ? SpectrumOutcome.density(key, choice.get(), result.density())
                    : SpectrumOutcome.computed(key, choice.get(), result.spectrum());
        } catch (IllegalArgumentException refused) {
            // how the spectra code declines a network it has no spectra for (batch norm, a probe
            // that cannot be reproduced): its message is the answer the panel shows
            return SpectrumOutcome.refused(key, key.run() + ": " + refused.getMessage());
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        SpectrumTask task = spectrumTask;
        if (task != null) task.cancel();
        return cancelled;
    }
}
