package org.predspace.ui.figures;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.BorderStrokeStyle;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.ArcTo;
import javafx.scene.shape.Circle;
import javafx.scene.shape.ClosePath;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.Ellipse;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.HLineTo;
import javafx.scene.shape.Line;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.QuadCurveTo;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.Shape;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.shape.VLineTo;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.NonInvertibleTransformException;
import javafx.scene.transform.Transform;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * An SVG of a laid-out part of the scene graph, written from its nodes as they are drawn:
 * paths, lines, polylines, rectangles, circles and ellipses with their CSS-applied stroke,
 * dashes and fill; regions' background fills and borders; text with its font and fill;
 * rectangular (or any shape) clips. A {@link CanvasDrawn} region draws itself in vectors; other
 * canvases, images and 3D sub-scenes are embedded as PNG. Effects (shadows) are left out.
 * Each element keeps its node's style classes, so a chart's series are easy to find and edit.
 */
final class SceneSvg {
    private final SvgWriter out = new SvgWriter();

    private SceneSvg() {}

    /**
     * The SVG of {@code root} at its current layout size, shown at {@code width} x {@code height}
     * on the page (the view box is the root's size), on a {@code background} rectangle.
     */
    static String of(Region root, double width, double height, Color background) {
        SceneSvg svg = new SceneSvg();
        svg.out.element("rect").attr("class", "figure-background").attr("width", root.getWidth())
                .attr("height", root.getHeight()).fill(background).end();
        // the root at the origin: its own place in its parent is not part of the figure
        Transform undoPlace;
        try {
            undoPlace = root.getLocalToParentTransform().createInverse();
        } catch (NonInvertibleTransformException e) {
            throw new IllegalStateException("the figure is scaled to nothing", e);
        }
        svg.node(root, undoPlace, 1);
        return svg.out.document(width, height, root.getWidth(), root.getHeight());
    }

    private void node(Node n, Transform parent, double parentOpacity) {
        if (!n.isVisible() || n.getOpacity() <= 0) return;
        Transform t = parent.createConcatenation(n.getLocalToParentTransform());
        double opacity = parentOpacity * n.getOpacity();
        String clip = clip(n, t);
        if (clip != null) out.element("g").attr("clip-path", "url(#" + clip + ")").open();
        if (n instanceof CanvasDrawn drawn) {
            drawn.drawInto(new SvgSketch(out, t, opacity));
        } else if (n instanceof Region r) {
            region(r, t, opacity);
            children(r, t, opacity);
        } else if (n instanceof Text text) {
            text(text, t, opacity);
        } else if (n instanceof Shape s) {
            SvgWriter.Element e = shape(s, out::element);
            if (e != null) styled(e, s).transform(t).opacity(opacity).attr("class", classes(n)).end();
        } else if (n instanceof Parent p) {
            children(p, t, opacity);
        } else {
            raster(n, parent, opacity);
        }
        if (clip != null) out.close("g");
    }

    private void children(Parent p, Transform t, double opacity) {
        for (Node c : p.getChildrenUnmodifiable()) node(c, t, opacity);
    }

    // ---- clips ---------------------------------------------------------------------------

    /** Defines {@code n}'s clip (in its local coordinates, so under its transform) and returns its id, or null. */
    private String clip(Node n, Transform t) {
        if (!(n.getClip() instanceof Shape shape)) return null;
        String id = out.beginClip();
        SvgWriter.Element e = shape(shape, out::defElement);
        if (e != null) e.transform(t.createConcatenation(shape.getLocalToParentTransform())).end();
        out.endClip();
        return id;
    }

    // ---- shapes --------------------------------------------------------------------------

    /** The element for a shape's geometry (no paint yet), or null for a shape with nothing to draw. */
    private static SvgWriter.Element shape(Shape s, Function<String, SvgWriter.Element> element) {
        if (s instanceof Path p) {
            String d = pathData(p.getElements());
            if (d.isEmpty()) return null;
            return element.apply("path").attr("d", d).attr("fill-rule", p.getFillRule() == FillRule.EVEN_ODD ? "evenodd" : null);
        }
        if (s instanceof Line l) {
            return element.apply("line").attr("x1", l.getStartX()).attr("y1", l.getStartY()).attr("x2", l.getEndX())
                    .attr("y2", l.getEndY());
        }
        if (s instanceof Polyline pl) return element.apply("polyline").attr("points", points(pl.getPoints()));
        if (s instanceof Polygon pg) return element.apply("polygon").attr("points", points(pg.getPoints()));
        if (s instanceof Rectangle r) {
            SvgWriter.Element e = element.apply("rect").attr("x", r.getX()).attr("y", r.getY()).attr("width", r.getWidth())
                    .attr("height", r.getHeight());
            if (r.getArcWidth() > 0) e.attr("rx", r.getArcWidth() / 2).attr("ry", r.getArcHeight() / 2);
            return e;
        }
        if (s instanceof Circle c) {
            return element.apply("circle").attr("cx", c.getCenterX()).attr("cy", c.getCenterY()).attr("r", c.getRadius());
        }
        if (s instanceof Ellipse el) {
            return element.apply("ellipse").attr("cx", el.getCenterX()).attr("cy", el.getCenterY())
                    .attr("rx", el.getRadiusX()).attr("ry", el.getRadiusY());
        }
        if (s instanceof SVGPath sp) return sp.getContent() == null || sp.getContent().isBlank() ? null
                : element.apply("path").attr("d", sp.getContent());
        return null;
    }

