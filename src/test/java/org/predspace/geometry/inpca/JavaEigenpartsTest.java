package org.predspace.geometry.inpca;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The Krylov solver's two pieces in plain Java: W times a block, and the small dense eigenproblem. */
class JavaEigenpartsTest {
    private static double[] randomSymmetric(int m, SplittableRandom random) {
        double[] w = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double x = random.nextGaussian();
                w[i * m + j] = x;
                w[j * m + i] = x;
            }
        }
        return w;
    }

    @Test
    void blockProductsEqualTheTextbookSumAtSizesThatLeaveRemainders() {
        SplittableRandom random = new SplittableRandom(3);
        for (int m : new int[] {1, 6, 513, 1031}) {   // not multiples of the four rows per pass nor of the tile
            double[] w = randomSymmetric(m, random);
            List<double[]> x = new ArrayList<>();
            for (int c = 0; c < 5; c++) x.add(random.doubles(m, -1, 1).toArray());
            SymmetricProducts products = new SymmetricProducts(w, m);
            List<double[]> y = products.times(x);
            assertEquals(5, products.count());
            for (int c = 0; c < 5; c++) {
                for (int i = 0; i < m; i++) {
                    double expected = 0;
                    for (int j = 0; j < m; j++) expected += w[i * m + j] * x.get(c)[j];
                    assertEquals(expected, y.get(c)[i], 1e-12 * Math.sqrt(m), "m = " + m + ", vector " + c + ", row " + i);
                }
            }
        }
    }

    @Test
    void jacobiFindsAPrescribedSpectrumWithRepeatedAndNegativeValues() {
        int n = 37;
        double[] lambda = new double[n];
        for (int a = 0; a < n; a++) lambda[a] = (a % 5 == 0 ? -1 : 1) * (n - a) * 0.7;
        lambda[10] = lambda[11] = 3.25;   // a repeated eigenvalue
        lambda[20] = 0;
        double[][] q = orthonormalBasis(n, new SplittableRandom(5));
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = 0;
                for (int k = 0; k < n; k++) x += q[k][i] * lambda[k] * q[k][j];
                a[i * n + j] = x;
            }
        }
        double[] matrix = a.clone();
        double[] values = new double[n];
        CyclicJacobi.decompose(a, n, values);
        double[] sortedValues = values.clone();
        double[] sortedLambda = lambda.clone();
        Arrays.sort(sortedValues);
        Arrays.sort(sortedLambda);
        assertArrayEquals(sortedLambda, sortedValues, 1e-12 * n);
        for (int v = 0; v < n; v++) {   // column v of a: A u = lambda u, |u| = 1, orthogonal to the others
            for (int i = 0; i < n; i++) {
                double au = 0;
                for (int j = 0; j < n; j++) au += matrix[i * n + j] * a[j * n + v];
                assertEquals(values[v] * a[i * n + v], au, 1e-11 * n, "pair " + v + ", row " + i);
            }
            for (int u = 0; u <= v; u++) {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += a[i * n + u] * a[i * n + v];
                assertEquals(u == v ? 1 : 0, dot, 1e-12 * n, "columns " + u + " and " + v);
            }
        }
    }

    /** n orthonormal vectors of length n, by Gram-Schmidt (twice) on Gaussian ones. */
    private static double[][] orthonormalBasis(int n, SplittableRandom random) {
        double[][] q = new double[n][];
        for (int a = 0; a < n; a++) {
            double[] v = random.doubles(n).map(x -> x - 0.5).toArray();
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < a; b++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) dot += v[i] * q[b][i];
                    for (int i = 0; i < n; i++) v[i] -= dot * q[b][i];
                }
            }
            double norm = Math.sqrt(Arrays.stream(v).map(x -> x * x).sum());
            for (int i = 0; i < n; i++) v[i] /= norm;
            q[a] = v;
        }
        return q;
    }

    @Test
    void jacobiOfADiagonalMatrixIsTheMatrixItself() {
        double[] a = {2, 0, 0, 0, -1, 0, 0, 0, 5};
        double[] values = new double[3];
        CyclicJacobi.decompose(a, 3, values);
        assertArrayEquals(new double[] {2, -1, 5}, values, 0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, a, 0);
    }
}
