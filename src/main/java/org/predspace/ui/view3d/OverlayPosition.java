package org.predspace.ui.view3d;

import javafx.geometry.Point2D;
import javafx.geometry.Point3D;
import javafx.scene.Node;

/**
 * Where a point of the 3D world appears in a 2D overlay over the sub-scene. Projected through
 * the scene rather than the screen, so labels are placed in a view that is not in a window
 * too (an offscreen export or the {@code render} command).
 */
final class OverlayPosition {
    private OverlayPosition() {}

    /** The point (x, y, z) of {@code world} in {@code overlay}'s coordinates, or null if either is not in a scene. */
    static Point2D of(Node world, Node overlay, double x, double y, double z) {
        if (world.getScene() == null || overlay.getScene() == null) return null;
        Point3D inScene = world.localToScene(new Point3D(x, y, z), true);
        return inScene == null ? null : overlay.sceneToLocal(inScene.getX(), inScene.getY());
    }

    /**
     * Top-left corner for a label of size {@code w} x {@code h} beside the point (x, y): right
     * of it by {@code gap} and raised by {@code rise}, unless that would cross the view's right
     * edge, in which case left of it; kept inside the view's top and bottom. An anchor or axis
     * tip near the edge then keeps its whole label (a mirrored picture had "truth (labels)" cut
     * off at the right).
     */
    static Point2D beside(double x, double y, double w, double h, double gap, double rise, double viewW, double viewH) {
        // a view not laid out yet (size 0, as an offscreen export's is at first) has no edges to keep to
        if (!(viewW > 0 && viewH > 0)) return new Point2D(x + gap, y - rise);
        double left = x + gap + w <= viewW ? x + gap : x - gap - w;
        double top = Math.max(0, Math.min(y - rise, viewH - h));
        return new Point2D(Math.max(0, left), top);
    }
}
