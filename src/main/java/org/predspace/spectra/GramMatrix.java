package org.predspace.spectra;

import org.predspace.platform.JobMonitor;
import org.predspace.platform.NativeLibraries;
import org.predspace.platform.OpenBlas;

import java.nio.DoubleBuffer;

/**
 * K = G G^T for a tall-or-wide matrix G of R rows held as rows (double or float), accumulated
 * in double by dsyrk over column blocks, so only one block of G is ever converted to double
 * (R x {@value #BLOCK_COLUMNS} doubles, off-heap) beside the R x R result.
 *
 * <p>Float accumulation (ssyrk straight from a float G) was measured and rejected: on LeNet at
 * n = 500 it rounds K entrywise, an error of about 1e-8 of the largest eigenvalue, so the
 * eigenvalues below 1e-8 of the largest came out 3% to 30x wrong (those above 1e-7 to 4e-5),
 * and the Fisher spectrum spans 12 decades. The speed it would buy is at most 2x on this step
 * (micro-benchmark; 11 s against 13 s on the real G, both on 2 threads).
 */
final class GramMatrix {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them

    static final int BLOCK_COLUMNS = 1024;

    private GramMatrix() {}

    /** Row i of G, columns [from, from + width), written as doubles into dest at offset. */
    interface Rows {
        int count();
        int columns();
        void copy(int row, int from, int width, double[] dest, int offset);
    }

    /** G G^T, R x R row-major in a direct buffer; only the upper triangle is filled (LAPACK reads it). */
    static DoubleBuffer of(Rows g, JobMonitor monitor) {
        int r = g.count();
        int p = g.columns();
        DoubleBuffer k = SymmetricEigen.direct((long) r * r);
        int width = Math.min(BLOCK_COLUMNS, p);
        double[] row = new double[width];
        DoubleBuffer blockBuffer = SymmetricEigen.direct((long) r * width);
        for (int from = 0; from < p; from += width) {
            monitor.progress(from / (double) p, "Gram matrix");
            int w = Math.min(width, p - from);
            for (int i = 0; i < r; i++) {
                g.copy(i, from, w, row, 0);
                blockBuffer.put(i * w, row, 0, w);
            }
            OpenBlas.dsyrk(OpenBlas.CBLAS_ROW_MAJOR, OpenBlas.CBLAS_UPPER, OpenBlas.CBLAS_NO_TRANS, r, w,
                    1.0, blockBuffer, w, 1.0, k, r);
        }
        monitor.progress(1, "Gram matrix");
        return k;
    }

    /** The full symmetric matrix as a row-major array (for tests and small matrices). */
    static double[] full(DoubleBuffer upper, int r) {
        double[] out = new double[r * r];
        for (int i = 0; i < r; i++) {
            for (int j = i; j < r; j++) {
                out[i * r + j] = upper.get(i * r + j);
                out[j * r + i] = out[i * r + j];
            }
        }
        return out;
    }
}
