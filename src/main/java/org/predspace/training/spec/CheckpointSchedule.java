package org.predspace.training.spec;

import java.util.Arrays;

/**
 * The optimisation steps at which a run is checkpointed. Early training moves fastest
 * through prediction space (docs/science.md §9), so steps are log-spaced: dense early, sparse
 * late, always including step 0 (the initialisation) and the last step.
 */
public final class CheckpointSchedule {
    private final long[] steps;

    private CheckpointSchedule(long[] steps) { this.steps = steps; }

    /**
     * About {@code target} log-spaced steps in [0, totalSteps]. When the run has fewer steps
     * than that, every step is a checkpoint. The result is strictly increasing: where the log
     * grid rounds two points onto one step, the later point is pushed to the next step, so the
     * count is exactly min(target, totalSteps + 1).
     */
    public static CheckpointSchedule logSpaced(long totalSteps, int target) {
        if (totalSteps < 1) throw new IllegalArgumentException("a run needs at least one step, got " + totalSteps);
        if (target < 2) throw new IllegalArgumentException("need at least 2 checkpoints, got " + target);
        if (totalSteps + 1 <= target) {
            long[] all = new long[(int) totalSteps + 1];
            for (int i = 0; i < all.length; i++) all[i] = i;
            return new CheckpointSchedule(all);
        }
        long[] s = new long[target];
        s[0] = 0;
        // points 1..target-1 on a geometric grid from step 1 to totalSteps
        double logMax = Math.log(totalSteps);
        for (int i = 1; i < target; i++) {
            double x = Math.exp(logMax * (i - 1) / (target - 2));
            s[i] = Math.max(Math.round(x), s[i - 1] + 1);
        }
        // pushing points forward may overrun the end; pull the tail back so the last is totalSteps
        s[target - 1] = totalSteps;
        for (int i = target - 2; i > 0 && s[i] >= s[i + 1]; i--) s[i] = s[i + 1] - 1;
        return new CheckpointSchedule(s);
    }

    /** An explicit list, e.g. from a configuration; must start at 0 and increase strictly. */
    public static CheckpointSchedule of(long... steps) {
        if (steps.length == 0 || steps[0] != 0) throw new IllegalArgumentException("a schedule starts at step 0");
        for (int i = 1; i < steps.length; i++) {
            if (steps[i] <= steps[i - 1]) throw new IllegalArgumentException("schedule steps must increase strictly");
        }
        return new CheckpointSchedule(steps.clone());
    }

    public int size() { return steps.length; }
    public long step(int i) { return steps[i]; }
    public long lastStep() { return steps[steps.length - 1]; }
    public long[] steps() { return steps.clone(); }

    /** Whether {@code step} is a checkpoint (binary search: called once per step). */
    public boolean contains(long step) { return Arrays.binarySearch(steps, step) >= 0; }

    public int indexOf(long step) { return Arrays.binarySearch(steps, step); }
}
