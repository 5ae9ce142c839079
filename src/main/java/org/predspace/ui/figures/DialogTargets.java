package org.predspace.ui.figures;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;

/** Asks the user: a save dialog that remembers the last folder, and a dialog with preset and custom image sizes. */
final class DialogTargets implements ExportTargets {
    private File lastFolder;

    @Override
    public Path saveAs(Window owner, String title, String fileName, String description, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(fileName + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description, "*" + extension));
        if (lastFolder != null && lastFolder.isDirectory()) chooser.setInitialDirectory(lastFolder);
        File chosen = chooser.showSaveDialog(owner);
        if (chosen == null) return null;
        lastFolder = chosen.getParentFile();
        String name = chosen.getName();
        // some platforms' dialogs do not add the filter's extension
        return name.contains(".") ? chosen.toPath() : chosen.toPath().resolveSibling(name + extension);
    }

    @Override
    public ImageSize imageSize(Window owner, String title, ImageSize suggested) {
        return dialog(owner, title, suggested).showAndWait().orElse(null);
    }

    /** The size dialog: presets (slides up to 4K) or any width and height. */
    static Dialog<ImageSize> dialog(Window owner, String title, ImageSize suggested) {
        Dialog<ImageSize> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText("Image size in pixels");
        ComboBox<ImageSize> presets = new ComboBox<>();
        presets.getItems().setAll(ImageSize.PRESETS);
        presets.setId("image-size-preset");
        presets.setTooltip(new Tooltip("1920 × 1080 fills a 16:9 slide; 3840 × 2160 stays sharp on a 4K projector"));
        Spinner<Integer> width = new Spinner<>(ImageSize.MIN, ImageSize.MAX, suggested.width(), 10);
        Spinner<Integer> height = new Spinner<>(ImageSize.MIN, ImageSize.MAX, suggested.height(), 10);
        width.setId("image-width");
        height.setId("image-height");
        width.setEditable(true);
        height.setEditable(true);
        presets.valueProperty().addListener((o, a, size) -> {
            if (size == null) return;
            width.getValueFactory().setValue(size.width());
            height.getValueFactory().setValue(size.height());
        });
        if (ImageSize.PRESETS.contains(suggested)) presets.setValue(suggested);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Preset"), presets);
        grid.addRow(1, new Label("Width"), width);
        grid.addRow(2, new Label("Height"), height);
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? new ImageSize(width.getValue(), height.getValue()) : null);
        return d;
    }
}
