package org.predspace.ui.chapters;

import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.ui.Colouring;
import org.predspace.ui.CameraPose;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.predspace.ui.PanelOption;

/**
 * One chapter of a lecture tour: a claim of the talk with its evidence. The view says which
 * runs are shown and how the picture is drawn (camera, colouring, probe, axes, time, paths),
 * which panel is in front and in which mode, and what is selected; the caption says in two or
 * three sentences what to look at and why, and the reference names the paper the claim comes
 * from. Chapters are data: a JSON file beside the runs (docs/chapters.md) or in a workspace.
 *
 * @param shownRuns     the runs drawn; empty draws every open run
 * @param shownUpToStep checkpoints after this step are not drawn; {@link Long#MAX_VALUE} draws all
 * @param panels        titles of the panels the evidence is in ("Compare", "Dimensions", ...), at most two:
 *                      the first is brought to the front; presentation mode shows them beside the picture
 * @param options       modes of the panels the chapter needs (for example the Compare panel's configurations)
 * @param selected      the checkpoint selected when the chapter is shown, or null
 * @param play          whether playback starts from the first step when the chapter is shown
 */
public record Chapter(String title, String caption, String reference, CameraPose pose, Colouring colouring,
                      ExplorerSession.Probe probe, int[] axes, long shownUpToStep, boolean trajectoriesShown,
                      List<String> shownRuns, List<String> panels, Set<PanelOption> options, CheckpointRef selected,
                      boolean play) {
    public static final int MAX_PANELS = 2;

    public Chapter {
        if (title == null || title.isBlank()) throw new IllegalArgumentException("a chapter needs a title");
        caption = caption == null ? "" : caption;
        reference = reference == null ? "" : reference;
        if (pose == null) throw new IllegalArgumentException("chapter \"" + title + "\" has no camera pose");
        if (colouring == null || probe == null) throw new IllegalArgumentException("chapter \"" + title + "\" needs a colouring and a probe");
        if (axes == null || axes.length != 3) throw new IllegalArgumentException("chapter \"" + title + "\" draws 3 axes");
        axes = axes.clone();
        shownRuns = List.copyOf(shownRuns == null ? List.of() : shownRuns);
        panels = List.copyOf(panels == null ? List.of() : panels);
        if (panels.size() > MAX_PANELS) throw new IllegalArgumentException("chapter \"" + title + "\" names "
                + panels.size() + " panels; at most " + MAX_PANELS + " fit beside the picture");
        options = Set.copyOf(options == null ? Set.of() : options);
    }

    @Override
    public int[] axes() { return axes.clone(); }

    public Chapter withTitle(String t) {
        return new Chapter(t, caption, reference, pose, colouring, probe, axes, shownUpToStep, trajectoriesShown, shownRuns,
                panels, options, selected, play);
    }

    public Chapter withCaption(String c) {
        return new Chapter(title, c, reference, pose, colouring, probe, axes, shownUpToStep, trajectoriesShown, shownRuns,
                panels, options, selected, play);
    }

    public Chapter withReference(String r) {
        return new Chapter(title, caption, r, pose, colouring, probe, axes, shownUpToStep, trajectoriesShown, shownRuns,
                panels, options, selected, play);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chapter c && title.equals(c.title) && caption.equals(c.caption) && reference.equals(c.reference)
                && pose.equals(c.pose) && colouring == c.colouring && probe == c.probe && Arrays.equals(axes, c.axes)
                && shownUpToStep == c.shownUpToStep && trajectoriesShown == c.trajectoriesShown && shownRuns.equals(c.shownRuns)
                && panels.equals(c.panels) && options.equals(c.options)
                && Objects.equals(selected, c.selected) && play == c.play;
    }

    @Override
    public int hashCode() { return Objects.hash(title, caption, pose, shownRuns, panels); }

    @Override
    public String toString() { return title; }
}
