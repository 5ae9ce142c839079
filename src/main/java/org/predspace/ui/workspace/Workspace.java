package org.predspace.ui.workspace;

import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.LearningRule;
import org.predspace.ui.Colouring;
import org.predspace.ui.CameraPose;

import org.predspace.session.PredictionPicture;
import org.predspace.ui.chapters.Chapter;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to reopen the same picture: the run folders (and which are shown), how the
 * picture is drawn, the camera, the selection, the saved views, the window's layout, and the
 * coordinates of a few points of each picture (its orientation), so that reopening shows the
 * same picture rather than a mirror image of it, and the lecture's chapters. A plain value; {@link WorkspaceFile} reads and
 * writes it as JSON.
 */
public record Workspace(List<RunEntry> runs, Drawing drawing, CameraPose camera, CheckpointRef selectedCheckpoint,
                        String selectedRun, List<CheckpointRef> pinned, List<SavedView> views, Layout layout,
                        Map<ExplorerSession.Probe, Map<PredictionPicture.PointKey, List<Double>>> orientation,
                        List<Chapter> chapters) {
    public Workspace {
        runs = List.copyOf(runs);
        chapters = List.copyOf(chapters);
        pinned = List.copyOf(pinned);
        views = List.copyOf(views);
        Map<ExplorerSession.Probe, Map<PredictionPicture.PointKey, List<Double>>> o = new EnumMap<>(ExplorerSession.Probe.class);
        orientation.forEach((probe, points) -> {
            Map<PredictionPicture.PointKey, List<Double>> copy = new LinkedHashMap<>();
            points.forEach((k, x) -> copy.put(k, List.copyOf(x)));
            o.put(probe, Collections.unmodifiableMap(copy));
        });
        orientation = Collections.unmodifiableMap(o);
    }

    /**
     * How many checkpoints per run, at most, keep their coordinates in {@link #orientation}: enough
     * to fix the axes' signs and turns when the workspace reopens, few enough to keep the file small.
     */
    public static final int ORIENTATION_POINTS_PER_RUN = 6;

    /** A run folder of the workspace and whether its trajectory is drawn. */
    public record RunEntry(Path dir, boolean visible) {}

    /**
     * How the picture is drawn (the model's drawing settings), with the did-not-learn threshold
     * and whether such runs are hidden.
     */
    public record Drawing(ExplorerSession.Probe probe, Colouring colouring, int[] axes, double pointSize,
                          boolean trajectoriesShown, boolean darkTheme, long shownUpToStep, double learnThreshold,
                          boolean notLearnedHidden) {
        public Drawing {
            if (axes.length != 3) throw new IllegalArgumentException("3 axes, not " + axes.length);
            axes = axes.clone();
            String problem = LearningRule.problem(learnThreshold);
            if (problem != null) throw new IllegalArgumentException(problem);
        }

        /** With the default threshold, runs that did not learn shown. */
        public Drawing(ExplorerSession.Probe probe, Colouring colouring, int[] axes, double pointSize,
                       boolean trajectoriesShown, boolean darkTheme, long shownUpToStep) {
            this(probe, colouring, axes, pointSize, trajectoriesShown, darkTheme, shownUpToStep,
                    LearningRule.DEFAULT_THRESHOLD, false);
        }

        @Override
        public int[] axes() { return axes.clone(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Drawing d && probe == d.probe && colouring == d.colouring && Arrays.equals(axes, d.axes)
                    && pointSize == d.pointSize && trajectoriesShown == d.trajectoriesShown && darkTheme == d.darkTheme
                    && shownUpToStep == d.shownUpToStep && learnThreshold == d.learnThreshold
                    && notLearnedHidden == d.notLearnedHidden;
        }

        @Override
        public int hashCode() { return Objects.hash(probe, colouring, Arrays.hashCode(axes), pointSize, shownUpToStep); }
    }

    /**
     * The window's arrangement: the split between library, picture and panels, the open panel
     * tab, and the window size (0 when unknown).
     */
    public record Layout(double[] dividers, String panel, double width, double height) {
        public Layout {
            dividers = dividers.clone();
        }

        @Override
        public double[] dividers() { return dividers.clone(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Layout l && Arrays.equals(dividers, l.dividers) && Objects.equals(panel, l.panel)
                    && width == l.width && height == l.height;
        }

        @Override
        public int hashCode() { return Objects.hash(Arrays.hashCode(dividers), panel, width, height); }
    }
}
