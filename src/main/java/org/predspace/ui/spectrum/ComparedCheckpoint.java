package org.predspace.ui.spectrum;

import org.predspace.session.CheckpointRef;
import org.predspace.ui.SnapshotChoice;

/**
 * One checkpoint in the comparison: a pinned one or the current selection, with how it is drawn.
 *
 * @param initial whether this is its run's first parameter snapshot (see {@link InitialComparison})
 */
record ComparedCheckpoint(CheckpointRef ref, boolean pinned, boolean initial, SeriesStyle style) {
    /** The series and legend name: run and step, and which step's parameters stood in if another. */
    String label(SnapshotChoice choice) {
        String base = ref.run() + " · step " + ref.step();
        if (choice != null && !choice.exact()) base += " (parameters of step " + choice.step() + ")";
        if (initial) base += " · " + InitialComparison.name(ref);
        return pinned ? base + " · pinned" : base;
    }
}
