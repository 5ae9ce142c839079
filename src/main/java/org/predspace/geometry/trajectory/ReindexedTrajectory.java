package org.predspace.geometry.trajectory;

import org.predspace.geometry.distance.SqrtProbabilities;

/**
 * A run resampled at the values of a {@link ProgressGrid} that it covers (see
 * {@link Trajectory#reindex}). The covered indices form one contiguous range. Immutable.
 */
public final class ReindexedTrajectory {
    private final String run;
    private final ProgressGrid grid;
    private final SqrtProbabilities[] points;
    /** The run itself, for progress values between grid values (see TrajectoryComparison); null if not known. */
    private final Trajectory source;

    ReindexedTrajectory(String run, ProgressGrid grid, SqrtProbabilities[] points) {
        this(run, grid, points, null);
    }

    ReindexedTrajectory(String run, ProgressGrid grid, SqrtProbabilities[] points, Trajectory source) {
        this.run = run;
        this.grid = grid;
        this.points = points;
        this.source = source;
    }

    /** The run this was re-indexed from, or null. */
    Trajectory source() { return source; }

    public String run() { return run; }

    public ProgressGrid grid() { return grid; }

    public boolean covers(int gridIndex) { return points[gridIndex] != null; }

    /** The point with progress grid.value(gridIndex). */
    public SqrtProbabilities at(int gridIndex) {
        if (points[gridIndex] == null) {
            throw new IllegalArgumentException("run " + run + " does not reach progress " + grid.value(gridIndex));
        }
        return points[gridIndex];
    }

    /** Number of grid values covered. */
    public int coverage() {
        int n = 0;
        for (SqrtProbabilities p : points) if (p != null) n++;
        return n;
    }
}
