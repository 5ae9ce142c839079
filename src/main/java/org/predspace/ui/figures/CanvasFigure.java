package org.predspace.ui.figures;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * A region that draws itself on a canvas filling it, through {@link #draw(Sketch)}: on screen at
 * the pixel scale the export asks for, and into any other {@link Sketch} (an SVG) as the same
 * drawing. Subclasses draw in layout units and call {@link #redraw()} when what they show changes.
 */
public abstract class CanvasFigure extends Region implements CanvasDrawn {
    private final Canvas canvas = new Canvas();
    private double pixelScale = 1;

    protected CanvasFigure() { getChildren().add(canvas); }

    /** Draws the whole figure at the region's current size, in its local coordinates. */
    protected abstract void draw(Sketch g);

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.ceil(getWidth() * pixelScale));
        canvas.setHeight(Math.ceil(getHeight() * pixelScale));
        canvas.getTransforms().setAll(new Scale(1 / pixelScale, 1 / pixelScale, 0, 0));
        redraw();
    }

    @Override
    public void setPixelScale(double scale) {
        if (scale == pixelScale) return;
        pixelScale = scale;
        layoutChildren();
    }

    @Override
    public void drawInto(Sketch sketch) { draw(sketch); }

    /** Draws the canvas anew. */
    public void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.save();
        g.scale(pixelScale, pixelScale);
        draw(new CanvasSketch(g));
        g.restore();
    }
}
