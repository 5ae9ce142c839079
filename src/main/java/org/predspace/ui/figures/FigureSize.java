package org.predspace.ui.figures;

import java.util.Locale;

/**
 * The pixel size of an exported picture, and how large its text and legend are drawn.
 *
 * <p>The picture is laid out at {@code width / scale} x {@code height / scale} and drawn at
 * {@code scale} times that, as on a high-resolution screen. The 3D content fills the same share
 * of the frame at every size (the camera's vertical field of view is fixed); the default scale
 * keeps the text the same share too, laying out every picture at least 720 pixels high as if it
 * were 720 high: a 3840 x 2160 export looks like the 1920 x 1080 one, only sharper, and a
 * figure shrunk to a paper's column keeps a legible legend (at 1920 x 1080 the text is 1.5
 * times its size in the window).
 *
 * @param scale layout scale, 0.25 to 4; {@link #of} picks max(1, height / 720)
 */
public record FigureSize(int width, int height, double scale) {
    /** Larger pictures are refused: 4K is enough for slides and print, and stays within one GPU texture. */
    public static final int MAX_WIDTH = 3840, MAX_HEIGHT = 2160;
    /** The height at which text is drawn at its on-screen size. */
    static final int REFERENCE_HEIGHT = 720;

    public FigureSize {
        if (width <= 0) throw new IllegalArgumentException("width must be a positive number of pixels, got " + width);
        if (height <= 0) throw new IllegalArgumentException("height must be a positive number of pixels, got " + height);
        if (width > MAX_WIDTH) throw new IllegalArgumentException("width " + width + " is larger than " + MAX_WIDTH + " (the largest picture is 3840 x 2160)");
        if (height > MAX_HEIGHT) throw new IllegalArgumentException("height " + height + " is larger than " + MAX_HEIGHT + " (the largest picture is 3840 x 2160)");
        if (!(scale >= 0.25 && scale <= 4)) throw new IllegalArgumentException("scale must be from 0.25 to 4, got " + scale);
    }

    /** {@code width x height} with text at its on-screen size up to 720 pixels high, proportionally larger above. */
    public static FigureSize of(int width, int height) {
        return new FigureSize(width, height, defaultScale(height));
    }

    static double defaultScale(int height) { return Math.max(1, height / (double) REFERENCE_HEIGHT); }

    /** Width of the layout, before scaling. */
    double layoutWidth() { return width / scale; }

    double layoutHeight() { return height / scale; }

    @Override
    public String toString() { return String.format(Locale.ROOT, "%d x %d", width, height); }
}
