package org.predspace.landscape;

import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.spectra.RunCheckpoint;

import java.util.Arrays;

/**
 * The planes of a saved run (docs/science.md §8), with every snapshot of the run placed on them:
 * the trajectory plane around its last snapshot, or two seeded filter-normalised directions
 * around any checkpoint with a snapshot.
 */
public final class RunPlane {
    private RunPlane() {}

    /**
     * The top-2 principal plane of the run's snapshots, through the last one, which is
     * {@code last}'s (it gives the network's layout): a batch-norm network's running statistics
     * are left out of the differences (RunTrajectoryPlane.of).
     */
    public static PlaneSlice trajectory(RunCheckpoint last) throws RunFormatException {
        Run run = last.run();
        long[] saved = run.parameterSteps();
        if (saved.length == 0 || last.step() != saved[saved.length - 1]) {
            throw new IllegalArgumentException("the trajectory plane lies around the run's last snapshot, not step " + last.step());
        }
        ParameterLayout layout = ParameterLayout.of(last.spec(), last.inputShape(), last.classes());
        RunTrajectoryPlane plane = RunTrajectoryPlane.of(run, layout.batchNormStatistics());
        long[] steps = plane.steps();
        return PlaneSlice.trajectory(plane, RunTrajectoryPlane.snapshots(run, new long[] {steps[steps.length - 1]})[0]);
    }

    /** Directions drawn with seeds {@code seed} and {@code seed + 1} at {@code at}'s weights. */
    public static PlaneSlice filterNormalized(RunCheckpoint at, long seed) throws RunFormatException {
        Run run = at.run();
        long[] steps = run.parameterSteps();
        double[][] snapshots = RunTrajectoryPlane.snapshots(run, steps);
        double[] origin = snapshots[Arrays.binarySearch(steps, at.step())];   // open() has checked it has a snapshot
        ParameterLayout layout = ParameterLayout.of(at.spec(), at.inputShape(), at.classes());
        return PlaneSlice.filterNormalized(layout, origin, seed, steps, snapshots);
    }
}
