package org.predspace.landscape;

import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;

/**
 * The trajectory plane of a saved run: every step with a parameter snapshot, in training order,
 * the last one the origin. Snapshots are read from disk, so a live run's training is not touched.
 */
public record RunTrajectoryPlane(long[] steps, TrajectoryPlane plane) {
    public RunTrajectoryPlane {
        steps = steps.clone();
        if (steps.length != plane.checkpointCount()) {
            throw new IllegalArgumentException(steps.length + " steps for a plane of " + plane.checkpointCount() + " checkpoints");
        }
    }

    public static RunTrajectoryPlane of(Run run) throws RunFormatException {
        return of(run, new int[0]);
    }

    /**
     * As above, with the entries at {@code fixed} left out of the differences theta_i - theta_T:
     * a batch-norm network's running statistics (ParameterLayout.batchNormStatistics), which
     * are recomputed at every model of the plane anyway, so moving along them would change
     * nothing, yet their drift would take a share of the principal directions and of the
     * variance explained.
     */
    public static RunTrajectoryPlane of(Run run, int[] fixed) throws RunFormatException {
        long[] steps = run.parameterSteps();
        if (steps.length < 3) {
            throw new IllegalArgumentException("run " + run.name() + " has " + steps.length + " parameter snapshot"
                    + (steps.length == 1 ? "" : "s") + "; a trajectory plane needs at least 3 (train with --snapshots all or sparse)");
        }
        double[][] snapshots = snapshots(run, steps);
        double[] last = snapshots[snapshots.length - 1];
        for (double[] s : snapshots) for (int i : fixed) s[i] = last[i];
        return new RunTrajectoryPlane(steps, TrajectoryPlane.of(snapshots));
    }

    /** The snapshots at {@code steps} in double precision, all of one length. */
    static double[][] snapshots(Run run, long[] steps) throws RunFormatException {
        double[][] snapshots = new double[steps.length][];
        for (int i = 0; i < steps.length; i++) {
            float[] p = run.parameters(steps[i]);
            if (i > 0 && p.length != snapshots[0].length) {
                throw new RunFormatException("run " + run.name() + ": the snapshot at step " + steps[i] + " has " + p.length
                        + " parameters, the one at step " + steps[0] + " has " + snapshots[0].length);
            }
            snapshots[i] = new double[p.length];
            for (int j = 0; j < p.length; j++) snapshots[i][j] = p[j];
        }
        return snapshots;
    }

    @Override public long[] steps() { return steps.clone(); }
}
