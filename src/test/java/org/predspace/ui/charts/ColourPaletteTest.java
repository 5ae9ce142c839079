package org.predspace.ui.charts;

import javafx.scene.image.PixelReader;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

import static org.junit.jupiter.api.Assertions.*;

/** A point's colour is its texture coordinate: each entry's coordinate must land on that entry's colour. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ColourPaletteTest {
    @Test
    void everyTextureCoordinateSamplesItsOwnColour() {
        ColourPalette p = new ColourPalette(Color.web("#FAFAFA"));
        PixelReader px = p.image().getPixelReader();
        double w = p.image().getWidth(), h = p.image().getHeight();
        float[] uv = p.texCoords();
        for (int i = 0; i < p.size(); i++) {
            Color sampled = px.getColor((int) Math.min(w - 1, uv[2 * i] * w), (int) Math.min(h - 1, uv[2 * i + 1] * h));
            Color expected = p.colour(i);
            assertEquals(expected.getRed(), sampled.getRed(), 0.01, "entry " + i);
            assertEquals(expected.getGreen(), sampled.getGreen(), 0.01, "entry " + i);
            assertEquals(expected.getBlue(), sampled.getBlue(), 0.01, "entry " + i);
        }
    }

    @Test
    void dimmedEntriesAreCloserToTheBackgroundThanTheirHue() {
        Color bg = Color.web("#FAFAFA");
        ColourPalette p = new ColourPalette(bg);
        for (int k = 0; k < ColourPalette.CATEGORICAL.size(); k++) {
            Color full = p.colour(p.categorical(k, false)), dim = p.colour(p.categorical(k, true));
            assertEquals(ColourPalette.CATEGORICAL.get(k), full);
            assertTrue(distance(dim, bg) < 0.3 * distance(full, bg) + 1e-9, "hue " + k);
        }
        assertEquals(p.sequential(0, false), 0);
        assertEquals(p.sequential(1, false), ColourPalette.SEQUENTIAL - 1);
        assertEquals(p.sequential(0.5, true), ColourPalette.SEQUENTIAL + 128);
    }

    static double distance(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue());
    }
}
