package org.predspace.session;

import org.predspace.data.DatasetCatalog;
import org.predspace.landscape.ModelGrid;
import org.predspace.runs.Run;
import org.predspace.spectra.RunCheckpoint;

/** What the canyon tests share: a plane of a run's network centred on a checkpoint, and where a checkpoint is in a frame. */
public final class CanyonFixture {
    private CanyonFixture() {}

    /**
     * A plane of n x n models (n odd) centred on {@code step}'s own weights (its middle model is that
     * checkpoint exactly): along the run's first-to-last displacement and a skewed copy of it.
     */
    public static ModelGrid planeThrough(Run run, DatasetCatalog catalog, long step, int n) throws Exception {
        long[] saved = run.parameterSteps();
        double[] origin = RunCheckpoint.open(run, step, catalog).parameters();
        double[] last = RunCheckpoint.open(run, saved[saved.length - 1], catalog).parameters();
        double[] first = RunCheckpoint.open(run, saved[0], catalog).parameters();
        double[] dx = new double[origin.length];
        double[] dy = new double[origin.length];
        for (int i = 0; i < origin.length; i++) {
            dx[i] = last[i] - first[i];
            dy[i] = (i % 3 == 0 ? 1 : -0.5) * 0.3 * Math.abs(last[i] - first[i]);
        }
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) xs[i] = -0.6 + 1.2 * i / (n - 1);
        xs[n / 2] = 0;
        return new ModelGrid(origin, dx, dy, xs, xs.clone(), new double[n][n]);
    }

    /** The frame index of {@code run}'s checkpoint at {@code step}. */
    public static int indexOf(PictureFrame frame, Run run, long step) {
        for (int i = 0; i < frame.size(); i++) {
            if (frame.point(i).run().equals(run.name()) && frame.point(i).step() == step) return i;
        }
        throw new AssertionError("step " + step + " of " + run.name() + " is not in the picture");
    }

    /** The largest span of the picture's points on any of the first three axes. */
    public static double extent(PictureFrame frame) {
        double most = 0;
        for (int a = 0; a < 3; a++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < frame.size(); i++) {
                lo = Math.min(lo, frame.coordinate(i, a));
                hi = Math.max(hi, frame.coordinate(i, a));
            }
            most = Math.max(most, hi - lo);
        }
        return most;
    }
}
