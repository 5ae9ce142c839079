package org.predspace.ui.compare;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

import java.util.List;
import org.predspace.ui.charts.NiceTicks;
import org.predspace.ui.charts.SequentialColourScale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Colour scale, colour-bar ticks, label shortening and curve picking: no display needed. */
class ScalesTest {
    @Test
    void colourScaleRunsFromDarkPurpleToYellowAndGetsLighterAllTheWay() {
        SequentialColourScale s = SequentialColourScale.forDistances(new double[][] {{0, 2}, {2, 0}});
        assertEquals(Color.web("#440154"), s.colour(0));
        assertEquals(Color.web("#FDE725"), s.colour(2));
        assertEquals(Color.web("#FDE725"), s.colour(5), "clamped above");
        double previous = -1;
        for (int i = 0; i <= 20; i++) {
            Color c = s.colour(i / 10.0);
            double luminance = 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
            assertTrue(luminance > previous, "monotone lightness at " + i);
            previous = luminance;
        }
        assertEquals(SequentialColourScale.MISSING, s.colour(Double.POSITIVE_INFINITY));
        assertEquals(2, s.high());
    }

    @Test
    void cellTextContrastsWithItsCell() {
        assertEquals(Color.WHITE, SequentialColourScale.textOn(Color.web("#440154")));
        assertEquals(Color.BLACK, SequentialColourScale.textOn(Color.web("#FDE725")));
    }

    @Test
    void colourBarTicksAreRoundAndInsideTheRange() {
        assertEquals(List.of(0.0, 0.05, 0.1, 0.15, 0.2), round(NiceTicks.between(0, 0.23, 5)));
        assertEquals(List.of(0.0, 0.5, 1.0, 1.5), round(NiceTicks.between(0, 1.7, 5)));
        assertEquals("0.05", NiceTicks.label(0.05, 0.05));
        assertEquals("2", NiceTicks.label(2, 1));
    }

    private static List<Double> round(List<Double> v) {
        return v.stream().map(x -> Math.round(x * 1e9) / 1e9).toList();
    }

    @Test
    void longRunNamesLoseTheirMiddleAndKeepBothEnds() {
        String name = "digits-mlp-adam-lr0.001-b128-s0";
        String fitted = RunLabels.fit(name, 16 * 7, s -> 7.0 * s.length());
        assertEquals(16, fitted.length());
        assertTrue(fitted.startsWith("digits-") && fitted.endsWith("-s0") && fitted.contains(RunLabels.ELLIPSIS), fitted);
        assertEquals("run-1", RunLabels.fit("run-1", 100, s -> 7.0 * s.length()));
    }

    @Test
    void partsEverySweepNameSharesAreDropped() {
        assertEquals(List.of("mlp-sgd-s0", "linear-adam-s1"),
                RunLabels.distinctive(List.of("digits-mlp-sgd-b128-s0", "digits-linear-adam-b128-s1")));
        // Different part counts: only a shared start and end go.
        assertEquals(List.of("mlp-wd0.1", "lenet"),
                RunLabels.distinctive(List.of("mnist-mlp-wd0.1-s0", "mnist-lenet-s0")));
        assertEquals(List.of("0", "1"), RunLabels.distinctive(List.of("run-0", "run-1")));
        assertEquals(List.of("same", "same"), RunLabels.distinctive(List.of("same", "same")));
    }

    @Test
    void aClickPicksTheNearestCurveWithinTheTolerance() {
        double[] flat = {0, 0, 100, 0};
        double[] rising = {0, 50, 100, 100};
        assertEquals(0, NearestLine.nearest(List.of(flat, rising), 50, 4, 10));
        assertEquals(1, NearestLine.nearest(List.of(flat, rising), 50, 73, 10));
        assertEquals(-1, NearestLine.nearest(List.of(flat, rising), 50, 30, 10));
        assertEquals(5, NearestLine.distance(new double[] {10, 10}, 13, 14), 1e-12);
    }
}
