package org.predspace.ui.landscape;

import org.predspace.landscape.PlaneSlice;

/**
 * A plane's grid: the trajectory plane of a run (its origin the last snapshot, {@code originStep})
 * or two seeded filter-normalised directions at {@code originStep}; {@code grid} x {@code grid}
 * models, each scored on {@code samples} train probe samples. The key of a cached plane.
 */
record PlaneRequest(String run, long originStep, PlaneSlice.Kind kind, long seed, int grid, int samples) {
    String describe() {
        return (kind == PlaneSlice.Kind.TRAJECTORY ? "trajectory plane of " + run
                : "random plane (seed " + seed + ") of " + run + " at step " + originStep)
                + ", " + grid + " \u00d7 " + grid + " on " + samples + " samples";
    }
}
