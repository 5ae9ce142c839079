package org.predspace.ui.compare;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeatmapLayoutTest {
    private final HeatmapLayout layout = new HeatmapLayout(800, 600, 4, 120, 18, 40);

    @Test
    void cellsAreSquareAndEverythingFitsInTheCanvas() {
        double c = layout.cell();
        assertTrue(c > 20, "cell " + c);
        assertTrue(layout.barLabelX() + 40 + HeatmapLayout.PAD <= 800 + 1e-9);
        assertTrue(layout.columnLabelY() + 120 + HeatmapLayout.PAD <= 600 + 1e-9);
        assertTrue(layout.dendrogramX() + layout.dendrogramWidth() < layout.cellsX());
    }

    @Test
    void aPointInACellHitsThatRowAndColumn() {
        double c = layout.cell();
        HeatmapLayout.Hit hit = layout.hit(layout.cellsX() + 2.5 * c, layout.cellsY() + 1.2 * c);
        assertEquals(new HeatmapLayout.Hit(HeatmapLayout.Part.CELL, 1, 2), hit);
        assertEquals(1, hit.run(), "a cell selects its row's run");
    }

    @Test
    void labelsAndLeavesHitTheirRun() {
        double c = layout.cell();
        double row3 = layout.slotCentre(3);
        assertEquals(new HeatmapLayout.Hit(HeatmapLayout.Part.ROW_LABEL, 3, -1), layout.hit(layout.rowLabelX() + 10, row3));
        assertEquals(new HeatmapLayout.Hit(HeatmapLayout.Part.LEAF, 3, -1), layout.hit(layout.cellsX() - 8, row3));
        HeatmapLayout.Hit column = layout.hit(layout.cellsX() + 0.5 * c, layout.columnLabelY() + 30);
        assertEquals(new HeatmapLayout.Hit(HeatmapLayout.Part.COLUMN_LABEL, -1, 0), column);
        assertEquals(0, column.run());
    }

    @Test
    void outsideEverythingHitsNothing() {
        assertEquals(HeatmapLayout.Hit.NONE, layout.hit(2, 2));
        assertEquals(HeatmapLayout.Hit.NONE, layout.hit(layout.barX() + 5, layout.slotCentre(0)));
        assertEquals(HeatmapLayout.Hit.NONE, layout.hit(layout.cellsX() + 5, layout.cellsY() + layout.cellsSize() + 1e3));
        assertEquals(HeatmapLayout.Hit.NONE, new HeatmapLayout(800, 600, 0, 0, 0, 0).hit(300, 300));
    }

    @Test
    void manyRunsInASmallPanelKeepOnlySwatchesUnderTheColumns() {
        HeatmapLayout roomy = new HeatmapLayout(800, 600, 4, 120, 18, 40);
        assertTrue(roomy.columnNames());
        assertEquals(120, roomy.columnLabelHeight());
        HeatmapLayout crowded = new HeatmapLayout(550, 600, 10, 137, 18, 40);
        assertFalse(crowded.columnNames());
        assertEquals(crowded.swatch(), crowded.columnLabelHeight());
        HeatmapLayout.Hit below = crowded.hit(crowded.columnCentreX(2), crowded.columnLabelY() + crowded.swatch() / 2);
        assertEquals(new HeatmapLayout.Hit(HeatmapLayout.Part.COLUMN_LABEL, -1, 2), below);
        assertEquals(HeatmapLayout.Hit.NONE, crowded.hit(crowded.columnCentreX(2), crowded.columnLabelY() + 60));
    }

    @Test
    void cellsNeverGrowIntoATable() {
        assertEquals(HeatmapLayout.MAX_CELL, new HeatmapLayout(4000, 4000, 2, 50, 18, 40).cell());
    }
}
