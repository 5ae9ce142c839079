package org.predspace.ui.spectrum;

import org.predspace.runs.CheckpointMetrics;
import org.predspace.session.CheckpointRef;

import java.util.List;
import org.predspace.ui.SnapshotChoice;

/**
 * "Initialisation vs this checkpoint": the run's first parameter snapshot (its initialisation
 * when saved at step 0, as PredSpace runs are) and the checkpoint to compare with it, the
 * selected one or, with only a run selected, its last one with a snapshot. When there is no
 * such pair, {@code reason} says why in plain words and both checkpoints are null.
 */
record InitialComparison(CheckpointRef initial, CheckpointRef target, String reason) {
    static final String NOTHING_SELECTED = "Select a checkpoint (or a run) to compare its spectra with those of its initialisation.";

    /**
     * @param run      the selected checkpoint's run, else the selected run; null for none
     * @param selected the selected checkpoint, or null
     * @param metrics  the run's checkpoints in order (their index is the checkpoint's)
     * @param saved    the steps with a parameter snapshot, ascending
     */
    static InitialComparison of(String run, CheckpointRef selected, List<CheckpointMetrics> metrics, long[] saved) {
        if (run == null) return refused(NOTHING_SELECTED);
        if (metrics.isEmpty()) return refused(run + ": its checkpoints are still being read.");
        if (saved.length == 0) return refused(SnapshotChoice.noSnapshots(run));
        long first = saved[0];
        if (saved.length == 1) {
            return refused(run + " kept parameters only at step " + first + ", so there is no later checkpoint to compare with it.");
        }
        CheckpointRef initial = ref(run, metrics, first);
        CheckpointRef target;
        if (selected != null && selected.run().equals(run)) {
            long used = SnapshotChoice.of(selected.step(), saved).orElseThrow().step();
            if (used == first) {
                return refused("The selected checkpoint (step " + selected.step() + ") is drawn with the parameters of step "
                        + first + ", the first snapshot: select a later checkpoint.");
            }
            target = selected;
        } else {
            target = ref(run, metrics, saved[saved.length - 1]);
        }
        if (initial == null || target == null) return refused(run + ": its checkpoints are still being read.");
        return new InitialComparison(initial, target, null);
    }

    boolean possible() { return reason == null; }

    /** The button's tooltip: what a click does, or why it cannot. */
    String tooltip() {
        if (!possible()) return reason;
        return "Overlay the spectra of " + initial.run() + " at step " + initial.step() + " (" + name(initial)
                + ", pinned) and at step " + target.step() + ", computed both if needed";
    }

    /** How the legend names the first snapshot: the initialisation when it is step 0. */
    static String name(CheckpointRef initial) { return initial.step() == 0 ? "initialisation" : "first snapshot"; }

    private static InitialComparison refused(String reason) { return new InitialComparison(null, null, reason); }

    /** The checkpoint of {@code run} at {@code step}, found by step (metrics lines are one per checkpoint, in order). */
    private static CheckpointRef ref(String run, List<CheckpointMetrics> metrics, long step) {
        for (int i = 0; i < metrics.size(); i++) {
            if (metrics.get(i).step() == step) return new CheckpointRef(run, i, step);
        }
        return null;
    }
}
