package org.predspace.spectra;

import org.predspace.platform.NativeLibraries;
import org.predspace.platform.OpenBlas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;

/**
 * Dense symmetric eigensolves through OpenBLAS's LAPACKE (dsyevd, dsyevr) on direct buffers.
 * Matrices are given row-major with the upper triangle filled; LAPACK is called column-major on
 * the lower triangle, which is the same memory: LAPACKE's row-major interface would first
 * transpose into a second n x n copy (200 MB for the 5,000 x 5,000 Fisher Gram matrix).
 * ND4J's Eigen wrapper is several times slower than LAPACK itself. All routines
 * destroy the matrix they are given.
 */
final class SymmetricEigen {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them

    private static final int COLUMN_MAJOR = OpenBlas.LAPACK_COL_MAJOR;
    /** The row-major upper triangle, read column-major. */
    private static final byte LOWER = (byte) 'L';

    private SymmetricEigen() {}

    /** Eigenvalues and unit eigenvectors (rows), largest eigenvalue first. */
    record Decomposition(double[] values, double[][] vectors) {}

    static DoubleBuffer direct(long doubles) {
        if (doubles * Double.BYTES > Integer.MAX_VALUE) throw new IllegalArgumentException("matrix too large: " + doubles + " doubles");
        return ByteBuffer.allocateDirect((int) (doubles * Double.BYTES)).order(ByteOrder.nativeOrder()).asDoubleBuffer();
    }

    static DoubleBuffer direct(double[] a) {
        DoubleBuffer b = direct(a.length);
        b.put(a).flip();
        return b;
    }

    /**
     * All eigenvalues of the symmetric n x n matrix, largest first, without eigenvectors: the
     * two-stage reduction to tridiagonal form (dense to band by BLAS-3, band to tridiagonal by
     * bulge chasing) and dsterf. On the 5,000 x 5,000 Fisher Gram matrix, one thread: about 6 s,
     * where dsyevd with jobz = 'N' took 25-35 s (LAPACKE gives it the minimal workspace, so its
     * one-stage reduction runs unblocked and memory-bound) and dsytrd + dsterf about 10 s.
     * Same backward stability as dsyevd: eigenvalues to a few eps times the largest.
     */
    static double[] eigenvalues(DoubleBuffer a, int n) {
        DoubleBuffer w = direct(n);
        check(OpenBlas.dsyev2stage(COLUMN_MAJOR, (byte) 'N', LOWER, n, a, n, w), "dsyev_2stage");
        double[] ascending = new double[n];
        w.get(ascending);
        return reversed(ascending);
    }

    /** The k largest eigenpairs, by dsyevr's index range: far cheaper than all n eigenvectors. */
    static Decomposition largest(DoubleBuffer a, int n, int k) {
        k = Math.min(k, n);
        DoubleBuffer w = direct(n);
        DoubleBuffer z = direct((long) n * k);
        IntBuffer found = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).asIntBuffer();
        IntBuffer support = ByteBuffer.allocateDirect(8 * k).order(ByteOrder.nativeOrder()).asIntBuffer();
        check(OpenBlas.dsyevr(COLUMN_MAJOR, (byte) 'V', (byte) 'I', LOWER, n, a, n,
                0, 0, n - k + 1, n, 0, found, w, z, n, support), "dsyevr");
        int got = found.get(0);
        double[] values = new double[got];
        double[][] vectors = new double[got][n];
        for (int j = 0; j < got; j++) {
            int src = got - 1 - j; // ascending in LAPACK
            values[j] = w.get(src);
            for (int i = 0; i < n; i++) vectors[j][i] = z.get(src * n + i); // column src
        }
        return new Decomposition(values, vectors);
    }

    /** All eigenpairs of a small dense symmetric matrix given as a row-major array (left untouched). */
    static Decomposition all(double[] matrix, int n) {
        DoubleBuffer a = direct(matrix);
        DoubleBuffer w = direct(n);
        check(OpenBlas.dsyevd(COLUMN_MAJOR, (byte) 'V', LOWER, n, a, n, w), "dsyevd");
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            int src = n - 1 - j;
            values[j] = w.get(src);
            for (int i = 0; i < n; i++) vectors[j][i] = a.get(src * n + i); // column src
        }
        return new Decomposition(values, vectors);
    }

    private static void check(int info, String routine) {
        if (info != 0) throw new ArithmeticException("LAPACKE_" + routine + " failed (info " + info + ")");
    }

    static double[] reversed(double[] a) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[a.length - 1 - i];
        return r;
    }
}
