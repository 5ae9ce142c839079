package org.predspace.ui.view3d;

import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;

/** "ignorance" and "truth" written beside their markers, in screen space so they stay upright. */
final class AnchorLabels {
    private final Label ignorance = new Label("ignorance (uniform)");
    private final Label truth = new Label("truth (labels)");

    AnchorLabels(Pane overlay) {
        ignorance.getStyleClass().add("anchor-label");
        truth.getStyleClass().add("anchor-label");
        overlay.getChildren().addAll(ignorance, truth);
    }

    void place(Node world, Node ignoranceMarker, Node truthMarker) {
        put(ignorance, world, ignoranceMarker);
        put(truth, world, truthMarker);
    }

    private static void put(Label label, Node world, Node marker) {
        label.setVisible(marker.isVisible());
        if (!marker.isVisible()) return;
        Pane overlay = (Pane) label.getParent();
        if (overlay == null) return;
        Point2D p = OverlayPosition.of(world, overlay, marker.getTranslateX(), marker.getTranslateY(), marker.getTranslateZ());
        if (p == null) return;
        // above-right of the marker (trajectories arrive at the anchors from below-left more
        // often), or above-left where the view ends
        Point2D at = OverlayPosition.beside(p.getX(), p.getY(), label.prefWidth(-1), label.prefHeight(-1), 12, 26,
                overlay.getWidth(), overlay.getHeight());
        label.relocate(at.getX(), at.getY());
    }
}
