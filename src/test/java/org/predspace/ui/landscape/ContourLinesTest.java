package org.predspace.ui.landscape;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;

import static org.junit.jupiter.api.Assertions.*;

class ContourLinesTest {
    /** values[row][column] = f(column, row) on an n x n grid. */
    private static double[][] grid(int n, DoubleBinaryOperator f) {
        double[][] v = new double[n][n];
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) v[r][c] = f.applyAsDouble(c, r);
        return v;
    }

    @Test
    void aLinearFieldsContourIsTheStraightLineWhereItEqualsTheLevel() {
        // z = column + 2 row: linear interpolation is exact, so every crossing lies on c + 2r = 4.3
        List<ContourLines.Segment> segments = ContourLines.at(grid(6, (c, r) -> c + 2 * r), 4.3);
        assertFalse(segments.isEmpty());
        for (ContourLines.Segment s : segments) {
            assertEquals(4.3, s.column1() + 2 * s.row1(), 1e-12);
            assertEquals(4.3, s.column2() + 2 * s.row2(), 1e-12);
        }
        // the line crosses rows 0..2 (r = (4.3 - c) / 2 for c in [0, 5]): one segment per square it passes
        double length = segments.stream().mapToDouble(s -> Math.hypot(s.column2() - s.column1(), s.row2() - s.row1())).sum();
        assertEquals(Math.hypot(4.3, 4.3 / 2), length, 1e-9, "the pieces join into the whole line inside the grid");
    }

    @Test
    void aBowlsContourIsAClosedRingAroundItsMinimum() {
        // z = (c - 10)^2 + (r - 10)^2: the level 24.5 is the circle of radius 4.95 about (10, 10) (through no grid point)
        List<ContourLines.Segment> segments = ContourLines.at(grid(21, (c, r) -> (c - 10) * (c - 10) + (r - 10) * (r - 10)), 24.5);
        double radius = Math.sqrt(24.5);
        double length = 0;
        for (ContourLines.Segment s : segments) {
            assertEquals(radius, Math.hypot(s.column1() - 10, s.row1() - 10), 0.15);
            assertEquals(radius, Math.hypot(s.column2() - 10, s.row2() - 10), 0.15);
            length += Math.hypot(s.column2() - s.column1(), s.row2() - s.row1());
        }
        assertEquals(2 * Math.PI * radius, length, 0.5);
        // closed: every end point is shared by exactly two segments
        Map<String, Integer> ends = new HashMap<>();
        for (ContourLines.Segment s : segments) {
            ends.merge(String.format("%.9f,%.9f", s.column1(), s.row1()), 1, Integer::sum);
            ends.merge(String.format("%.9f,%.9f", s.column2(), s.row2()), 1, Integer::sum);
        }
        assertTrue(ends.values().stream().allMatch(n -> n == 2), ends.toString());
    }

    @Test
    void aSaddleIsResolvedByItsCentreAndGivesTwoSegments() {
        // corners 1 (top-left), 0 (top-right), 1 (bottom-right), 0 (bottom-left), centre 0.5
        double[][] saddle = {{1, 0}, {0, 1}};
        List<ContourLines.Segment> above = ContourLines.at(saddle, 0.4);   // centre above: the zeros are cut off
        assertEquals(2, above.size());
        // the top-right corner (column 1, row 0) is cut off by a segment from the top edge to the right edge
        assertTrue(above.stream().anyMatch(s -> s.row1() == 0 && s.column2() == 1), above.toString());
        List<ContourLines.Segment> below = ContourLines.at(saddle, 0.6);   // centre below: the ones are cut off
        assertEquals(2, below.size());
        assertTrue(below.stream().anyMatch(s -> s.column1() == 0 && s.row2() == 0), "top-left cut off by left and top: " + below);
    }

    @Test
    void squaresNotYetEvaluatedHaveNoContour() {
        double[][] v = grid(4, (c, r) -> c);
        for (double[] row : v) row[2] = Double.NaN;
        // only the squares between columns 0 and 1 are whole; the level 2.5 lies where nothing is known
        assertTrue(ContourLines.at(v, 2.5).isEmpty());
        assertEquals(3, ContourLines.at(v, 0.5).size());
    }

    @Test
    void levelsAreEvenInLogBetweenTheExtremes() {
        double[] levels = ContourLines.logLevels(new double[][] {{0.01, 1}, {Double.NaN, 0.1}}, 3);
        assertArrayEquals(new double[] {Math.pow(10, -1.5), 0.1, Math.pow(10, -0.5)}, levels, 1e-12);
        assertEquals(0, ContourLines.logLevels(new double[][] {{2, 2}}, 5).length, "a flat grid has no contour");
    }
}
