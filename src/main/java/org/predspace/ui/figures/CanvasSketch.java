package org.predspace.ui.figures;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** A {@link Sketch} onto a canvas: each call is the GraphicsContext call of the same name. */
public final class CanvasSketch implements Sketch {
    private final GraphicsContext g;

    public CanvasSketch(GraphicsContext g) { this.g = g; }

    public void clearRect(double x, double y, double w, double h) { g.clearRect(x, y, w, h); }

    public void setFill(Paint p) { g.setFill(p); }

    public void setStroke(Paint p) { g.setStroke(p); }

    public void setLineWidth(double w) { g.setLineWidth(w); }

    public void setFont(Font f) { g.setFont(f); }

    public void setTextAlign(TextAlignment align) { g.setTextAlign(align); }

    public void setTextBaseline(VPos baseline) { g.setTextBaseline(baseline); }

    public void fillRect(double x, double y, double w, double h) { g.fillRect(x, y, w, h); }

    public void strokeRect(double x, double y, double w, double h) { g.strokeRect(x, y, w, h); }

    public void strokeLine(double x1, double y1, double x2, double y2) { g.strokeLine(x1, y1, x2, y2); }

    public void fillOval(double x, double y, double w, double h) { g.fillOval(x, y, w, h); }

    public void strokeOval(double x, double y, double w, double h) { g.strokeOval(x, y, w, h); }

    public void fillText(String text, double x, double y) { g.fillText(text, x, y); }

    public void save() { g.save(); }

    public void restore() { g.restore(); }

    public void translate(double x, double y) { g.translate(x, y); }

    public void rotate(double degrees) { g.rotate(degrees); }
}
