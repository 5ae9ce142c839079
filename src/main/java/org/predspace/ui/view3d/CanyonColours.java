package org.predspace.ui.view3d;

import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.ImagePattern;
import javafx.scene.paint.Paint;


/**
 * The canyon's loss colours: a ramp from a dark valley floor (low loss) to a pale rim (high
 * loss) in earth tones, on a log scale of the loss. Earth tones because the checkpoints already
 * use the blue-to-yellow sequential map and the categorical run hues: the sheet must not read as
 * one more run or as a progress colour. Slightly translucent, so trajectories behind it show.
 *
 * <p>The ramp carries {@link #CONTOURS} darker stripes at equal steps of log loss. A mesh
 * interpolates its texture coordinate across each triangle, so the stripes become iso-loss
 * lines on the sheet (linear within a cell, as marching squares draws them): the canyon's floor
 * and walls read on a projector, where a smooth shade alone would not.
 */
final class CanyonColours {
    static final int STEPS = 256;
    /** Opacity of the sheet: the paths under it stay visible, the sheet still reads as a surface. */
    static final double OPACITY = 0.78;
    /** Iso-loss lines drawn on the sheet (and marked on the legend's bar). */
    static final int CONTOURS = 9;
    /** How much darker a contour stripe is than the ramp beside it. */
    static final double CONTOUR_SHADE = 0.55;
    private static final Color[] STOPS = {Color.web("#2B1608"), Color.web("#7A3B12"), Color.web("#C0642A"),
            Color.web("#E3A867"), Color.web("#F5E2BE")};

    private final Image image;
    private final float[] uv = new float[2 * STEPS];

    CanyonColours() {
        WritableImage ramp = new WritableImage(STEPS, 1);
        for (int i = 0; i < STEPS; i++) {
            Color c = colour(i / (STEPS - 1.0));
            if (onContour(i)) c = c.deriveColor(0, 1, CONTOUR_SHADE, 1);
            ramp.getPixelWriter().setColor(i, 0, c.deriveColor(0, 1, 1, OPACITY));
            uv[2 * i] = (float) ((i + 0.5) / STEPS);
            uv[2 * i + 1] = 0.5f;
        }
        image = ramp;
    }

    /** Whether ramp step i lies on one of the contour stripes (2 steps wide, inside the ramp's ends). */
    static boolean onContour(int i) {
        double spacing = STEPS / (CONTOURS + 1.0);
        double nearest = Math.round(i / spacing) * spacing;
        return nearest > 0 && nearest < STEPS - 1 && Math.abs(i + 0.5 - nearest) <= 1.0;
    }

    /** The texture of a sheet or curve: one pixel per step of the ramp. */
    Image image() { return image; }

    /** u, v of every step, in order (a mesh's texture coordinates). */
    float[] texCoords() { return uv.clone(); }

    /** The ramp at t in [0, 1]. */
    static Color colour(double t) {
        double x = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) Math.floor(x));
        return STOPS[i].interpolate(STOPS[i + 1], x - i);
    }

    /** The ramp with its contour stripes as a left-to-right paint, for the legend's bar. */
    Paint legendPaint() {
        return new ImagePattern(image, 0, 0, 1, 1, true);
    }

    /** A log scale over the finite, positive losses given. */
    record LogScale(double low, double high) {
        static LogScale of(double[] loss) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double l : loss) {
                if (!(l > 0) || !Double.isFinite(l)) continue;
                lo = Math.min(lo, l);
                hi = Math.max(hi, l);
            }
            return lo > hi ? new LogScale(Double.NaN, Double.NaN) : new LogScale(lo, hi);
        }

        /** The step of the ramp for {@code loss}: 0 at the lowest, STEPS - 1 at the highest. */
        int step(double loss) {
            if (!(loss > 0) || Double.isNaN(low)) return 0;
            double t = high > low ? Math.log(loss / low) / Math.log(high / low) : 0;
            return (int) Math.round(Math.max(0, Math.min(1, t)) * (STEPS - 1));
        }
    }
}
