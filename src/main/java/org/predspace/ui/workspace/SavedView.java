package org.predspace.ui.workspace;

import org.predspace.session.ExplorerSession;
import org.predspace.ui.Colouring;
import org.predspace.ui.CameraPose;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A saved view ("scene") of the picture, for recalling in a lecture with one key: where the
 * camera stands, which runs are hidden, what colour means, which picture and axes, and the
 * playback time. Hidden rather than visible runs are kept, so a run opened after the view was
 * saved still shows when it is recalled.
 *
 * @param axes         the three drawn axes, 0-based indices into the leading InPCA axes
 * @param shownUpToStep checkpoints after this step are not drawn; {@link Long#MAX_VALUE} draws all
 */
public record SavedView(String name, CameraPose pose, Colouring colouring, ExplorerSession.Probe probe, int[] axes,
                        long shownUpToStep, boolean trajectoriesShown, Set<String> hiddenRuns) {
    public SavedView {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a saved view needs a name");
        if (axes.length != 3) throw new IllegalArgumentException("a saved view draws 3 axes, not " + axes.length);
        axes = axes.clone();
        hiddenRuns = Set.copyOf(hiddenRuns);
    }

    @Override
    public int[] axes() { return axes.clone(); }

    public SavedView named(String newName) {
        return new SavedView(newName, pose, colouring, probe, axes, shownUpToStep, trajectoriesShown, hiddenRuns);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SavedView v && name.equals(v.name) && pose.equals(v.pose) && colouring == v.colouring
                && probe == v.probe && Arrays.equals(axes, v.axes) && shownUpToStep == v.shownUpToStep
                && trajectoriesShown == v.trajectoriesShown && hiddenRuns.equals(v.hiddenRuns);
    }

    @Override
    public int hashCode() { return Objects.hash(name, pose, colouring, probe, Arrays.hashCode(axes), shownUpToStep); }

    @Override
    public String toString() { return name; }
}
