package org.predspace.ui.workspace;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.LearningRule;
import org.predspace.session.PictureFrame;
import org.predspace.session.PredictionPicture;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.RunItem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a {@link Workspace} out of and into a main window: which runs are open and shown, the
 * model's drawing settings, the camera, the selection, the saved views, the chapters and the layout.
 * Restoring opens the run folders in the background; what belongs to a run (visibility,
 * selection, pins) is applied as each run arrives. A missing folder is reported by name and
 * the rest still opens.
 */
public final class WorkspaceBinding {
    private final WindowLayout window;
    private final ExplorerModel model;

    public WorkspaceBinding(WindowLayout window, ExplorerModel model) {
        this.window = window;
        this.model = model;
    }

    /** The window as it is now. Runs without a folder (none yet) are left out. */
    public Workspace capture() {
        List<Workspace.RunEntry> runs = new ArrayList<>();
        for (RunItem r : model.runs()) {
            if (r.state().dir() != null) runs.add(new Workspace.RunEntry(r.state().dir().toAbsolutePath().normalize(), r.isVisible()));
        }
        Workspace.Drawing drawing = new Workspace.Drawing(model.probeProperty().get(), model.colouringProperty().get(), model.axes(),
                model.pointSizeProperty().get(), model.trajectoriesShownProperty().get(), model.darkThemeProperty().get(),
                model.shownUpToStepProperty().get(), model.learningRuleProperty().get().threshold(),
                model.notLearnedHiddenProperty().get());
        Tab tab = window.panels().getSelectionModel().getSelectedItem();
        Stage stage = window.stage();
        Workspace.Layout layout = new Workspace.Layout(window.split().getDividerPositions(), tab == null ? null : tab.getText(),
                stage.getWidth(), stage.getHeight());
        RunItem selected = model.selectedRun();
        Map<ExplorerSession.Probe, Map<PredictionPicture.PointKey, List<Double>>> orientation = new EnumMap<>(ExplorerSession.Probe.class);
        for (ExplorerSession.Probe p : ExplorerSession.Probe.values()) {
            Map<PredictionPicture.PointKey, List<Double>> points = orientationOf(model.session().picture(p).frame());
            if (!points.isEmpty()) orientation.put(p, points);
        }
        return new Workspace(runs, drawing, model.camera(), model.selectedCheckpoint(),
                selected == null ? null : selected.name(), List.copyOf(model.pinned()), List.copyOf(model.savedViews()), layout,
                orientation, List.copyOf(model.chapters()));
    }

    /** The anchors and a few checkpoints of each run, spread over its trajectory, with their coordinates. */
    static Map<PredictionPicture.PointKey, List<Double>> orientationOf(PictureFrame frame) {
        Map<String, List<Integer>> byRun = new LinkedHashMap<>();
        for (int i = 0; i < frame.size(); i++) byRun.computeIfAbsent(frame.point(i).run(), r -> new ArrayList<>()).add(i);
        Map<PredictionPicture.PointKey, List<Double>> out = new LinkedHashMap<>();
        for (List<Integer> indices : byRun.values()) {
            int n = indices.size(), keep = Math.min(n, Workspace.ORIENTATION_POINTS_PER_RUN);
            for (int j = 0; j < keep; j++) {
                int i = indices.get(keep == 1 ? n - 1 : (int) Math.round(j * (n - 1.0) / (keep - 1)));
                List<Double> x = new ArrayList<>();
                for (int a = 0; a < frame.axes(); a++) x.add(frame.coordinate(i, a));
                out.put(PredictionPicture.PointKey.of(frame.point(i)), x);
            }
        }
        return out;
    }

