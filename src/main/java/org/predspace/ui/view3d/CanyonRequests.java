package org.predspace.ui.view3d;

import javafx.beans.value.ChangeListener;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import org.predspace.data.DatasetCatalog;
import org.predspace.geometry.inpca.Embedding;
import org.predspace.landscape.ModelGrid;
import org.predspace.platform.JobFailure;
import org.predspace.session.CanyonModels;
import org.predspace.session.ExplorerSession;
import org.predspace.session.OutOfSamplePoints;
import org.predspace.session.PictureFrame;
import org.predspace.session.PredictionPicture;
import org.predspace.platform.JobMonitor;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.MonitoredTask;
import org.predspace.ui.RunItem;
import org.predspace.ui.LandscapeOverlay;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CancellationException;

/**
 * Keeps the canyon of the model's landscape overlay ready to draw: scores the overlay's models
 * on the probe the picture shows and places them, in the background ({@link ExplorerModel#tasks},
 * with progress and cancel), cancels a computation a newer overlay or probe supersedes, and
 * places the models again whenever the picture's basis changes (their distance rows are kept, so
 * that costs little). A new mark on the same models needs no computation. JavaFX thread only.
 */
final class CanyonRequests {
    /** The overlay's models scored on one picture's probe, and placed in one of its bases (null until then). */
    record Canyon(LandscapeOverlay overlay, ExplorerSession.Probe probe, PredictionPicture picture,
                  CanyonModels.Scored scored, OutOfSamplePoints.Placement placement) {
        Canyon marked(LandscapeOverlay o) { return new Canyon(o, probe, picture, scored, placement); }

        Canyon placed(OutOfSamplePoints.Placement p) { return new Canyon(overlay, probe, picture, scored, p); }
    }

    private final ExplorerModel model;
    private final ChangeListener<Object> changed = (o, a, b) -> request();
    private Canyon canyon;
    private Task<Canyon> scoring;
    private Task<OutOfSamplePoints.Placement> placing;
    /** Counts changes to what is drawn, so the view redraws on each. */
    private long version;
    /** What the canyon is doing or why it is missing, in words; "" when there is nothing to say. */
    private String status = "";

    CanyonRequests(ExplorerModel model) {
        this.model = model;
        model.landscapeOverlayProperty().addListener(changed);
        model.probeProperty().addListener(changed);
        request();
    }

    void dispose() {
        model.landscapeOverlayProperty().removeListener(changed);
        model.probeProperty().removeListener(changed);
        cancelAll();
    }

    /** The canyon to draw, placed; null while there is none or it is not placed yet. */
    Canyon canyon() { return canyon == null || canyon.placement() == null ? null : canyon; }

    long version() { return version; }

    String status() { return status; }

    /** Whether a computation for the current overlay is under way (tests wait for it). */
    boolean busy() { return scoring != null || placing != null; }

    /** Starts what the overlay and the probe now ask for. */
    void request() {
        LandscapeOverlay overlay = model.landscapeOverlayProperty().get();
        ExplorerSession.Probe probe = model.probeProperty().get();
        version++;
        if (canyon != null && overlay != null && sameModels(canyon.overlay(), overlay) && canyon.probe() == probe) {
            canyon = canyon.marked(overlay);   // only the marked cell changed
            return;
        }
        cancelAll();
        canyon = null;
        status = "";
        if (overlay == null) return;
        if (probe == ExplorerSession.Probe.IMPRINTED) {
            // a network's own head scores a landscape's models, which the imprinted predictions are not:
            // nothing to draw, and no task that can only fail (the view bar's Landscape switch is off here and says why)
            return;
        }
        RunItem run = model.run(overlay.run());
        Path dir = run == null ? null : run.state().dir();
        if (dir == null) {
            status = "The landscape of " + overlay.run() + " cannot be drawn: the run is not open from a folder.";
            return;
        }
        PredictionPicture picture = model.picture();
        String what = overlay.models().isLine() ? "line" : "plane";
        status = "Placing the " + what + " (" + overlay.models().rows() * overlay.models().columns() + " models) in the "
                + picture.title() + " picture…";
        Task<Canyon> task = new Scoring(overlay, probe, picture, dir, model.catalog());
        scoring = task;
        model.tasks().submit(task, done -> {
            if (scoring != task) return;
            scoring = null;
            canyon = done;
            status = "";
            version++;
        });
        whenFailed(task);
    }

