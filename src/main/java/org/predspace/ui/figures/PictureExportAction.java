package org.predspace.ui.figures;

import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.view3d.PredictionView;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

/** File > Export > Picture as PNG…: asks for a size and a file, then exports the picture as the window shows it. */
public final class PictureExportAction {
    private final Window owner;
    private final ExplorerModel model;
    private final PredictionView view;
    private BiFunction<Window, FigureSize, Optional<Path>> destination = PictureExportAction::chooseFile;

    public PictureExportAction(Window owner, ExplorerModel model, PredictionView view) {
        this.owner = owner;
        this.model = model;
        this.view = view;
    }

    public MenuItem menuItem() {
        MenuItem item = new MenuItem("Picture as PNG…");
        item.setId("export-picture");
        item.setOnAction(e -> run());
        return item;
    }

    /** Asks for the size, then the file, then exports in the background. JavaFX thread. */
    public void run() {
        if (model.picture().frame().size() == 0) {
            model.reportProblem("Nothing to export yet: open or train runs first");
            return;
        }
        new PictureSizeDialog(owner, (int) Math.round(view.getWidth()), (int) Math.round(view.getHeight())).showAndWait()
                .ifPresent(size -> destination.apply(owner, size)
                        // the camera as it is now, after the dialogs
                        .ifPresent(file -> PictureExport.toFile(model, view.pose(), size, file)));
    }

    /** Replaces the file chooser (tests: a FileChooser is a native dialog no robot can drive). */
    void useDestination(BiFunction<Window, FigureSize, Optional<Path>> chooser) { this.destination = chooser; }

    private static Optional<Path> chooseFile(Window owner, FigureSize size) {
        FileChooser fc = new FileChooser();
        fc.setTitle("Export picture as PNG");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        fc.setInitialFileName("predspace-picture-" + size.width() + "x" + size.height() + ".png");
        File f = fc.showSaveDialog(owner);
        if (f == null) return Optional.empty();
        Path p = f.toPath();
        // some platforms return the typed name without the filter's extension
        if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) p = p.resolveSibling(p.getFileName() + ".png");
        return Optional.of(p);
    }
}