    /**
     * Restores {@code w} into this window (whose model should hold no runs yet). {@code source}
     * names the workspace in messages.
     */
    public void restore(Workspace w, Path source) {
        Workspace.Drawing d = w.drawing();
        model.showProbe(d.probe());
        model.colourBy(d.colouring());
        model.setAxes(d.axes());
        model.setPointSize(d.pointSize());
        model.showTrajectories(d.trajectoriesShown());
        model.useDarkTheme(d.darkTheme());
        model.showUpToStep(d.shownUpToStep());
        model.setLearningRule(new LearningRule(d.learnThreshold()));
        model.hideNotLearned(d.notLearnedHidden());
        model.setViews(w.views());
        model.setChapters(w.chapters());
        model.setCamera(w.camera());
        restoreLayout(w.layout());

        Map<Path, Boolean> visibility = new HashMap<>();
        List<Path> present = new ArrayList<>();
        for (Workspace.RunEntry r : w.runs()) {
            if (Files.isDirectory(r.dir())) {
                present.add(r.dir());
                visibility.put(r.dir(), r.visible());
            } else {
                model.reportProblem("Workspace " + source.getFileName() + ": run folder " + r.dir()
                        + " is missing (moved or deleted?); the other runs open without it");
            }
        }
        // before any run arrives: the pictures are then built turned as they were saved
        w.orientation().forEach((probe, points) -> {
            Map<PredictionPicture.PointKey, double[]> reference = new HashMap<>();
            points.forEach((k, x) -> reference.put(k, x.stream().mapToDouble(Double::doubleValue).toArray()));
            model.session().picture(probe).orientBy(reference);
        });
        new RunArrivals(w, visibility).watch();
        model.openRuns(present);
    }

    private void restoreLayout(Workspace.Layout l) {
        for (Tab t : window.panels().getTabs()) {
            if (t.getText().equals(l.panel())) window.panels().getSelectionModel().select(t);
        }
        Stage stage = window.stage();
        if (l.width() >= 400 && l.height() >= 300 && !stage.isFullScreen()) {
            stage.setWidth(l.width());
            stage.setHeight(l.height());
        }
        SplitPane split = window.split();
        if (l.dividers().length != split.getDividers().size()) return;
        split.setDividerPositions(l.dividers());
        // the window system resizes the window later, and a resize moves the dividers (the library
        // keeps its width): set them again after that first resize, if it comes within a second
        ChangeListener<Number> again = new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Number> o, Number a, Number b) {
                split.widthProperty().removeListener(this);
                Platform.runLater(() -> split.setDividerPositions(l.dividers()));
            }
        };
        split.widthProperty().addListener(again);
        PauseTransition limit = new PauseTransition(Duration.seconds(1));
        limit.setOnFinished(e -> split.widthProperty().removeListener(again));
        limit.play();
    }

    /** Applies the per-run parts of a workspace as the runs open, then stops listening. */
    private final class RunArrivals implements ListChangeListener<RunItem> {
        private final Workspace w;
        private final Map<Path, Boolean> visibility;
        private boolean selectionDone;
        private final List<CheckpointRef> pinsLeft;

        RunArrivals(Workspace w, Map<Path, Boolean> visibility) {
            this.w = w;
            this.visibility = new HashMap<>(visibility);
            this.pinsLeft = new ArrayList<>(w.pinned());
            selectionDone = w.selectedCheckpoint() == null && w.selectedRun() == null;
        }

        void watch() {
            model.runs().addListener(this);
            model.runs().forEach(this::arrived);
            stopIfDone();
        }

        @Override
        public void onChanged(Change<? extends RunItem> c) {
            while (c.next()) c.getAddedSubList().forEach(this::arrived);
            stopIfDone();
        }

        private void arrived(RunItem r) {
            Path dir = r.state().dir() == null ? null : r.state().dir().toAbsolutePath().normalize();
            Boolean visible = dir == null ? null : visibility.remove(dir);
            if (visible != null) model.showRun(r, visible);
            if (!selectionDone) {
                CheckpointRef c = w.selectedCheckpoint();
                if (c != null && c.run().equals(r.name())) {
                    model.selectCheckpoint(c);
                    selectionDone = true;
                } else if (c == null && r.name().equals(w.selectedRun())) {
                    model.selectRun(r);
                    selectionDone = true;
                }
            }
            for (var it = pinsLeft.iterator(); it.hasNext(); ) {
                CheckpointRef p = it.next();
                if (p.run().equals(r.name())) {
                    model.pin(p);
                    it.remove();
                }
            }
        }

        /**
         * Listening ends once every folder's run has arrived. A folder that fails to open keeps
         * it listening, harmlessly: only that folder's path still matches anything.
         */
        private void stopIfDone() {
            if (visibility.isEmpty()) model.runs().removeListener(this);
        }
    }
}
