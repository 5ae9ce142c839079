package org.predspace.geometry.inpca;

import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.distance.TestPoints;
import org.predspace.geometry.trajectory.Geodesic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InPcaTest {
    private static final ProbeShape SHAPE = new ProbeShape("probe", 60, 10);

    static double range(Embedding e, int axis) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < e.size(); i++) {
            lo = Math.min(lo, e.coordinate(i, axis));
            hi = Math.max(hi, e.coordinate(i, axis));
        }
        return hi - lo;
    }

    @Test
    void outOfSamplePlacementReproducesEmbeddedCoordinates() {
        DistanceMatrix d = DistanceMatrix.of(TestPoints.random(11, SHAPE, 120, 2.0), Parallelism.of(2));
        Embedding e = InPca.embed(d, 10);
        for (int i = 0; i < d.size(); i++) {
            double[] x = e.place(d.row(i, d.size()));
            for (int a = 0; a < e.axes(); a++) {
                assertEquals(e.coordinate(i, a), x[a], 1e-9 * range(e, 0), "point " + i + " axis " + a);
            }
        }
    }

    @Test
    void pointsAlongTheGeodesicEmbedInMonotoneOrderAlongTheFirstAxis() {
        List<SqrtProbabilities> family = Geodesic.ignoranceToTruth(SHAPE, TestPoints.labels(12, 60, 10)).points(30);
        Embedding e = InPca.embed(DistanceMatrix.of(family, Parallelism.serial()), 3);
        double direction = Math.signum(e.coordinate(29, 0) - e.coordinate(0, 0));
        for (int i = 1; i < 30; i++) {
            assertTrue(direction * (e.coordinate(i, 0) - e.coordinate(i - 1, 0)) > 0, "not monotone at " + i);
        }
        assertTrue(e.explainedStress()[0] > 0.9, "a curve this straight is nearly one-dimensional");
    }

    @Test
    void temperedSoftmaxFamilyEmbedsInMonotoneOrderAlongTheFirstAxis() {
        SplittableRandom random = new SplittableRandom(13);
        double[] logits = new double[SHAPE.values()];
        for (int k = 0; k < logits.length; k++) logits[k] = 2 * random.nextGaussian();
        List<SqrtProbabilities> family = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            double beta = i / 8.0; // inverse temperature: 0 is uniform, large is nearly one-hot
            float[] p = new float[logits.length];
            double[] tempered = new double[10];
            for (int s = 0; s < SHAPE.samples(); s++) {
                for (int c = 0; c < 10; c++) tempered[c] = beta * logits[s * 10 + c];
                TestPoints.softmax(tempered, p, s * 10);
            }
            family.add(SqrtProbabilities.of("tempered", SHAPE, p));
        }
        Embedding e = InPca.embed(DistanceMatrix.of(family, Parallelism.serial()), 3);
        double direction = Math.signum(e.coordinate(24, 0) - e.coordinate(0, 0));
        for (int i = 1; i < 25; i++) assertTrue(direction * (e.coordinate(i, 0) - e.coordinate(i - 1, 0)) > 0, "at " + i);
    }

    /** D built from a centred W with eigenvalues (3, -2, 1, 0.5): InPCA must return them, signs included. */
    @Test
    void aKnownNegativeEigenvalueGivesATimeLikeAxis() {
        int m = 9;
        double[] lambda = {3, -2, 1, 0.5};
        double[][] v = centredOrthonormal(m, lambda.length, new SplittableRandom(14));
        double[] w = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                for (int a = 0; a < lambda.length; a++) w[i * m + j] += lambda[a] * v[a][i] * v[a][j];
            }
        }
        double[] d = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) d[i * m + j] = w[i * m + i] + w[j * m + j] - 2 * w[i * m + j];
        }
        Embedding e = InPca.embed(d, m, 4, new LapackEigensolver());
        assertArrayEquals(lambda, e.eigenvalues(), 1e-12);
        assertTrue(e.isTimeLike(1));
        assertFalse(e.isTimeLike(0));
        // Minkowski squared distance recovers D exactly: sum_k sign(lambda_k) (x_ik - x_jk)^2.
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int a = 0; a < 4; a++) {
                    double diff = e.coordinate(i, a) - e.coordinate(j, a);
                    s += Math.signum(lambda[a]) * diff * diff;
                }
                assertEquals(d[i * m + j], s, 1e-12);
            }
        }
    }

    static double[][] centredOrthonormal(int m, int k, SplittableRandom random) {
        double[][] v = new double[k][m];
        for (int a = 0; a < k; a++) {
            for (int i = 0; i < m; i++) v[a][i] = random.nextGaussian();
            double mean = 0;
            for (double x : v[a]) mean += x / m;
            for (int i = 0; i < m; i++) v[a][i] -= mean;
            for (int b = 0; b < a; b++) {
                double dot = 0;
                for (int i = 0; i < m; i++) dot += v[a][i] * v[b][i];
                for (int i = 0; i < m; i++) v[a][i] -= dot * v[b][i];
            }
            double norm = 0;
            for (double x : v[a]) norm += x * x;
            for (int i = 0; i < m; i++) v[a][i] /= Math.sqrt(norm);
        }
        return v;
    }

    @Test
    void stressIsInTheUnitIntervalIncreasingAndItsDenominatorEqualsTheFullSpectrum() {
        DistanceMatrix d = DistanceMatrix.of(TestPoints.random(15, SHAPE, 80, 1.5), Parallelism.serial());
        Embedding all = InPca.embed(d.toArray(), 80, 80, new LapackEigensolver());
        Embedding top = InPca.embed(d, 10);
        double sumSquares = 0;
        for (double l : all.eigenvalues()) sumSquares += l * l;
        assertEquals(sumSquares, top.frobeniusSquared(), 1e-10 * sumSquares);
        double[] s = top.explainedStress();
        double explained = 0;
        for (int k = 0; k < 10; k++) {
            explained += all.eigenvalues()[k] * all.eigenvalues()[k];
            assertEquals(1 - Math.sqrt(1 - explained / sumSquares), s[k], 1e-10);
            assertTrue(s[k] >= 0 && s[k] <= 1);
            if (k > 0) assertTrue(s[k] >= s[k - 1]);
        }
        assertEquals(1.0, all.explainedStress()[79], 1e-6);
        assertArrayEquals(Arrays.copyOf(all.eigenvalues(), 10), top.eigenvalues(), 1e-10);
    }

    @Test
    void denseSolverReturnsTrueEigenpairsOrderedByMagnitudeWithBothSigns() {
        DistanceMatrix d = DistanceMatrix.of(TestPoints.random(16, SHAPE, 150, 3.0), Parallelism.serial());
        CenteredGram g = CenteredGram.of(d.toArray(), 150);
        Eigenpairs pairs = new LapackEigensolver().leadingByMagnitude(g.w(), 150, 12);
        for (int a = 0; a < 12; a++) {
            double[] v = pairs.vectors()[a];
            double residual = 0;
            for (int i = 0; i < 150; i++) {
                double wv = 0;
                for (int j = 0; j < 150; j++) wv += g.w()[i * 150 + j] * v[j];
                residual += Math.pow(wv - pairs.values()[a] * v[i], 2);
            }
            assertTrue(Math.sqrt(residual) < 1e-10 * Math.abs(pairs.values()[0]));
            if (a > 0) assertTrue(Math.abs(pairs.values()[a]) <= Math.abs(pairs.values()[a - 1]));
        }
    }

    /** Both ends of the spectrum: a prescribed spectrum with signs mixed among the largest |lambda|. */
    @Test
    void denseSolverFindsThePrescribedLeadingEigenvaluesFromBothEnds() {
        int m = 150;
        double[] lambda = {9, -8.5, 7, 6.5, -6, 5, -4, 3.5, 3, -2.5, 2, 1.5, -1, 0.5};
        double[][] v = centredOrthonormal(m, lambda.length, new SplittableRandom(17));
        double[] w = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                for (int a = 0; a < lambda.length; a++) w[i * m + j] += lambda[a] * v[a][i] * v[a][j];
            }
        }
        Eigenpairs pairs = new LapackEigensolver().leadingByMagnitude(w, m, 10);
        assertArrayEquals(Arrays.copyOf(lambda, 10), pairs.values(), 1e-10);
        for (int a = 0; a < 10; a++) {
            double dot = 0;
            for (int i = 0; i < m; i++) dot += v[a][i] * pairs.vectors()[a][i];
            assertEquals(1, Math.abs(dot), 1e-10);
        }
    }
}
