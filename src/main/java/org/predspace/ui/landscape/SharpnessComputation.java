package org.predspace.ui.landscape;

import org.predspace.data.DatasetCatalog;
import org.predspace.landscape.RunSharpness;
import org.predspace.landscape.SharpnessCurve;
import org.predspace.runs.Run;
import org.predspace.platform.JobMonitor;

import java.nio.file.Path;

/** A run's sharpness at its snapshots ({@link RunSharpness}), opened from disk. */
final class SharpnessComputation extends LandscapeTask<SharpnessCurve> {
    private final SharpnessRequest request;
    private final Path runDir;
    private final DatasetCatalog catalog;

    SharpnessComputation(SharpnessRequest request, Path runDir, DatasetCatalog catalog) {
        super(request.describe());
        this.request = request;
        this.runDir = runDir;
        this.catalog = catalog;
    }

    @Override
    SharpnessCurve compute(JobMonitor monitor) throws Exception {
        if (runDir == null) throw new IllegalArgumentException("run " + request.run() + " is not open any more");
        updateMessage("opening " + request.run());
        return RunSharpness.of(Run.open(runDir), catalog, request.samples(), monitor);
    }
}
