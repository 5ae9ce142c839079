package org.predspace.ui.spectrum;

import javafx.scene.paint.Color;

import java.util.List;
import java.util.Locale;

/**
 * How one compared checkpoint is drawn: its run's colour (the same as in the 3D view and the
 * run table) and a dash pattern telling apart several checkpoints of the same run. The line
 * and its legend sample use the same values, so the legend cannot disagree with the plot.
 *
 * @param ordinal which checkpoint of its run this is among those compared (0: solid)
 */
public record SeriesStyle(Color colour, int ordinal) {
    /** Solid, dashed, dotted, dash-dot, long dash: distinct at the 2.5 px width used. */
    static final List<List<Double>> DASHES = List.of(
            List.of(), List.of(12.0, 6.0), List.of(2.0, 5.0), List.of(12.0, 5.0, 2.0, 5.0), List.of(24.0, 6.0));
    static final double WIDTH = 2.5;

    public List<Double> dashes() { return DASHES.get(Math.floorMod(ordinal, DASHES.size())); }

    /** The inline style of the series' line (a Path): data colours come from the run, not from CSS. */
    public String lineCss() {
        StringBuilder css = new StringBuilder("-fx-stroke: ").append(hex(colour))
                .append("; -fx-stroke-width: ").append(WIDTH).append(';');
        List<Double> d = dashes();
        if (!d.isEmpty()) {
            css.append(" -fx-stroke-dash-array:");
            for (double v : d) css.append(' ').append(String.format(Locale.ROOT, "%.0f", v));
            css.append(';');
        }
        return css.toString();
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }
}
