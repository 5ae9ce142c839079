package org.predspace.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;

/**
 * Says once, in a dialog that stays until read, that the native libraries could not be loaded
 * (NativeLibraries): without them nothing trains or is drawn, and a notification that fades
 * after seconds could be missed. The window stays usable for what needs no natives.
 */
final class NativesUnavailable {
    private NativesUnavailable() {}

    static void show(Window owner, String reason) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle("PredSpace");
        alert.setHeaderText("The training engine could not be started");
        Label text = new Label(Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ".");
        text.setWrapText(true);
        text.setPrefWidth(520);   // a long line would otherwise make the dialog as wide as the text
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().setPrefWidth(560);
        alert.show();
    }
}
