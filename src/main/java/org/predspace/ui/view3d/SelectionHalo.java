package org.predspace.ui.view3d;

import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * The ring around the selected point, drawn over the picture in screen space so it is round
 * and the same width from every angle. A thin ring in the theme's strongest contrast (black on
 * the light theme, white on the dark) on a wider band of the background's own tone: the ring
 * stands out on the empty background and the band keeps it apart from the points around it,
 * in pure black and white, which a projector keeps.
 */
final class SelectionHalo {
    /** Smallest radius in pixels: clear of a marker drawn at its smallest. */
    static final double MIN_RADIUS = 9;
    static final double BAND = 7;
    static final double RING = 2.5;

    private final Circle band = new Circle();
    private final Circle ring = new Circle();
    private final Group node = new Group(band, ring);

    SelectionHalo() {
        for (Circle c : new Circle[] {band, ring}) c.setFill(null);
        band.setStrokeWidth(BAND);
        ring.setStrokeWidth(RING);
        node.getStyleClass().add("selection-halo");
        node.setMouseTransparent(true);
        node.setManaged(false);
        node.setVisible(false);
    }

    Node node() { return node; }

    /** Colours for the picture's background colour. */
    void setColours(Color background) {
        boolean light = background.getBrightness() > 0.5;
        band.setStroke(background.deriveColor(0, 1, 1, 0.8));
        ring.setStroke(light ? Color.web("#111111") : Color.WHITE);
    }

    /** Around (x, y) of the overlay, clear of a marker of {@code markerRadius} pixels. */
    void show(double x, double y, double markerRadius) {
        double r = Math.max(MIN_RADIUS, markerRadius + 4);
        for (Circle c : new Circle[] {band, ring}) {
            c.setCenterX(x);
            c.setCenterY(y);
        }
        ring.setRadius(r);
        band.setRadius(r);
        node.setVisible(true);
    }

    void hide() { node.setVisible(false); }

    boolean isShown() { return node.isVisible(); }

    /** The ring's centre in the overlay's coordinates (tests). */
    Point2D centre() { return new Point2D(ring.getCenterX(), ring.getCenterY()); }

    /** The ring's radius in pixels (tests). */
    double radius() { return ring.getRadius(); }
}
