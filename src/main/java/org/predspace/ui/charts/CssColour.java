package org.predspace.ui.charts;

import javafx.scene.paint.Color;

import java.util.Locale;

/** A colour as a CSS hex literal, for chart series styled with -fx-stroke and -fx-background-color. */
public final class CssColour {
    private CssColour() {}

    /** "#rrggbb" (opacity dropped: the charts style opaque lines and swatches). */
    public static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }
}