    private static SvgWriter.Element styled(SvgWriter.Element e, Shape s) {
        e.fill(s.getFill()).stroke(s.getStroke());
        if (SvgWriter.colour(s.getStroke()) == null) return e;
        e.attr("stroke-width", s.getStrokeWidth()).dashes(s.getStrokeDashArray(), s.getStrokeDashOffset());
        if (s.getStrokeLineCap() != StrokeLineCap.SQUARE) e.attr("stroke-linecap", s.getStrokeLineCap().name().toLowerCase(Locale.ROOT));
        if (s.getStrokeLineJoin() != StrokeLineJoin.MITER) e.attr("stroke-linejoin", s.getStrokeLineJoin().name().toLowerCase(Locale.ROOT));
        return e;
    }

    static String pathData(List<PathElement> elements) {
        StringBuilder d = new StringBuilder();
        PathElement previous = null;
        for (PathElement pe : elements) {
            boolean abs = pe.isAbsolute();
            if (pe instanceof MoveTo m) cmd(d, abs ? "M" : "m", m.getX(), m.getY());
            else if (pe instanceof LineTo l && previous instanceof MoveTo m && abs && m.isAbsolute() && l.getX() == m.getX()
                    && l.getY() == m.getY()) {
                // a chart line starts with a move and a line to the same point: one point, not two
                continue;
            }
            else if (pe instanceof LineTo l) cmd(d, abs ? "L" : "l", l.getX(), l.getY());
            else if (pe instanceof HLineTo h) cmd(d, abs ? "H" : "h", h.getX());
            else if (pe instanceof VLineTo v) cmd(d, abs ? "V" : "v", v.getY());
            else if (pe instanceof CubicCurveTo c) cmd(d, abs ? "C" : "c", c.getControlX1(), c.getControlY1(),
                    c.getControlX2(), c.getControlY2(), c.getX(), c.getY());
            else if (pe instanceof QuadCurveTo q) cmd(d, abs ? "Q" : "q", q.getControlX(), q.getControlY(), q.getX(), q.getY());
            else if (pe instanceof ArcTo a) cmd(d, abs ? "A" : "a", a.getRadiusX(), a.getRadiusY(), a.getXAxisRotation(),
                    a.isLargeArcFlag() ? 1 : 0, a.isSweepFlag() ? 1 : 0, a.getX(), a.getY());
            else if (pe instanceof ClosePath) d.append(d.length() == 0 ? "" : " ").append('Z');
            previous = pe;
        }
        return d.toString();
    }

    private static void cmd(StringBuilder d, String c, double... v) {
        if (d.length() > 0) d.append(' ');
        d.append(c);
        for (double x : v) d.append(' ').append(SvgWriter.number(x));
    }

