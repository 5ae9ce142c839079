package org.predspace.spectra;

import org.junit.jupiter.api.Test;

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
        assertArrayEquals(java.util.Arrays.copyOf(all, 3), d.values(), 1e-12);
    }
}
