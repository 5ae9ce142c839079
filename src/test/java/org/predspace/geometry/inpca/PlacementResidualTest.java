package org.predspace.geometry.inpca;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The residual of a placed point against a closed form: on points of a line whose d_B are squared
 * distances, a new point at height h above the line is placed at its foot (classical MDS's
 * out-of-sample placement projects), so the picture's distances miss exactly h^2 each.
 */
class PlacementResidualTest {
    /** Points at 0, 1 and 3 on a line, d = squared distance: one axis holds them exactly. */
    private static final double[] LINE = {0, 1, 3};

    private static Embedding lineEmbedding() {
        int m = LINE.length;
        double[] d = new double[m * m];
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) d[i * m + j] = sq(LINE[i] - LINE[j]);
        return InPca.embed(d, m, 1, new LapackEigensolver());
    }

    @Test
    void aPointOnTheLineHasNoResidualAndOneAboveItMissesItsHeightSquared() {
        Embedding basis = lineEmbedding();
        double[] onLine = distancesFrom(2, 0);
        assertEquals(0, PlacementResidual.of(basis, onLine, basis.place(onLine)), 1e-12);

        double h = 1;
        double[] above = distancesFrom(2, h);
        double[] x = basis.place(above);
        // the foot of the point: its distances in the picture are (2 - p_j)^2
        assertEquals(Math.abs(2 - LINE[0]), Math.abs(x[0] - basis.coordinate(0, 0)), 1e-12);
        double expected = Math.sqrt(3 * Math.pow(h, 4) / (sq(4 + h * h) + 2 * sq(1 + h * h)));
        assertEquals(expected, PlacementResidual.of(basis, above, x), 1e-12);
    }

    @Test
    void theEmbeddedPointsOfAnExactPictureHaveNone() {
        Embedding basis = lineEmbedding();
        for (int i = 0; i < LINE.length; i++) {
            double[] row = distancesFrom(LINE[i], 0);
            assertEquals(0, PlacementResidual.of(basis, row, new double[] {basis.coordinate(i, 0)}), 1e-12);
        }
        assertEquals(2.0, PlacementResidual.median(new double[] {3, Double.NaN, 1, 2}));
        assertTrue(Double.isNaN(PlacementResidual.median(new double[] {Double.NaN})));
    }

    @Test
    void aTimeLikeAxisCountsNegatively() {
        // d = ds^2 - dt^2 between points (s, t): the picture needs one space-like and one time-like axis
        double[][] points = {{0, 0}, {3, 0}, {1, 0.5}, {5, 1}};
        int m = points.length;
        double[] d = new double[m * m];
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) d[i * m + j] = minkowski(points[i], points[j]);
        Embedding basis = InPca.embed(d, m, 2, new LapackEigensolver());
        assertTrue(basis.isTimeLike(0) != basis.isTimeLike(1), "one axis of each kind");
        double[] q = {2, 0.3};
        double[] delta = new double[m];
        for (int j = 0; j < m; j++) delta[j] = minkowski(q, points[j]);
        assertEquals(0, PlacementResidual.of(basis, delta, basis.place(delta)), 1e-9);
    }

    private static double minkowski(double[] a, double[] b) { return sq(a[0] - b[0]) - sq(a[1] - b[1]); }

    private static double[] distancesFrom(double at, double height) {
        double[] d = new double[LINE.length];
        for (int j = 0; j < d.length; j++) d[j] = sq(at - LINE[j]) + sq(height);
        return d;
    }

    private static double sq(double v) { return v * v; }
}
