package org.predspace.ui.spectrum;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SeriesStyleTest {
    @Test
    void theLineTakesTheRunColourAndTheFirstCheckpointOfARunIsSolid() {
        SeriesStyle first = new SeriesStyle(Color.web("#0072B2"), 0);
        assertTrue(first.lineCss().contains("-fx-stroke: #0072b2;"), first.lineCss());
        assertFalse(first.lineCss().contains("dash"));
    }

    @Test
    void checkpointsOfOneRunGetDistinctDashes() {
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < SeriesStyle.DASHES.size(); i++) {
            assertTrue(seen.add(new SeriesStyle(Color.RED, i).dashes()));
        }
        assertTrue(new SeriesStyle(Color.RED, 1).lineCss().contains("-fx-stroke-dash-array: 12 6;"));
    }
}
