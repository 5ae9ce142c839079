package org.predspace.ui.landscape;

import org.junit.jupiter.api.Test;
import org.predspace.landscape.PlaneSlice;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The pure pieces of the plane's drawing: the coarse lattice, the axes, and the caption (a random plane's projection: PlaneSliceTest). */
class PlaneGeometryTest {
    @Test
    void aCoarsePassIsALatticeAndFillsEveryCellWithItsNearestValue() {
        double[][] grid = new double[5][5];
        for (double[] row : grid) Arrays.fill(row, Double.NaN);
        // a pass with stride 2 (and the last index): rows and columns 0, 2, 4
        for (int r = 0; r <= 4; r += 2) for (int c = 0; c <= 4; c += 2) grid[r][c] = 10 * r + c;
        EvaluatedLattice lattice = EvaluatedLattice.of(grid);
        assertArrayEquals(new double[] {0, 2, 4}, lattice.values()[0], 0);
        assertArrayEquals(new double[] {40, 42, 44}, lattice.values()[2], 0);
        double[][] filled = lattice.filled(5, 5);
        assertEquals(0, filled[0][1], 0, "column 1 is as near column 0 as column 2: the first wins");
        assertEquals(22, filled[2][2], 0);
        assertEquals(42, filled[4][3], 0, "a tie again goes to the earlier column");
        assertEquals(24, filled[3][4], 0, "row 3 takes row 2's value");
        assertEquals(3.0, lattice.gridColumn(1.5), 0, "lattice column 1.5 is grid column 3");
        assertEquals(4.0, lattice.gridRow(2), 0);
        assertTrue(EvaluatedLattice.of(new double[][] {{Double.NaN}}).isEmpty());
    }

    @Test
    void theShorterAxisIsWidenedAboutItsCentreToHalfTheLonger() {
        PlaneSlice slice = trajectory(new double[][] {{-4, 0.2}, {-2, -0.1}, {0, 0}});
        double[][] axes = PlaneAxes.of(slice, 11);
        double xSpan = axes[0][10] - axes[0][0], ySpan = axes[1][10] - axes[1][0];
        assertEquals(4 * 1.5, xSpan, 1e-12, "the path's extent and a quarter of it each side");
        assertEquals(xSpan / 2, ySpan, 1e-12);
        assertEquals(0.05, (axes[1][0] + axes[1][10]) / 2, 1e-12, "centred where the path's y extent was");
        for (double[] c : slice.coordinates()) assertTrue(c[1] >= axes[1][0] && c[1] <= axes[1][10]);
    }

    @Test
    void theCaptionSaysHowMuchOfThePathThePlaneHoldsAndTheFarthestCheckpoint() {
        PlaneSlice slice = new PlaneSlice(PlaneSlice.Kind.TRAJECTORY, 0, new double[1], new double[1], new double[1],
                new long[] {0, 10, 20}, new double[][] {{1, 0}, {0, 1}, {0, 0}}, new double[] {0.1, 0.42, 0}, 0.873);
        assertEquals("The plane holds 87.3% of the path; checkpoints are up to 0.42 off it (step 10; the rings show each one's distance).",
                PlaneCaption.of(slice));
        PlaneSlice random = new PlaneSlice(PlaneSlice.Kind.FILTER_NORMALIZED, 7, new double[1], new double[1], new double[1],
                new long[] {0}, new double[][] {{0, 0}}, new double[] {0}, Double.NaN);
        assertEquals("Random filter-normalised directions (seeds 7 and 8); every checkpoint lies on it.", PlaneCaption.of(random));
    }

    private static PlaneSlice trajectory(double[][] coordinates) {
        int n = coordinates.length;
        return new PlaneSlice(PlaneSlice.Kind.TRAJECTORY, 0, new double[1], new double[1], new double[1], new long[n], coordinates,
                new double[n], 0.9);
    }
}
