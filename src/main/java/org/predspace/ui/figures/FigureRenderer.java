package org.predspace.ui.figures;

import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Draws a figure at a requested pixel size, as an image or as SVG. The figure is laid out
 * again in the requested shape, at a size whose area matches what it has on screen (at least
 * {@link #MIN_AREA}), and drawn
 * scaled up to the pixels: text and lines are rendered at the final resolution (crisp at
 * 3840 x 2160), and the figure holds as much as on screen with text in the same proportion.
 * The relayout happens in place and is undone before the next frame, so the window never
 * shows it. JavaFX thread only.
 */
public final class FigureRenderer {
    static final double MIN_SCALE = 0.25, MAX_SCALE = 8;
    /** A figure smaller than this on screen is laid out at this area: a small chart would get huge text on a slide. */
    static final double MIN_AREA = 960 * 540;

    /** The layout size a figure gets for an image, and the scale from it to the image's pixels. */
    record Layout(double width, double height, double scale) {
        static Layout of(Region node, ImageSize size) {
            double w = node.getWidth() > 1 ? node.getWidth() : Math.max(400, node.prefWidth(-1));
            double h = node.getHeight() > 1 ? node.getHeight() : Math.max(300, node.prefHeight(-1));
            double s = Math.sqrt((double) size.width() * size.height() / Math.max(MIN_AREA, w * h));
            s = Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
            return new Layout(size.width() / s, size.height() / s, s);
        }
    }

    private FigureRenderer() {}

    /** The figure as an image of exactly {@code size} pixels. */
    public static WritableImage image(Region node, ImageSize size) {
        Layout l = Layout.of(node, size);
        return laidOut(node, l, () -> {
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(background(node));
            p.setTransform(Transform.scale(l.scale(), l.scale()));
            // the snapshot is in the parent's coordinates (the node's own position applies)
            Point2D origin = node.localToParent(0, 0);
            p.setViewport(new Rectangle2D(origin.getX() * l.scale(), origin.getY() * l.scale(), size.width(), size.height()));
            return node.snapshot(p, new WritableImage(size.width(), size.height()));
        });
    }

    /** The figure as PNG bytes of exactly {@code size} pixels, opaque. */
    public static byte[] png(Region node, ImageSize size) throws IOException {
        return PngFile.encode(image(node, size));
    }

    /**
     * The figure as an SVG document {@code size} pixels large, laid out as for {@link #image}
     * (its view box is the layout size, so the SVG and the PNG of one size look alike).
     */
    public static String svg(Region node, ImageSize size) {
        Layout l = Layout.of(node, size);
        return laidOut(node, l, () -> SceneSvg.of(node, size.width(), size.height(), background(node)));
    }

    /**
     * The paper behind the figure: white under a light theme (the panels' grey is window chrome,
     * not part of a figure); under a dark theme its dark background, which its light text needs.
     */
    static Color background(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof Region r && r.getBackground() != null) {
                for (BackgroundFill f : r.getBackground().getFills()) {
                    if (f.getFill() instanceof Color c && c.getOpacity() == 1 && f.getInsets().getTop() <= 0) {
                        return c.getBrightness() > 0.5 ? Color.WHITE : c;
                    }
                }
            }
        }
        return Color.WHITE;
    }

    /**
     * Runs {@code work} with the node laid out at the layout size (canvases drawn at the image's
     * pixel density), then puts it back. Unmanaged meanwhile, so that its container does not
     * size it back when the snapshot lays the scene out.
     */
    private static <T> T laidOut(Region node, Layout l, Supplier<T> work) {
        double w0 = node.getWidth(), h0 = node.getHeight();
        boolean managed = node.isManaged();
        List<CanvasDrawn> canvases = new ArrayList<>();
        collect(node, canvases);
        node.setManaged(false);
        try {
            canvases.forEach(c -> c.setPixelScale(l.scale()));
            node.resize(l.width(), l.height());
            // charts settle in a few passes (axes range, then tick labels, then the plot)
            for (int i = 0; i < 3; i++) {
                node.applyCss();
                node.requestLayout();
                node.layout();
            }
            return work.get();
        } finally {
            canvases.forEach(c -> c.setPixelScale(1));
            node.resize(w0, h0);
            node.setManaged(managed);
            node.requestLayout();
            node.layout();
        }
    }

    private static void collect(Node n, List<CanvasDrawn> out) {
        if (n instanceof CanvasDrawn c) out.add(c);
        if (n instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) collect(child, out);
    }
}
