package org.predspace.ui.figures;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.Locale;

/**
 * Asks how large the exported picture should be: the view's size in the window, three
 * standard screen sizes, or a custom width x height (checked as typed; OK waits for a valid one).
 */
final class PictureSizeDialog extends Dialog<FigureSize> {
    private final ToggleGroup choice = new ToggleGroup();
    private final TextField width = new TextField("1600");
    private final TextField height = new TextField("900");
    private final Label problem = new Label();

    /** @param windowWidth the view's current width in the window (its height likewise) */
    PictureSizeDialog(Window owner, int windowWidth, int windowHeight) {
        initOwner(owner);
        setTitle("Export picture");
        setHeaderText("Export the 3D picture as PNG: same camera, colours, axes and time as in the window");
        RadioButton window = preset("preset-window", "Window size (" + windowWidth + " x " + windowHeight + ")",
                windowSize(windowWidth, windowHeight));
        RadioButton hd = preset("preset-1920", "1920 x 1080 (full HD)", FigureSize.of(1920, 1080));
        RadioButton qhd = preset("preset-2560", "2560 x 1440", FigureSize.of(2560, 1440));
        RadioButton uhd = preset("preset-3840", "3840 x 2160 (4K, slides and print)", FigureSize.of(3840, 2160));
        RadioButton custom = new RadioButton("Custom:");
        custom.setId("preset-custom");
        custom.setToggleGroup(choice);
        width.setId("custom-width");
        height.setId("custom-height");
        width.setPrefColumnCount(5);
        height.setPrefColumnCount(5);
        width.disableProperty().bind(custom.selectedProperty().not());
        height.disableProperty().bind(custom.selectedProperty().not());
        problem.setId("size-problem");
        problem.getStyleClass().add("size-problem");
        problem.setStyle("-fx-text-fill: #c62828;");
        HBox customRow = new HBox(6, custom, width, new Label("x"), height, new Label("pixels (up to 3840 x 2160)"));
        customRow.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label("Text and legend grow with the height above 720 pixels, so a 4K picture looks like a sharper full-HD one.");
        note.setWrapText(true);
        note.setMaxWidth(460);
        VBox box = new VBox(8, window, hd, qhd, uhd, customRow, problem, note);
        box.setPadding(new Insets(10));
        getDialogPane().setContent(box);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        (window.isDisable() ? hd : window).setSelected(true);

        ObjectBinding<Object> chosen = Bindings.createObjectBinding(this::chosen, choice.selectedToggleProperty(),
                width.textProperty(), height.textProperty());
        problem.textProperty().bind(Bindings.createStringBinding(() -> chosen.get() instanceof String s ? s : "", chosen));
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(Bindings.createBooleanBinding(() -> !(chosen.get() instanceof FigureSize), chosen));
        setResultConverter(b -> b == ButtonType.OK && chosen.get() instanceof FigureSize f ? f : null);
    }

    /** The window preset draws exactly what the view shows (layout scale 1), if that is not too large. */
    private static FigureSize windowSize(int w, int h) {
        try {
            return new FigureSize(w, h, 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private RadioButton preset(String id, String text, FigureSize size) {
        RadioButton b = new RadioButton(text);
        b.setId(id);
        b.setToggleGroup(choice);
        b.setUserData(size);
        b.setDisable(size == null);
        return b;
    }

    /** The size chosen, or a message saying what is wrong with the custom one. */
    private Object chosen() {
        if (choice.getSelectedToggle() == null) return "Choose a size";
        if (choice.getSelectedToggle().getUserData() instanceof FigureSize f) return f;
        try {
            return FigureSize.of(pixels("width", width.getText()), pixels("height", height.getText()));
        } catch (IllegalArgumentException e) {
            return e.getMessage().substring(0, 1).toUpperCase(Locale.ROOT) + e.getMessage().substring(1);
        }
    }

    private static int pixels(String what, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text.trim() + "' is not a whole number of pixels");
        }
    }
}
