package org.predspace.ui.figures;

/**
 * A region that draws on a canvas (pixels) and can draw the same picture again into any
 * {@link Sketch}: the SVG export asks it for vectors instead of embedding the pixels, and the
 * PNG export raises its pixel scale so that a 4K image is not an enlarged screen canvas.
 */
public interface CanvasDrawn {
    /** Draws what the canvas shows, at the region's current size, in its local coordinates. */
    void drawInto(Sketch sketch);

    /** Canvas pixels per layout unit: 1 on screen, the image's scale while a larger image is taken. */
    void setPixelScale(double scale);
}
