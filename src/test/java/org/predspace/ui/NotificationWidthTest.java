package org.predspace.ui;

import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** A long problem message is shown whole, inside the window, not cut off at the window's edge. */
@Tag("ui")
class NotificationWidthTest {
    @RegisterExtension
    final FxWindow window = new FxWindow(shown -> { });

    @Test
    void aLongMessageIsWrappedInsideTheWindow() throws Exception {
        Stage stage = window.stage();
        WaitForAsyncUtils.asyncFx(() -> stage.setWidth(760)).get();
        String path = "/home/someone/experiments/2026-12-06/" + "very-long-folder-name-".repeat(6) + "run/metrics.csv";
        String message = "Could not open " + path + ": line 3: train_loss is Infinity; it must be a number >= 0"
                + " (or NaN or empty when not measured), and this sentence makes the message longer still \u001b[31m";
        WaitForAsyncUtils.asyncFx(() -> window.model().reportProblem(message)).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !notifications().isEmpty()
                && notifications().get(0).getWidth() > 0);
        Thread.sleep(600); // the popup's slide-in
        WaitForAsyncUtils.waitForFxEvents();

        Bounds inside = new BoundingBox(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        PopupWindow popup = notifications().get(0);
        Bounds shown = popup.getScene().getRoot().localToScreen(popup.getScene().getRoot().getLayoutBounds());
        assertTrue(inside.contains(shown), "notification " + shown + " runs outside the window " + inside);
        String text = WaitForAsyncUtils.asyncFx(() -> shownText(popup)).get();
        assertTrue(text.replace("\n", "").contains(path), "the whole path is shown: " + text);
        assertTrue(text.contains("/metrics.csv:"), "a long path breaks after a '/': " + text);
        assertTrue(text.lines().count() > 2, "the message is wrapped: " + text);
        assertFalse(text.contains("\u001b"), "control characters are escaped: " + text);
    }

    private static List<PopupWindow> notifications() {
        return Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing())
                .map(w -> (PopupWindow) w)
                .filter(p -> p.getScene() != null && !p.getScene().getRoot().lookupAll(".notification-bar").isEmpty())
                .toList();
    }

    /** The text of the notification's labels, the title left out. */
    private static String shownText(PopupWindow popup) {
        StringBuilder b = new StringBuilder();
        popup.getScene().getRoot().lookupAll(".label").forEach(n -> {
            if (n instanceof Label l && !l.getStyleClass().contains("title")) b.append(l.getText());
        });
        return b.toString();
    }
}
