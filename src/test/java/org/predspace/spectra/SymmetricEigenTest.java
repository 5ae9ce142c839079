package org.predspace.spectra;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SymmetricEigenTest {
    private static double[] randomSymmetric(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = i; j < n; j++) {
            a[i * n + j] = rng.nextDouble() - 0.5;
            a[j * n + i] = a[i * n + j];
        }
        return a;
    }

    private static void assertEigenpairs(double[] a, int n, SymmetricEigen.Decomposition d) {
        for (int j = 0; j < d.values().length; j++) {
            double[] v = d.vectors()[j];
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int k = 0; k < n; k++) av += a[i * n + k] * v[k];
                assertEquals(d.values()[j] * v[i], av, 1e-12, "A v = lambda v, pair " + j + " row " + i);
            }
        }
    }

    @Test
    void allEigenpairsSatisfyTheEigenEquation() {
        double[] a = randomSymmetric(7, 1);
        SymmetricEigen.Decomposition d = SymmetricEigen.all(a, 7);
        assertEigenpairs(a, 7, d);
        for (int j = 1; j < 7; j++) assertTrue(d.values()[j] <= d.values()[j - 1]);
    }

    @Test
    void largestKFromTheUpperTriangleOnly() {
        int n = 9;
        double[] a = randomSymmetric(n, 2);
        double[] upper = a.clone();
        for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) upper[i * n + j] = Double.NaN; // never read
        SymmetricEigen.Decomposition d = SymmetricEigen.largest(SymmetricEigen.direct(upper), n, 3);
        assertEigenpairs(a, n, d);
        double[] all = SymmetricEigen.eigenvalues(SymmetricEigen.direct(upper), n);
        assertArrayEquals(Arrays.copyOf(all, 3), d.values(), 1e-12);
    }

    /** Q diag(lambda) Q^T, Q the eigenvectors of a random symmetric matrix (orthogonal to rounding). */
    static double[] withSpectrum(double[] lambda, long seed) {
        int n = lambda.length;
        double[][] q = SymmetricEigen.all(randomSymmetric(n, seed), n).vectors();
        double[] a = new double[n * n];
        for (int k = 0; k < n; k++) {
            double[] v = q[k];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i * n + j] += lambda[k] * v[i] * v[j];
        }
        return a;
    }

    @Test
    void eigenvaluesOnlyEqualTheWithVectorsPathAcrossTwelveDecades() {
        int n = 300; // larger than the two-stage band width, so both stages run
        double[] lambda = new double[n];
        for (int k = 0; k < n; k++) lambda[k] = Math.pow(10, 2 - 12.0 * k / (n - 1)); // 100 down to 1e-10
        double[] a = withSpectrum(lambda, 3);
        double[] withVectors = SymmetricEigen.all(a, n).values();
        double[] only = SymmetricEigen.eigenvalues(SymmetricEigen.direct(a), n);
        assertEquals(n, only.length);
        for (int k = 0; k < n; k++) {
            // both are backward stable: equal to a few eps times the largest, and to the truth
            assertEquals(withVectors[k], only[k], 1e-13 * lambda[0], "eigenvalue " + k);
            assertEquals(lambda[k], only[k], 1e-13 * lambda[0], "eigenvalue " + k);
            if (k > 0) assertTrue(only[k] <= only[k - 1], "largest first");
        }
    }
}
