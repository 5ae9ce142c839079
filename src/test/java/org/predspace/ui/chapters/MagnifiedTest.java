package org.predspace.ui.chapters;

import javafx.scene.layout.Region;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The panels beside the picture grow for the back row, but never so much that they are cut off. */
class MagnifiedTest {
    @Test
    void fullEnlargementWhereThePanelFits() {
        assertEquals(1.25, Magnified.fitted(1.25, 700, 400), 1e-12);
    }

    @Test
    void lessWhereThePanelWouldBeSqueezedBelowItsMinimum() {
        // 700 px of column for a panel at least 640 px wide: 700 / 640, not 1.25 (which would lay it out at 560)
        assertEquals(700.0 / 640, Magnified.fitted(1.25, 700, 640), 1e-12);
    }

    @Test
    void neverSmallerThanItsOwnSize() {
        assertEquals(1.0, Magnified.fitted(1.25, 500, 900), 1e-12);
    }

    @Test
    void layoutGivesThePanelAtLeastItsMinimumWidth() {
        Region panel = new Region();
        panel.setMinWidth(640);
        Magnified m = new Magnified(panel, 1.25);
        m.resize(700, 400);
        m.layout();
        assertEquals(700.0 / 640, m.factor(), 1e-12);
        assertEquals(640, panel.getWidth(), 1e-9);
        assertEquals(400 * 640 / 700.0, panel.getHeight(), 1e-9);
    }
}
