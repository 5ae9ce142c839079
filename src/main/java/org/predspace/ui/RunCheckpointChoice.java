package org.predspace.ui;


import java.util.Arrays;

/**
 * Which checkpoint a run selected as a whole (a row of the run table) stands for: its last one,
 * so every panel has a checkpoint to show. When the panel in front needs parameters (the
 * Spectrum panel), the checkpoint whose parameter snapshot that panel would use for the last
 * one ({@link SnapshotChoice}: the nearest earlier snapshot, else the first later one), so the
 * spectra shown are those of the selected point itself rather than of a stand-in.
 */
public final class RunCheckpointChoice {
    private RunCheckpointChoice() {}

    /**
     * @param steps            the run's checkpoint steps, ascending (index = checkpoint number)
     * @param parameterSteps   the steps that have a parameter snapshot
     * @param parametersWanted whether the panel in front needs parameters
     * @return the checkpoint's index, or -1 when the run has no checkpoint yet
     */
    public static int of(long[] steps, long[] parameterSteps, boolean parametersWanted) {
        int last = steps.length - 1;
        if (last < 0 || !parametersWanted) return last;
        long step = SnapshotChoice.of(steps[last], parameterSteps).map(SnapshotChoice::step).orElse(steps[last]);
        int at = Arrays.binarySearch(steps, step);
        // a snapshot of no committed checkpoint cannot be selected (SnapshotChoice is given committed ones)
        return at >= 0 ? at : last;
    }
}