    private static String points(List<Double> xy) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i + 1 < xy.size(); i += 2) {
            if (i > 0) s.append(' ');
            s.append(SvgWriter.number(xy.get(i))).append(',').append(SvgWriter.number(xy.get(i + 1)));
        }
        return s.toString();
    }

    // ---- text ----------------------------------------------------------------------------

    private void text(Text text, Transform t, double opacity) {
        String content = text.getText();
        if (content == null || content.isEmpty() || SvgWriter.colour(text.getFill()) == null) return;
        Bounds b = text.getLayoutBounds();
        String[] lines = content.split("\n", -1);
        double lineHeight = b.getHeight() / lines.length;
        double baseline = b.getMinY() + text.getBaselineOffset();
        TextAlignment align = text.getTextAlignment();
        double x = align == TextAlignment.CENTER ? b.getCenterX() : align == TextAlignment.RIGHT ? b.getMaxX() : b.getMinX();
        String anchor = align == TextAlignment.CENTER ? "middle" : align == TextAlignment.RIGHT ? "end" : null;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            out.element("text").attr("class", classes(text)).transform(t).opacity(opacity).attr("x", x)
                    .attr("y", baseline + i * lineHeight).attr("text-anchor", anchor).font(text.getFont())
                    .fill(text.getFill()).text(lines[i]);
        }
    }

    // ---- regions -------------------------------------------------------------------------

    private void region(Region r, Transform t, double opacity) {
        double w = r.getWidth(), h = r.getHeight();
        Background bg = r.getBackground();
        if (bg != null && r.getShape() == null) {
            for (BackgroundFill f : bg.getFills()) {
                Insets in = f.getInsets();
                double rw = w - in.getLeft() - in.getRight(), rh = h - in.getTop() - in.getBottom();
                if (rw <= 0 || rh <= 0 || SvgWriter.colour(f.getFill()) == null) continue;
                SvgWriter.Element e = out.element("rect").attr("class", classes(r)).transform(t).opacity(opacity)
                        .attr("x", in.getLeft()).attr("y", in.getTop()).attr("width", rw).attr("height", rh);
                double radius = f.getRadii() == null ? 0 : f.getRadii().getTopLeftHorizontalRadius();
                if (f.getRadii() != null && f.getRadii().isTopLeftHorizontalRadiusAsPercentage()) radius *= rw;
                if (radius > 0) e.attr("rx", Math.min(radius, Math.min(rw, rh) / 2));
                e.fill(f.getFill()).end();
            }
        }
        Border border = r.getBorder();
        if (border != null) for (BorderStroke s : border.getStrokes()) borderStroke(r, s, t, opacity);
    }

    /** A border drawn inside the region's insets: one rectangle when all sides agree, else a line per side. */
    private void borderStroke(Region r, BorderStroke s, Transform t, double opacity) {
        Insets in = s.getInsets();
        double left = in.getLeft(), top = in.getTop(), right = r.getWidth() - in.getRight(), bottom = r.getHeight() - in.getBottom();
        double wt = s.getWidths().getTop(), wr = s.getWidths().getRight(), wb = s.getWidths().getBottom(), wl = s.getWidths().getLeft();
        boolean uniform = wt == wr && wt == wb && wt == wl && same(s.getTopStroke(), s.getRightStroke())
                && same(s.getTopStroke(), s.getBottomStroke()) && same(s.getTopStroke(), s.getLeftStroke())
                && s.getTopStyle().equals(s.getRightStyle()) && s.getTopStyle().equals(s.getBottomStyle())
                && s.getTopStyle().equals(s.getLeftStyle());
        if (uniform) {
            if (!drawn(s.getTopStroke(), s.getTopStyle(), wt)) return;
            out.element("rect").attr("class", classes(r)).transform(t).opacity(opacity).attr("x", left + wt / 2)
                    .attr("y", top + wt / 2).attr("width", Math.max(0, right - left - wt))
                    .attr("height", Math.max(0, bottom - top - wt)).attr("fill", "none").stroke(s.getTopStroke())
                    .attr("stroke-width", wt).dashes(s.getTopStyle().getDashArray(), 0).end();
            return;
        }
        side(r, t, opacity, s.getTopStroke(), s.getTopStyle(), wt, left, top + wt / 2, right, top + wt / 2);
        side(r, t, opacity, s.getRightStroke(), s.getRightStyle(), wr, right - wr / 2, top, right - wr / 2, bottom);
        side(r, t, opacity, s.getBottomStroke(), s.getBottomStyle(), wb, left, bottom - wb / 2, right, bottom - wb / 2);
        side(r, t, opacity, s.getLeftStroke(), s.getLeftStyle(), wl, left + wl / 2, top, left + wl / 2, bottom);
    }

    private void side(Region r, Transform t, double opacity, Paint p, BorderStrokeStyle style, double width,
                      double x1, double y1, double x2, double y2) {
        if (!drawn(p, style, width)) return;
        out.element("line").attr("class", classes(r)).transform(t).opacity(opacity).attr("x1", x1).attr("y1", y1)
                .attr("x2", x2).attr("y2", y2).stroke(p).attr("stroke-width", width).dashes(style.getDashArray(), 0).end();
    }

    private static boolean drawn(Paint p, BorderStrokeStyle style, double width) {
        return width > 0 && style != BorderStrokeStyle.NONE && SvgWriter.colour(p) != null;
    }

    private static boolean same(Paint a, Paint b) { return a == null ? b == null : a.equals(b); }

    // ---- anything else: pixels ---------------------------------------------------------------

    /** A node drawn in pixels (a canvas, an image, a 3D sub-scene): embedded as a PNG where it is in its parent. */
    private void raster(Node n, Transform parent, double opacity) {
        Bounds b = n.getBoundsInParent();
        if (b.getWidth() < 1 || b.getHeight() < 1) return;
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.TRANSPARENT);
        Image image = n.snapshot(params, null);
        out.element("image").attr("class", classes(n)).transform(parent).opacity(opacity).attr("x", b.getMinX())
                .attr("y", b.getMinY()).attr("width", b.getWidth()).attr("height", b.getHeight())
                .attr("xlink:href", "data:image/png;base64," + base64Png(image)).end();
    }

    private static String base64Png(Image image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static String classes(Node n) {
        return n.getStyleClass().isEmpty() ? null : String.join(" ", n.getStyleClass());
    }
}
