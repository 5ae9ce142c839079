package org.predspace.ui;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which parameter snapshot stands in for a selected checkpoint. Runs keep parameters only at
 * some steps (the snapshot policy: all, sparse = first, middle and last, or none), while every
 * checkpoint has predictions, so a student can click a point whose network was not saved.
 * The nearest earlier snapshot is the network the clicked point grew from; only when there is
 * none earlier is the first later one used. Either way the panel says which step it shows.
 *
 * @param requested the selected checkpoint's step
 * @param step      the step whose parameters are used
 */
public record SnapshotChoice(long requested, long step) {
    /** The snapshot to use for {@code requested}, or empty when the run kept none. */
    public static Optional<SnapshotChoice> of(long requested, long[] parameterSteps) {
        if (parameterSteps.length == 0) return Optional.empty();
        long[] sorted = parameterSteps.clone();
        Arrays.sort(sorted);
        int i = Arrays.binarySearch(sorted, requested);
        if (i >= 0) return Optional.of(new SnapshotChoice(requested, requested));
        int insertion = -i - 1;
        long step = insertion > 0 ? sorted[insertion - 1] : sorted[0];
        return Optional.of(new SnapshotChoice(requested, step));
    }

    public boolean exact() { return step == requested; }

    /** What the panel says when another step stands in; empty when the step itself was saved. */
    public String note(String run) {
        if (exact()) return "";
        return run + ": step " + requested + " has no parameter snapshot, so its spectra are those of step " + step
                + ", the nearest " + (step < requested ? "earlier" : "later") + " step that has one.";
    }

    /** The plain message for a run that kept no parameters at all. */
    public static String noSnapshots(String run) {
        return run + " kept no parameter snapshots, so its spectra cannot be computed"
                + " (train it with parameter snapshots all or sparse).";
    }
}
