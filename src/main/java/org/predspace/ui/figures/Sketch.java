package org.predspace.ui.figures;

import javafx.geometry.VPos;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The drawing calls a canvas-drawn chart makes, named as on {@link javafx.scene.canvas.GraphicsContext}:
 * drawn once on screen ({@link CanvasSketch}) and once into an SVG ({@link SvgSketch}), the
 * exported figure is the same drawing as the screen's, in vectors.
 */
public interface Sketch {
    void clearRect(double x, double y, double w, double h);

    void setFill(Paint p);

    void setStroke(Paint p);

    void setLineWidth(double w);

    void setFont(Font f);

    void setTextAlign(TextAlignment align);

    void setTextBaseline(VPos baseline);

    void fillRect(double x, double y, double w, double h);

    void strokeRect(double x, double y, double w, double h);

    void strokeLine(double x1, double y1, double x2, double y2);

    void fillOval(double x, double y, double w, double h);

    void strokeOval(double x, double y, double w, double h);

    void fillText(String text, double x, double y);

    void save();

    void restore();

    void translate(double x, double y);

    /** Degrees, clockwise on screen, as GraphicsContext. */
    void rotate(double degrees);
}
