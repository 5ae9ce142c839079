package org.predspace.ui.view3d;

import javafx.geometry.Point2D;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OverlayPositionTest {
    private static final double W = 600, H = 400;

    @Test
    void aLabelGoesRightOfItsPointAndRaised() {
        assertEquals(new Point2D(312, 174), OverlayPosition.beside(300, 200, 100, 20, 12, 26, W, H));
    }

    @Test
    void nearTheRightEdgeItGoesLeftSoThatItIsWhole() {
        Point2D at = OverlayPosition.beside(560, 200, 100, 20, 12, 26, W, H);
        assertEquals(560 - 12 - 100, at.getX());
        assertEquals(174, at.getY());
        // exactly fitting stays right
        assertEquals(488, OverlayPosition.beside(476, 200, 100, 20, 12, 26, W, H).getX());
    }

    @Test
    void itStaysInsideTopAndBottom() {
        assertEquals(0, OverlayPosition.beside(100, 10, 100, 20, 12, 26, W, H).getY());
        assertEquals(H - 20, OverlayPosition.beside(100, H + 50, 100, 20, 12, 26, W, H).getY());
        assertEquals(0, OverlayPosition.beside(50, 200, 100, 20, 12, 26, 120, H).getX(), "narrower than the label: from the left edge");
    }

    @Test
    void aViewNotLaidOutYetHasNoEdges() {
        assertEquals(new Point2D(312, 174), OverlayPosition.beside(300, 200, 100, 20, 12, 26, 0, 0));
    }
}
