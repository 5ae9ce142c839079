package org.predspace.ui.landscape;

import org.predspace.landscape.PlaneSlice;

import java.util.Locale;

/**
 * The line under the heat map saying how far the drawn path can be trusted: the share of the
 * trajectory the plane holds and how far the checkpoints are off it, in the plane's own units
 * (users of the reference tool keep asking why path and contours disagree; docs/science.md §8).
 */
final class PlaneCaption {
    private PlaneCaption() {}

    static String of(PlaneSlice slice) {
        double off = 0;
        long at = -1;
        long[] steps = slice.steps();
        for (int i = 0; i < steps.length; i++) {
            if (slice.offPlane()[i] > off) {
                off = slice.offPlane()[i];
                at = steps[i];
            }
        }
        String where = at < 0 ? "every checkpoint lies on it" : "checkpoints are up to " + number(off) + " off it (step " + at
                + "; the rings show each one's distance)";
        if (slice.kind() == PlaneSlice.Kind.TRAJECTORY) {
            return String.format(Locale.ROOT, "The plane holds %.1f%% of the path; ", 100 * slice.varianceExplained()) + where + ".";
        }
        return "Random filter-normalised directions (seeds " + slice.seed() + " and " + (slice.seed() + 1) + "); " + where + ".";
    }

    static String number(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 || Math.abs(v) < 0.01 ? "%.3g" : "%.2f", v);
    }
}
