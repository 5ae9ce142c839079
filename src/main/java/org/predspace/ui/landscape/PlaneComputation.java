package org.predspace.ui.landscape;

import org.predspace.data.DatasetCatalog;
import org.predspace.landscape.PlaneGrid;
import org.predspace.landscape.PlaneLandscape;
import org.predspace.landscape.PlaneSlice;
import org.predspace.landscape.RunPlane;
import org.predspace.runs.Run;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.platform.JobMonitor;
import org.predspace.training.engine.NativeBackend;
import org.predspace.ui.SnapshotChoice;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * One plane, opened from disk: the slice (trajectory or seeded random), then its grid coarse to
 * fine, each pass handed to {@code passes} so the heat map refines while the task runs. Only
 * the train probe is scored: the heat map shows the train loss, and the test probe would double
 * the cost.
 */
final class PlaneComputation extends LandscapeTask<PlaneResult> {
    private final PlaneRequest request;
    private final Path runDir;
    private final DatasetCatalog catalog;
    private final Consumer<PlaneResult> passes;

    PlaneComputation(PlaneRequest request, Path runDir, DatasetCatalog catalog, Consumer<PlaneResult> passes) {
        super(request.describe());
        this.request = request;
        this.runDir = runDir;
        this.catalog = catalog;
        this.passes = passes;
    }

    @Override
    PlaneResult compute(JobMonitor monitor) throws Exception {
        if (runDir == null) throw new IllegalArgumentException("run " + request.run() + " is not open any more");
        updateMessage("opening " + request.run());
        Run run = Run.open(runDir);
        PlaneSlice slice;
        RunCheckpoint origin;
        if (request.kind() == PlaneSlice.Kind.TRAJECTORY) {
            origin = RunCheckpoint.open(run, RunCheckpoint.resolveStep(run, "last"), catalog);
            slice = RunPlane.trajectory(origin);
        } else {
            SnapshotChoice choice = SnapshotChoice.of(request.originStep(), run.parameterSteps())
                    .orElseThrow(() -> new IllegalArgumentException(request.run() + " kept no parameter snapshots, so it has no plane"
                            + " (train it with parameter snapshots all or sparse)."));
            origin = RunCheckpoint.open(run, choice.step(), catalog);
            slice = RunPlane.filterNormalized(origin, request.seed());
        }
        double[][] axes = PlaneAxes.of(slice, request.grid());
        double[] xs = axes[0], ys = axes[1];
        PlaneSlice s = slice;
        // forwardModel: a batch-norm network's statistics are recomputed on the train probe at every cell
        PlaneGrid grid = PlaneLandscape.evaluate(origin.forwardModel(), slice, xs, ys, origin.samples(request.samples()), null, monitor,
                pass -> passes.accept(new PlaneResult(request, s, pass)), NativeBackend.cores());
        return new PlaneResult(request, slice, grid);
    }
}
