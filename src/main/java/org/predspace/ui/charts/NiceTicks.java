package org.predspace.ui.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Round tick values (1, 2 or 5 times a power of ten) for the colour bar of the heatmap. */
public final class NiceTicks {
    private NiceTicks() {}

    /** About {@code count} ticks in [low, high], multiples of one round step. */
    public static List<Double> between(double low, double high, int count) {
        if (!(high > low) || count < 2) return List.of(low);
        double step = niceStep((high - low) / (count - 1));
        List<Double> ticks = new ArrayList<>();
        for (long k = (long) Math.ceil(low / step - 1e-9); k * step <= high + step * 1e-9; k++) ticks.add(k * step);
        return ticks;
    }

    /** The 1, 2 or 5 times a power of ten nearest {@code rough} (so about {@code count} ticks, a few more or less). */
    public static double niceStep(double rough) {
        double decade = Math.pow(10, Math.floor(Math.log10(rough)));
        double f = rough / decade;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * decade;
    }

    /** A tick value with as many decimals as its step needs (0.05 -> "0.05", 0.1 -> "0.1"). */
    public static String label(double value, double step) {
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