    /** Each pulse: places the canyon again when the frame has another basis than the one it was placed in. */
    void follow(PictureFrame frame) {
        Canyon c = canyon;
        if (c == null || placing != null || frame.embedding() == null || c.picture() != model.picture()) return;
        Embedding basis = frame.embedding().basis();
        if (basis == null || (c.placement() != null && c.placement().basis() == basis)) return;
        Task<OutOfSamplePoints.Placement> task = new Task<>() {
            @Override
            protected OutOfSamplePoints.Placement call() {
                updateTitle("Placing the landscape in the new picture");
                return c.picture().place(c.scored().points(), this::isCancelled);
            }
        };
        placing = task;
        model.tasks().submit(task, p -> {
            if (placing != task) return;
            placing = null;
            if (canyon != null && canyon.scored() == c.scored() && p != null) {
                canyon = canyon.placed(p);
                version++;
            }
        });
        whenFailed(task);
    }

    /** BackgroundTasks owns the task's handlers (it reports the failure); this only listens. */
    private void whenFailed(Task<?> task) {
        task.stateProperty().addListener((o, was, state) -> {
            if (state == Worker.State.FAILED) failed(task, task.getException());
        });
    }

    /** The failure in plain words where the canyon would be (BackgroundTasks also reports it). */
    private void failed(Task<?> task, Throwable t) {
        if (task == scoring) scoring = null;
        if (task == placing) placing = null;
        if (t instanceof CancellationException) return;
        status = "The landscape could not be drawn: " + (t == null ? "unknown error" : JobFailure.describe(t));
        version++;
    }

    private void cancelAll() {
        if (scoring != null) scoring.cancel();
        if (placing != null) placing.cancel();
        scoring = null;
        placing = null;
    }

    /**
     * Whether two overlays hold the same models: the same run, step, origin, directions and grid
     * values. Their losses may differ (a panel refining a plane pass by pass hands over the same
     * models with more losses filled in), and the canyon is coloured by its own scores anyway.
     */
    static boolean sameModels(LandscapeOverlay a, LandscapeOverlay b) {
        ModelGrid x = a.models(), y = b.models();
        return a.run().equals(b.run()) && a.step() == b.step() && (x == y
                || (Arrays.equals(x.xs(), y.xs()) && Arrays.equals(x.ys(), y.ys()) && Arrays.equals(x.origin(), y.origin())
                && Arrays.equals(x.xDirection(), y.xDirection()) && Arrays.equals(x.yDirection(), y.yDirection())));
    }

    /** Scores and places the overlay's models; a cancel reaches the scoring between two models. */
    private static final class Scoring extends MonitoredTask<Canyon> {
        private final LandscapeOverlay overlay;
        private final ExplorerSession.Probe probe;
        private final PredictionPicture picture;
        private final Path dir;
        private final DatasetCatalog catalog;

        Scoring(LandscapeOverlay overlay, ExplorerSession.Probe probe, PredictionPicture picture, Path dir, DatasetCatalog catalog) {
            super("Landscape in the " + picture.title() + " picture: " + overlay.title());
            this.overlay = overlay;
            this.probe = probe;
            this.picture = picture;
            this.dir = dir;
            this.catalog = catalog;
        }

        @Override
        protected Canyon work(JobMonitor monitor) throws Exception {
            // scoring is nine tenths of the task, placing the rest
            CanyonModels.Scored scored = CanyonModels.score(picture, probe, dir, overlay.step(), overlay.models(),
                    catalog, monitor.stage(0, 0.9));
            updateMessage("placing " + scored.points().size() + " models");
            OutOfSamplePoints.Placement placement = picture.place(scored.points(), this::isCancelled);
            updateProgress(1, 1);
            return new Canyon(overlay, probe, picture, scored, placement);
        }
    }
}
