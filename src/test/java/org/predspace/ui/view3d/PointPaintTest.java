package org.predspace.ui.view3d;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.session.PointInfo;
import org.predspace.session.RunState;
import org.predspace.ui.Colouring;
import org.predspace.ui.charts.ColourPalette;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Colouring by train loss, test loss and distance to truth: positions on the sequential map
 * worked out by hand (log10 when the values span a decade, linear otherwise), grey where a value
 * was not measured, and a legend that says both.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class PointPaintTest {
    private final ColourPalette palette = new ColourPalette(Color.web("#FAFAFA"));
    private final PointPaint paint = new PointPaint(palette);

    /** One run, checkpoints at steps 0, 10, 20 with these losses, and the picture's points for them after the two anchors. */
    private static Map<String, PointPaint.RunLook> run(double[] trainLoss, double[] testLoss) {
        List<CheckpointMetrics> metrics = new ArrayList<>();
        for (int k = 0; k < trainLoss.length; k++) metrics.add(new CheckpointMetrics(10L * k, k, trainLoss[k], 0.5, testLoss[k], 0.5));
        RunState s = new RunState("r", Path.of("r"), Map.of("architecture", "mlp"), RunState.Phase.FINISHED, "", metrics,
                10L * (trainLoss.length - 1), 10L * (trainLoss.length - 1), false);
        return Map.of("r", new PointPaint.RunLook(s, 0, true));
    }

    private static List<PointInfo> points(double... truthDistance) {
        List<PointInfo> p = new ArrayList<>();
        p.add(new PointInfo("ignorance", -1, -1, 0, 0, Double.NaN, Double.NaN, Double.NaN, 1.1));
        p.add(new PointInfo("truth", -2, -1, 1, 0, Double.NaN, Double.NaN, Double.NaN, 0));
        for (int k = 0; k < truthDistance.length; k++) {
            p.add(new PointInfo("r", k, 10L * k, 0.5, 0.1, 0.5, 0.5, Double.NaN, truthDistance[k]));
        }
        return p;
    }

    private int[] expected(double... positions) {
        int[] out = new int[positions.length + 2];
        out[0] = out[1] = -1;   // anchors are drawn on their own
        for (int k = 0; k < positions.length; k++) {
            out[k + 2] = Double.isNaN(positions[k]) ? palette.missing(false) : palette.sequential(positions[k], false);
        }
        return out;
    }

    @Test
    void lossesSpanningDecadesArePlacedOnALogScale() {
        var runs = run(new double[] {1.0, 0.1, 0.001}, new double[] {1, 2, 3});
        List<PointInfo> pts = points(1, 1, 1);
        // log10: 0, -1, -3 between -3 and 0
        assertArrayEquals(expected(1, 2 / 3.0, 0), paint.colours(pts, pts.size(), runs, Colouring.TRAIN_LOSS, null));
        PointPaint.Legend legend = paint.legend(pts, pts.size(), runs, Colouring.TRAIN_LOSS);
        assertEquals("Colour: train loss (log scale)", legend.title());
        assertEquals("0.00100", legend.low());
        assertEquals("1.00", legend.high());
        assertEquals("", legend.missing(), "every value measured");
    }

    @Test
    void lossesWithinADecadeAreLinearAndUnmeasuredOnesGrey() {
        var runs = run(new double[] {2.0, 0.2, 0.02}, new double[] {1.5, Double.NaN, 3});
        List<PointInfo> pts = points(1, 1, 1);
        assertArrayEquals(expected(0, Double.NaN, 1), paint.colours(pts, pts.size(), runs, Colouring.TEST_LOSS, null));
        PointPaint.Legend legend = paint.legend(pts, pts.size(), runs, Colouring.TEST_LOSS);
        assertEquals("Colour: test loss", legend.title());
        assertEquals("1.50", legend.low());
        assertEquals("3.00", legend.high());
        assertEquals("grey: not measured (1 point)", legend.missing());
    }

    @Test
    void distanceToTruthComesFromThePointsOwnValue() {
        var runs = run(new double[] {1, 1, 1, 1}, new double[] {1, 1, 1, 1});
        List<PointInfo> pts = points(0.8, 0.6, 0.2, Double.NaN);
        assertArrayEquals(expected(1, (0.6 - 0.2) / 0.6, 0, Double.NaN),
                paint.colours(pts, pts.size(), runs, Colouring.TRUTH_DISTANCE, null));
        assertEquals("grey: not measured (1 point)", paint.legend(pts, pts.size(), runs, Colouring.TRUTH_DISTANCE).missing());
    }

    @Test
    void unmeasuredGreyIsNoColourOfTheSequentialMap() {
        Color grey = palette.colour(palette.missing(false));
        for (int i = 0; i < ColourPalette.SEQUENTIAL; i++) {
            assertEquals(false, grey.equals(palette.colour(palette.sequential(i / 255.0, false))), "entry " + i);
        }
    }
}
