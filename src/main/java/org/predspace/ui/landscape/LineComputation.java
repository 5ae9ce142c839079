package org.predspace.ui.landscape;

import org.predspace.data.DatasetCatalog;
import org.predspace.landscape.LinePath;
import org.predspace.landscape.ModelGrid;
import org.predspace.landscape.RunLine;
import org.predspace.runs.Run;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.platform.JobMonitor;
import org.predspace.ui.SnapshotChoice;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * One line, opened from disk (a live run's network is never touched): each end's nearest
 * earlier snapshot, Goodfellow et al.'s range a in [-0.5, 1.5] at 101 points, scored by
 * {@link RunLine} on the first end's run probes.
 */
final class LineComputation extends LandscapeTask<LineResult> {
    private final LineRequest request;
    private final Function<String, Path> runDirs;
    private final DatasetCatalog catalog;

    LineComputation(LineRequest request, Function<String, Path> runDirs, DatasetCatalog catalog) {
        super(request.describe());
        this.request = request;
        this.runDirs = runDirs;
        this.catalog = catalog;
    }

    @Override
    LineResult compute(JobMonitor monitor) throws Exception {
        updateMessage("opening " + request.fromRun());
        RunCheckpoint from = open(request.fromRun(), request.fromStep());
        RunCheckpoint to = open(request.toRun(), request.toStep());
        double[] alphas = LinePath.defaultAlphas();
        LinePath path = RunLine.between(from, to, alphas, monitor);
        double[] loss = path.points().stream().mapToDouble(LinePath.Point::trainLoss).toArray();
        ModelGrid models = ModelGrid.line(from.parameters(), to.parameters(), alphas, loss);
        return new LineResult(request, from.step(), to.step(), path, models);
    }

    private RunCheckpoint open(String name, long step) throws Exception {
        Path dir = runDirs.apply(name);
        if (dir == null) throw new IllegalArgumentException("run " + name + " is not open any more");
        Run run = Run.open(dir);
        SnapshotChoice choice = SnapshotChoice.of(step, run.parameterSteps())
                .orElseThrow(() -> new IllegalArgumentException(name + " kept no parameter snapshots, so no line can be drawn"
                        + " through it (train it with parameter snapshots all or sparse)."));
        return RunCheckpoint.open(run, choice.step(), catalog);
    }
}
