package org.predspace.landscape;

import org.predspace.runs.ProbeScore;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.Samples;
import org.predspace.platform.JobMonitor;

import java.util.ArrayList;
import java.util.List;

import java.util.function.Consumer;

/**
 * The loss and accuracy over a grid of a plane (Li et al. 2018; docs/science.md §8), coarse to
 * fine: every 8th row and column first, then every 4th, 2nd and all, each pass handed to a
 * listener, so a first picture of a 25 x 25 grid comes after 16 of its 625 models and refines.
 */
public final class PlaneLandscape {
    /** Li et al.'s default grid. */
    public static final int DEFAULT_GRID = 25;
    /** The share of the checkpoints' extent added on each side of a trajectory plane's grid. */
    static final double MARGIN = 0.25;

    private PlaneLandscape() {}

    /**
     * Grid values along one axis of {@code slice}: [-1, 1] for filter-normalised directions (their
     * unit is the weights' own filter norms); for a trajectory plane the checkpoints' extent with
     * a margin on either side, so the whole projected path lies inside the picture.
     */
    public static double[] axis(PlaneSlice slice, int axis, int count) {
        if (count < 2) throw new IllegalArgumentException("a grid needs at least 2 points per axis, got " + count);
        if (slice.kind() == PlaneSlice.Kind.FILTER_NORMALIZED) return LinePath.alphas(-1, 1, count);
        double lo = 0, hi = 0;   // the origin (the last checkpoint) is always inside
        for (double[] c : slice.coordinates()) {
            lo = Math.min(lo, c[axis]);
            hi = Math.max(hi, c[axis]);
        }
        double span = hi - lo;
        if (span == 0) span = 1;
        return LinePath.alphas(lo - MARGIN * span, hi + MARGIN * span, count);
    }

    /** The whole grid at once. */
    public static PlaneGrid evaluate(CheckpointModel model, PlaneSlice slice, double[] xs, double[] ys,
                                     Samples train, Samples test, JobMonitor monitor) {
        return evaluate(model, slice, xs, ys, train, test, monitor, grid -> {});
    }

    /**
     * Evaluates every cell on {@code model}'s network (its parameters are changed: own it on one
     * thread), handing a copy of the grid to {@code refined} after each coarse-to-fine pass.
     * {@code test} may be null: the test columns then stay NaN and the grid costs half as much.
     * Progress is reported per cell; a cancel stops at the next cell.
     */
    public static PlaneGrid evaluate(CheckpointModel model, PlaneSlice slice, double[] xs, double[] ys,
                                     Samples train, Samples test, JobMonitor monitor, Consumer<PlaneGrid> refined) {
        return evaluate(model, slice, xs, ys, train, test, monitor, refined, 1);
    }

    /**
     * As above, on {@code workers} threads, each with its own copy of the network (DL4J networks
     * are not thread-safe, and the native backend runs each op on one thread: docs/architecture.md),
     * the calling thread being one of them. Each cell is computed exactly as on one thread, so
     * the grid does not depend on {@code workers}. A failure or cancel in any worker stops all of
     * them and is thrown here; no worker outlives the call.
     */
    public static PlaneGrid evaluate(CheckpointModel model, PlaneSlice slice, double[] xs, double[] ys,
                                     Samples train, Samples test, JobMonitor monitor, Consumer<PlaneGrid> refined,
                                     int workers) {
        if (model.parameterCount() != slice.origin().length) {
            throw new IllegalArgumentException("the plane has " + slice.origin().length + " parameters but the network "
                    + model.parameterCount());
        }
        ModelGrid models = new ModelGrid(slice.origin(), slice.xDirection(), slice.yDirection(), xs, ys,
                new double[ys.length][xs.length]);
        PlaneGrid grid = PlaneGrid.empty(xs, ys);
        int total = xs.length * ys.length;
        GridWorkers pool = new GridWorkers(GridWorkers.copies(model, workers, total),
                scoring(models, grid, train, test, model.classCount()), monitor, total, "on the plane");
        try {
            for (int stride = coarsestStride(Math.max(xs.length, ys.length)); stride >= 1; stride /= 2) {
                List<int[]> cells = new ArrayList<>();
                for (int i = 0; i < ys.length; i++) {
                    if (!onLevel(i, ys.length, stride)) continue;
                    for (int j = 0; j < xs.length; j++) {
                        if (onLevel(j, xs.length, stride) && Double.isNaN(grid.trainLoss()[i][j])) cells.add(new int[] {i, j});
                    }
                }
                pool.run(cells);
                refined.accept(grid.copy());
            }
        } finally {
            pool.shutdown();
        }
        return grid;
    }

    /**
     * Every model of {@code models} in one pass on {@code workers} threads (a line: one row), as
     * {@link #evaluate} scores a plane's cells, with {@code where} naming them in the progress.
     */
    static PlaneGrid evaluateAll(CheckpointModel model, ModelGrid models, Samples train, Samples test, JobMonitor monitor,
                                 int workers, String where) {
        PlaneGrid grid = PlaneGrid.empty(models.xs(), models.ys());
        int total = models.rows() * models.columns();
        List<int[]> cells = new ArrayList<>();
        for (int i = 0; i < models.rows(); i++) for (int j = 0; j < models.columns(); j++) cells.add(new int[] {i, j});
        GridWorkers pool = new GridWorkers(GridWorkers.copies(model, workers, total),
                scoring(models, grid, train, test, model.classCount()), monitor, total, "on the " + where);
        try {
            pool.run(cells);
        } finally {
            pool.shutdown();
        }
        return grid;
    }

    /** A worker's scoring of a cell on the train (and test) probe into {@code grid}: each cell written by one worker only. */
    private static GridWorkers.Preparation scoring(ModelGrid models, PlaneGrid grid, Samples train, Samples test, int classes) {
        return copy -> {
            ModelScorer onTrain = ModelScorer.of(copy, models, train);
            ModelScorer onTest = test == null ? null : ModelScorer.of(copy, models, test);
            return (i, j) -> {
                ProbeScore tr = ModelScorer.score(onTrain, i, j, train, classes);
                ProbeScore te = onTest == null ? null : ModelScorer.score(onTest, i, j, test, classes);
                grid.trainLoss()[i][j] = tr.loss();
                grid.trainAccuracy()[i][j] = tr.accuracy();
                if (te != null) {
                    grid.testLoss()[i][j] = te.loss();
                    grid.testAccuracy()[i][j] = te.accuracy();
                }
            };
        };
    }

    /** The largest power of two at most a third of the axis, so the first pass has at least 4 points per axis. */
    static int coarsestStride(int count) {
        int s = 1;
        while (s * 2 * 3 <= count - 1) s *= 2;
        return s;
    }

    /** Index i is in the pass with this stride: a multiple of it, or the last index (so the edges are always drawn). */
    static boolean onLevel(int i, int count, int stride) {
        return i % stride == 0 || i == count - 1;
    }
}
