package org.predspace.ui.charts;

import javafx.geometry.Point2D;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogScaleTest {
    private static final double EPS = 1e-12;

    @Test
    void stepScalePutsStepZeroAtTheOriginAndStepNineAtOne() {
        LogScale s = LogScale.steps();
        assertEquals(0, s.toAxis(0), EPS);
        assertEquals(1, s.toAxis(9), EPS);
        assertEquals(Math.log10(1001), s.toAxis(1000), EPS);
        assertEquals(1000, s.fromAxis(s.toAxis(1000)), 1e-9);
        assertTrue(Double.isNaN(s.toAxis(-1)), "step -1 has no position");
        assertTrue(Double.isNaN(s.toAxis(Double.NaN)));
    }

    @Test
    void stepTicksAreZeroThenEveryDecadeInRange() {
        LogScale s = LogScale.steps();
        List<Double> ticks = s.majorTicks(0, s.toAxis(2000));
        List<String> labels = ticks.stream().map(s::label).toList();
        assertEquals(List.of("0", "1", "10", "100", "1k"), labels);
        assertEquals(s.toAxis(100), ticks.get(3), EPS);
    }

    @Test
    void ticksOfAPositiveScaleSpanNegativeDecades() {
        LogScale s = LogScale.positive();
        List<String> labels = s.majorTicks(-5, 2).stream().map(s::label).toList();
        assertEquals(List.of("1e-5", "1e-4", "0.001", "0.01", "0.1", "1", "10", "100"), labels);
        assertEquals(List.of(-5.0, -4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0), s.majorTicks(-5, 2).stream()
                .map(x -> (double) Math.round(x)).toList());
    }

    @Test
    void minorTicksAreTwoToNineTimesEachDecade() {
        LogScale s = LogScale.positive();
        List<Double> minor = s.minorTicks(0, 1);
        assertEquals(8, minor.size());
        assertEquals(Math.log10(2), minor.get(0), EPS);
        assertEquals(Math.log10(9), minor.get(7), EPS);
    }

    @Test
    void upperBoundIsTheNextOneTwoOrFiveTimesADecade() {
        LogScale s = LogScale.steps();
        assertEquals(s.toAxis(100), s.upperBound(90), EPS);
        assertEquals(s.toAxis(200), s.upperBound(110), EPS);
        assertEquals(s.toAxis(500), s.upperBound(500), EPS);
        assertEquals(s.toAxis(1000), s.upperBound(501), EPS);
        assertEquals(s.toAxis(1), s.upperBound(0), EPS);
    }

    @Test
    void lowerBoundIsTheOriginForStepsAndTheDecadeBelowForPositiveValues() {
        assertEquals(0, LogScale.steps().lowerBound(0), EPS);
        assertEquals(0, LogScale.steps().lowerBound(0.5), EPS);
        assertEquals(LogScale.steps().toAxis(10), LogScale.steps().lowerBound(37), EPS);
        assertEquals(-3, LogScale.positive().lowerBound(0.0042), EPS);
    }

    @Test
    void largeStepsReadAsThousandsAndMillions() {
        LogScale s = LogScale.steps();
        assertEquals("10k", s.label(s.toAxis(10_000)));
        assertEquals("1M", s.label(s.toAxis(1_000_000)));
        assertEquals("1e9", s.label(s.toAxis(1e9)));
    }

    @Test
    void nearestPointIsWithinTheTolerance() {
        var points = List.of(new Point2D(0, 0), new Point2D(10, 0),
                new Point2D(30, 0));
        assertEquals(1, NearestPoint.within(points, new Point2D(13, 2), 8));
        assertEquals(-1, NearestPoint.within(points, new Point2D(20, 0), 8));
    }
}
