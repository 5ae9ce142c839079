package org.predspace.ui.compare;

import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.trajectory.Progress;
import org.predspace.geometry.trajectory.ProgressGrid;
import org.predspace.geometry.trajectory.ReindexedTrajectory;
import org.predspace.geometry.trajectory.Trajectory;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.runs.Run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The compare command's computation written out in the test, independently of the panel's code. */
public final class DirectComparison {
    private DirectComparison() {}

    public static TrajectoryComparison of(List<Path> dirs) throws Exception {
        return of(dirs, false);
    }

    static TrajectoryComparison of(List<Path> dirs, boolean heldOut) throws Exception {
        return TrajectoryComparison.of(reindexed(dirs, heldOut, false), Parallelism.serial());
    }

    /** The runs re-indexed as the compare command does; with {@code imprinted}, their imprinted predictions. */
    static List<ReindexedTrajectory> reindexed(List<Path> dirs, boolean heldOut, boolean imprinted) throws Exception {
        List<ReindexedTrajectory> reindexed = new ArrayList<>();
        for (Path d : dirs) {
            Run r = imprinted ? Run.open(d).imprinted() : Run.open(d);
            int[] labels = heldOut ? r.testLabels() : r.labels();
            ProbeShape shape = new ProbeShape(r.probe().id() + (heldOut ? "/held-out" : ""), labels.length, r.classes());
            List<SqrtProbabilities> points = new ArrayList<>();
            for (int t = 0; t < r.checkpointCount(); t++) {
                points.add(SqrtProbabilities.of(r.name(), shape, heldOut ? r.testPredictions(t) : r.predictions(t)));
            }
            Trajectory t = Trajectory.of(r.name(), points, Progress.ignoranceToTruth(shape, labels));
            reindexed.add(t.reindex(ProgressGrid.evenly(ProgressGrid.DEFAULT_POINTS)));
        }
        return reindexed;
    }
}
