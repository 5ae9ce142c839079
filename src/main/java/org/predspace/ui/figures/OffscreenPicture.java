package org.predspace.ui.figures;

import javafx.animation.AnimationTimer;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Scale;
import org.predspace.platform.JobFailure;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.MainWindow;
import org.predspace.ui.CameraPose;
import org.predspace.ui.view3d.PredictionView;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The 3D picture drawn a second time, away from any window, at an exact pixel size: a fresh
 * {@link PredictionView} over the same model, so it shows what the window's view shows (the
 * colouring, axes, probe, time, selection and visible runs are the model's) from the camera
 * pose given, with the same overlay (axis labels, anchor labels, legend) and stylesheet.
 *
 * <p>JavaFX snapshots a scene that is in no window, 3D sub-scene included, as long as the
 * pipeline draws 3D at all (on Mesa's software GL: -Dprism.forceGPU=true). The snapshot is a
 * single render target; 3840 x 2160 is within the 4096-pixel texture limit JavaFX clamps to.
 * JavaFX thread only.
 */
public final class OffscreenPicture {
    private final PredictionView view;
    private final FigureSize size;
    private AnimationTimer waiting;
    private CompletableFuture<WritableImage> result;

    public OffscreenPicture(ExplorerModel model, CameraPose pose, FigureSize size) {
        this.size = size;
        // a figure is looked at closely: smooth edges are worth the cost of multisampling here
        this.view = new PredictionView(model, true);
        Scene scene = new Scene(view, size.layoutWidth(), size.layoutHeight());
        scene.getStylesheets().add(MainWindow.class.getResource("predspace.css").toExternalForm());
        if (model.darkThemeProperty().get()) view.getStyleClass().add("dark");
        view.setPose(pose);
    }

    public PredictionView view() { return view; }

    /**
     * Takes the picture at the first pulse at which the view has drawn and settled and
     * {@code ready} holds; fails if that does not happen within {@code timeout}, or with what
     * {@code ready} throws. The view is disposed either way.
     */
    public CompletableFuture<WritableImage> snapshotWhen(BooleanSupplier ready, Duration timeout) {
        CompletableFuture<WritableImage> result = new CompletableFuture<>();
        this.result = result;
        long deadline = System.nanoTime() + timeout.toNanos();
        waiting = new AnimationTimer() {
            @Override
            public void handle(long now) {
                try {
                    if (view.isSettled() && ready.getAsBoolean()) {
                        finish();
                        result.complete(snapshot());
                    } else if (System.nanoTime() > deadline) {
                        finish();
                        result.completeExceptionally(new TimeoutException("the picture was not ready to export after "
                                + timeout.toSeconds() + " s"));
                    }
                } catch (Throwable e) {
                    // an error too (out of memory for a large image): the export waiting on this future must hear it
                    finish();
                    result.completeExceptionally(e);
                    JobFailure.rethrowIfFatal(e);
                }
            }
        };
        waiting.start();
        return result;
    }

    /** Stops waiting (the runs could not be opened): the snapshot fails as cancelled, the view is disposed. */
    public void cancel() {
        if (waiting != null) finish();
        if (result != null) result.cancel(false);
    }

    private void finish() {
        waiting.stop();
        view.dispose();
    }

    /** Draws the view at {@code scale} into exactly width x height pixels. */
    WritableImage snapshot() {
        SnapshotParameters p = new SnapshotParameters();
        p.setTransform(new Scale(size.scale(), size.scale()));
        // the viewport is in scaled coordinates: it cuts the image to the exact size even where
        // width / scale is not a whole number, and clips labels that reach past the edge
        p.setViewport(new Rectangle2D(0, 0, size.width(), size.height()));
        p.setFill(view.subScene().getFill() instanceof Color c ? c : Color.WHITE);
        return view.snapshot(p, new WritableImage(size.width(), size.height()));
    }
}
