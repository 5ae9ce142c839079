package org.predspace.ui;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Brings a panel tab to the front: by a click on its header when the header is on screen, else
 * (a window too narrow for all the headers, where a user takes JavaFX's overflow menu) through
 * its tab pane's selection, so a test of what the panel does does not depend on the window's width.
 */
public final class TabHeaders {
    private TabHeaders() {}

    /** @param id the tab's id without '#', e.g. "tab-views" */
    public static void open(FxRobot robot, String id) {
        Node label = robot.lookup("#" + id + " .tab-label").query();
        if (label != null && label.isVisible() && onScreen(label)) {
            robot.clickOn(label);
        } else {
            WaitForAsyncUtils.asyncFx(() -> {
                for (Node n : robot.lookup(".tab-pane").queryAll()) {
                    TabPane pane = (TabPane) n;
                    for (Tab t : pane.getTabs()) if (id.equals(t.getId())) pane.getSelectionModel().select(t);
                }
            });
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Whether the header lies inside the visible part of the header strip (clipped ones are laid out past its edge). */
    private static boolean onScreen(Node label) {
        Bounds b = label.localToScene(label.getBoundsInLocal());
        Node strip = label.getScene().lookup(".headers-region");
        if (strip == null || strip.getParent() == null) return true;
        Bounds area = strip.getParent().localToScene(strip.getParent().getLayoutBounds());
        return b.getMinX() >= area.getMinX() - 1 && b.getMaxX() <= area.getMaxX() + 1;
    }
}
