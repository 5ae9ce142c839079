package org.predspace.ui.figures;

import org.predspace.platform.JobFailure;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.CameraPose;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Exports the picture the window shows: drawn again offscreen at the size asked for (the
 * model's colouring, axes, probe, time, selection and visible runs; the window's camera pose),
 * then encoded and written in the background, so the window only pauses for the draw itself.
 */
public final class PictureExport {
    /** A settled view needs a pulse or two; this only guards against a picture that never settles. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private PictureExport() {}

    /**
     * Writes the current picture seen from {@code pose} to {@code file} as a PNG of {@code size}.
     * JavaFX thread. Problems are reported to the model (as notifications) and fail the future.
     *
     * @return completes with {@code file} once it is written
     */
    public static CompletableFuture<Path> toFile(ExplorerModel model, CameraPose pose, FigureSize size, Path file) {
        CompletableFuture<Path> written = new CompletableFuture<>();
        if (model.picture().frame().size() == 0) {
            String message = "Nothing to export yet: the picture is empty";
            model.reportProblem(message);
            written.completeExceptionally(new IllegalStateException(message));
            return written;
        }
        OffscreenPicture picture = new OffscreenPicture(model, pose, size);
        picture.snapshotWhen(() -> true, PATIENCE).whenComplete((image, failure) -> {
            if (failure != null) {
                model.reportProblem("The picture could not be exported: " + JobFailure.describe(failure));
                written.completeExceptionally(failure);
                return;
            }
            // a failed write is reported by the task itself
            model.tasks().submit("Writing " + file.getFileName(), () -> {
                PngFile.write(image, file);
                return file;
            }, f -> {
                model.announceSaved(f, size.width() + " x " + size.height());
                written.complete(f);
            }, () -> {
                if (!written.isDone()) written.completeExceptionally(new IOException(file + " was not written"));
            });
        });
        return written;
    }
}
