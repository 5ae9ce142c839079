package org.predspace.ui.figures;

import javafx.geometry.VPos;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.scene.transform.Affine;
import javafx.scene.transform.Transform;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link Sketch} that writes SVG elements: rectangles, lines, ellipses and text with the
 * current paint, line width, font and transform (the drawing's own transform after
 * {@code base}, where the drawing sits in the figure). Clearing draws nothing: the figure's
 * background is behind it.
 */
final class SvgSketch implements Sketch {
    private record State(Paint fill, Paint stroke, double lineWidth, Font font, TextAlignment align, VPos baseline,
                         Affine transform, double opacity) {}

    private final SvgWriter out;
    private final Deque<State> saved = new ArrayDeque<>();
    private Paint fill = Color.BLACK;
    private Paint stroke = Color.BLACK;
    private double lineWidth = 1;
    private Font font = Font.getDefault();
    private TextAlignment align = TextAlignment.LEFT;
    private VPos baseline = VPos.BASELINE;
    private Affine transform;
    private final double opacity;

    SvgSketch(SvgWriter out, Transform base, double opacity) {
        this.out = out;
        this.transform = new Affine(base);
        this.opacity = opacity;
    }

    public void clearRect(double x, double y, double w, double h) {}

    public void setFill(Paint p) { fill = p; }

    public void setStroke(Paint p) { stroke = p; }

    public void setLineWidth(double w) { lineWidth = w; }

    public void setFont(Font f) { font = f; }

    public void setTextAlign(TextAlignment a) { align = a; }

    public void setTextBaseline(VPos b) { baseline = b; }

    public void fillRect(double x, double y, double w, double h) {
        shape("rect").attr("x", x).attr("y", y).attr("width", w).attr("height", h).fill(fill).end();
    }

    public void strokeRect(double x, double y, double w, double h) {
        stroked(shape("rect").attr("x", x).attr("y", y).attr("width", w).attr("height", h)).end();
    }

    public void strokeLine(double x1, double y1, double x2, double y2) {
        stroked(shape("line").attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2)).end();
    }

    public void fillOval(double x, double y, double w, double h) { ellipse(x, y, w, h).fill(fill).end(); }

    public void strokeOval(double x, double y, double w, double h) { stroked(ellipse(x, y, w, h)).end(); }

    public void fillText(String text, double x, double y) {
        String anchor = switch (align) {
            case CENTER -> "middle";
            case RIGHT -> "end";
            default -> null;
        };
        shape("text").attr("x", x).attr("y", y + baselineShift(font, baseline)).attr("text-anchor", anchor).font(font)
                .fill(fill).text(text);
    }

    public void save() { saved.push(new State(fill, stroke, lineWidth, font, align, baseline, new Affine(transform), opacity)); }

    public void restore() {
        if (saved.isEmpty()) return;
        State s = saved.pop();
        fill = s.fill();
        stroke = s.stroke();
        lineWidth = s.lineWidth();
        font = s.font();
        align = s.align();
        baseline = s.baseline();
        transform = s.transform();
    }

    public void translate(double x, double y) { transform.appendTranslation(x, y); }

    public void rotate(double degrees) { transform.appendRotation(degrees); }

    private SvgWriter.Element shape(String name) {
        return out.element(name).transform(transform).opacity(opacity);
    }

    private SvgWriter.Element ellipse(double x, double y, double w, double h) {
        return shape("ellipse").attr("cx", x + w / 2).attr("cy", y + h / 2).attr("rx", w / 2).attr("ry", h / 2);
    }

    private SvgWriter.Element stroked(SvgWriter.Element e) {
        return e.attr("fill", "none").stroke(stroke).attr("stroke-width", lineWidth);
    }

    /**
     * How far below a canvas text position the alphabetic baseline is, for the canvas's
     * vertical alignments (SVG text is always placed by its baseline, which every viewer honours).
     */
    static double baselineShift(Font font, VPos vpos) {
        if (vpos == null || vpos == VPos.BASELINE) return 0;
        Text meter = new Text("Hg");
        meter.setFont(font);
        meter.setTextOrigin(VPos.TOP);
        double ascent = meter.getBaselineOffset();
        double height = meter.getLayoutBounds().getHeight();
        return switch (vpos) {
            case TOP -> ascent;
            case CENTER -> ascent - height / 2;
            case BOTTOM -> ascent - height;
            default -> 0;
        };
    }
}
