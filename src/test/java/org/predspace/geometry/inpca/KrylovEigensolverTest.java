package org.predspace.geometry.inpca;

import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.distance.SyntheticTrajectories;
import org.predspace.geometry.distance.TestPoints;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KrylovEigensolverTest {
    static List<SqrtProbabilities> trajectories(int runs, int perRun, int samples, long seed) {
        SyntheticTrajectories source = new SyntheticTrajectories(runs, perRun, samples, 10, 3, seed);
        List<SqrtProbabilities> points = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) points.add(source.point(i));
        return points;
    }

    static void assertSameEigenpairs(Eigenpairs expected, Eigenpairs actual, double tolerance) {
        assertArrayEquals(expected.values(), actual.values(), tolerance * Math.abs(expected.values()[0]));
        for (int a = 0; a < expected.count(); a++) {
            // Same deterministic sign convention on both sides, so the vectors agree without flips.
            assertArrayEquals(expected.vectors()[a], actual.vectors()[a], 1e-6, "vector " + a);
        }
    }

    @Test
    void iterativeSolverEqualsTheDenseSolverOnTheLeadingPairs() {
        List<SqrtProbabilities> points = trajectories(8, 60, 150, 41);
        points.addAll(TestPoints.random(42, points.get(0).shape(), 100, 3.0));
        int m = points.size();
        CenteredGram g = CenteredGram.of(DistanceMatrix.of(points, Parallelism.of(2)).toArray(), m);
        Eigenpairs dense = new LapackEigensolver().leadingByMagnitude(g.w(), m, 10);
        KrylovEigensolver.Result krylov = new KrylovEigensolver().solve(g.w(), m, 10, null);
        assertTrue(krylov.products() > 0, "took the iterative path");
        assertSameEigenpairs(dense, krylov.pairs(), 1e-9);
    }

    @Test
    void findsLargeNegativeEigenvaluesByMagnitude() {
        int m = 400;
        double[] lambda = {9, -8.5, 7, 6.5, -6, 5, -4, 3.5, 3, -2.5, 2, 1.5, -1, 0.5};
        double[][] v = InPcaTest.centredOrthonormal(m, lambda.length, new SplittableRandom(43));
        double[] w = new double[m * m];
        SplittableRandom noise = new SplittableRandom(44);
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double x = 1e-3 * noise.nextGaussian(); // a small symmetric bulk under the prescribed spectrum
                for (int a = 0; a < lambda.length; a++) x += lambda[a] * v[a][i] * v[a][j];
                w[i * m + j] = x;
                w[j * m + i] = x;
            }
        }
        Eigenpairs dense = new LapackEigensolver().leadingByMagnitude(w, m, 10);
        KrylovEigensolver.Result krylov = new KrylovEigensolver().solve(w, m, 10, null);
        assertSameEigenpairs(dense, krylov.pairs(), 1e-9);
        assertEquals(-8.5, krylov.pairs().values()[1], 1e-2);
    }

    @Test
    void aWarmStartFromNearbyEigenvectorsNeedsFewerProducts() {
        List<SqrtProbabilities> points = trajectories(10, 50, 120, 45);
        int m = points.size();
        double[] d = DistanceMatrix.of(points, Parallelism.of(2)).toArray();
        CenteredGram g = CenteredGram.of(d, m);
        KrylovEigensolver solver = new KrylovEigensolver();
        KrylovEigensolver.Result cold = solver.solve(g.w(), m, 10, null);
        KrylovEigensolver.Result warm = solver.solve(g.w(), m, 10, cold.pairs().vectors());
        assertTrue(warm.products() < cold.products(), warm.products() + " vs " + cold.products());
        assertSameEigenpairs(cold.pairs(), warm.pairs(), 1e-9);
    }
}
