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

    /** The top-2 principal plane of the run's snapshots, through the last one. */
    public static PlaneSlice trajectory(Run run) throws RunFormatException {
        RunTrajectoryPlane plane = RunTrajectoryPlane.of(run);
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
