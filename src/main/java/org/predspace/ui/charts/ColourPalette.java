package org.predspace.ui.charts;

import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import org.fxyz3d.scene.paint.Palette;

import java.util.ArrayList;
import java.util.List;

/**
 * Every colour the 3D view can draw, as one texture (FXyz3D's {@link Palette} turns a list of
 * colours into an image and gives each entry's texture coordinate). A point's colour is then
 * just the texture index its faces use, so recolouring 100,000 points rewrites an int array and
 * never creates a material. Entries: a sequential colour map (256), categorical hues, each
 * also dimmed towards the background (for "highlight the selected run"), and a highlight colour.
 */
public final class ColourPalette {
    public static final int SEQUENTIAL = 256;
    /** Categorical hues: the run colours first (same order as the model's), then more. */
    public static final List<Color> CATEGORICAL = List.of(
            Color.web("#0072B2"), Color.web("#E69F00"), Color.web("#009E73"), Color.web("#CC79A7"),
            Color.web("#D55E00"), Color.web("#56B4E9"), Color.web("#8C564B"), Color.web("#7F7F7F"),
            Color.web("#BCBD22"), Color.web("#17BECF"), Color.web("#9467BD"), Color.web("#F0E442"),
            Color.web("#1F77B4"), Color.web("#FF7F0E"), Color.web("#2CA02C"), Color.web("#D62728"));
    /** Time-like axes (lambda &lt; 0), in the 3D view and in every chart of eigenvalues, so the two read as one. */
    public static final Color TIME_LIKE = Color.web("#C62828");
    static final double DIM = 0.78;

    private final Color background;
    private final List<Color> entries = new ArrayList<>();
    private final Palette palette;
    private final Image image;
    private final float[] texCoords;

    public ColourPalette(Color background) {
        this.background = background;
        for (int i = 0; i < SEQUENTIAL; i++) entries.add(sequentialColour(i / (SEQUENTIAL - 1.0)));
        for (int i = 0; i < SEQUENTIAL; i++) entries.add(dim(sequentialColour(i / (SEQUENTIAL - 1.0))));
        for (Color c : CATEGORICAL) entries.add(c);
        for (Color c : CATEGORICAL) entries.add(dim(c));
        Color notLearned = notLearnedColour(background);
        entries.add(notLearned);
        entries.add(dim(notLearned));
        entries.add(background.getBrightness() > 0.5 ? Color.web("#111111") : Color.web("#FFFFFF"));
        palette = new Palette(entries.size(), new Palette.ListColorPalette(entries));
        image = palette.createPalette(false);
        texCoords = new float[entries.size() * 2];
        for (int i = 0; i < entries.size(); i++) {
            double[] uv = palette.getTextureLocation(i).toArray();
            texCoords[2 * i] = (float) uv[0];
            texCoords[2 * i + 1] = (float) uv[1];
        }
    }

    public Image image() { return image; }

    /** u, v per entry, in entry order: the mesh's texture coordinates. */
    public float[] texCoords() { return texCoords.clone(); }

    public int size() { return entries.size(); }

    public Color colour(int index) { return entries.get(index); }

    /** Index of t in [0, 1] on the sequential map; NaN maps to the middle. */
    public int sequential(double t, boolean dimmed) {
        double v = Double.isNaN(t) ? 0.5 : Math.max(0, Math.min(1, t));
        int i = (int) Math.round(v * (SEQUENTIAL - 1));
        return dimmed ? SEQUENTIAL + i : i;
    }

    /** Index of categorical hue k (wrapping). */
    public int categorical(int k, boolean dimmed) {
        int i = Math.floorMod(k, CATEGORICAL.size());
        return 2 * SEQUENTIAL + (dimmed ? CATEGORICAL.size() : 0) + i;
    }

    /**
     * A value not measured (a loss a run did not record): the neutral grey among the categorical
     * hues, which the sequential map never reaches, so it cannot be read as a value.
     */
    public int missing(boolean dimmed) { return categorical(MISSING_HUE, dimmed); }

    /** CATEGORICAL's grey (#7F7F7F). */
    static final int MISSING_HUE = 7;

    /**
     * Index of the grey of runs that did not learn: lighter than the grey run hue (#7F7F7F) on a
     * light background, darker on a dark one, and never a hue a run or category gets.
     */
    public int notLearned(boolean dimmed) { return 2 * SEQUENTIAL + 2 * CATEGORICAL.size() + (dimmed ? 1 : 0); }

    static Color notLearnedColour(Color background) {
        return background.getBrightness() > 0.5 ? Color.web("#ABABAB") : Color.web("#5C5C5C");
    }

    /** The colour that stands out on this background (selected checkpoint ring). */
    public int highlight() { return entries.size() - 1; }

    Color dim(Color c) { return c.interpolate(background, DIM); }

    /**
     * A perceptually ordered blue-to-yellow map (viridis-like), from five anchor colours
     * interpolated linearly: dark for early/low, bright for late/high.
     */
    public static Color sequentialColour(double t) {
        Color[] stops = {Color.web("#440154"), Color.web("#3B528B"), Color.web("#21918C"), Color.web("#5EC962"), Color.web("#FDE725")};
        double x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) Math.floor(x));
        return stops[i].interpolate(stops[i + 1], x - i);
    }
}
