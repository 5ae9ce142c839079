package org.predspace.geometry.inpca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * W times a block of vectors, W symmetric m x m row-major, in plain Java: the Krylov solver's
 * only O(m^2) work. In Java rather than OpenBLAS's dgemm because loading OpenBLAS costs about
 * 0.7 s of CPU in a fresh process (JavaCPP's loader), several times the products themselves
 * (docs/architecture.md, "Native libraries"; bench/README.md, "Full InPCA, whole processes").
 *
 * <p>Why this loop shape: by symmetry, column j of W is row j, so y += x[j] W[j, :] runs over
 * contiguous rows. Four rows of W feed each pass over a tile of y (one load and one store of y
 * per four fused multiply-adds; C2 vectorises the single-output loop), and tiles of y are
 * narrow enough that the four row pieces stay in cache while the block's vectors pass. W is
 * held as one array per row: the same loop indexing one flat array at four offsets ran at
 * 3.4 G multiply-adds/s, on row arrays at 8-9 G/s (one core, m = 2,000, 18 vectors; eight
 * rows per pass or tiles of 128 were slower).
 */
final class SymmetricProducts {
    /** Entries of y per tile (256 to 1,024 measured the same). */
    private static final int TILE = 512;

    private final double[][] rows;
    private final int m;
    private int count;

    /** @param w m x m symmetric, row-major; copied */
    SymmetricProducts(double[] w, int m) {
        if (w.length != (long) m * m) throw new IllegalArgumentException("expected an " + m + " x " + m + " matrix");
        this.rows = new double[m][];
        for (int j = 0; j < m; j++) rows[j] = Arrays.copyOfRange(w, j * m, (j + 1) * m);
        this.m = m;
    }

    /** Matrix-vector products so far (a block of p counts p). */
    int count() { return count; }

    /** W x for each x (fresh arrays, in order). */
    List<double[]> times(List<double[]> vectors) {
        int p = vectors.size();
        double[][] x = vectors.toArray(new double[0][]);
        double[][] y = new double[p][m];
        for (int i0 = 0; i0 < m; i0 += TILE) {
            int i1 = Math.min(m, i0 + TILE);
            int j = 0;
            for (; j + 4 <= m; j += 4) fourRows(j, i0, i1, x, y);
            for (; j < m; j++) oneRow(j, i0, i1, x, y);
        }
        count += p;
        List<double[]> out = new ArrayList<>(p);
        for (double[] v : y) out.add(v);
        return out;
    }

    private void fourRows(int j, int i0, int i1, double[][] x, double[][] y) {
        double[] w0 = rows[j];
        double[] w1 = rows[j + 1];
        double[] w2 = rows[j + 2];
        double[] w3 = rows[j + 3];
        for (int c = 0; c < x.length; c++) {
            double a0 = x[c][j];
            double a1 = x[c][j + 1];
            double a2 = x[c][j + 2];
            double a3 = x[c][j + 3];
            double[] yc = y[c];
            for (int i = i0; i < i1; i++) {
                yc[i] = Math.fma(w3[i], a3, Math.fma(w2[i], a2, Math.fma(w1[i], a1, Math.fma(w0[i], a0, yc[i]))));
            }
        }
    }

    private void oneRow(int j, int i0, int i1, double[][] x, double[][] y) {
        double[] row = rows[j];
        for (int c = 0; c < x.length; c++) {
            double a = x[c][j];
            double[] yc = y[c];
            for (int i = i0; i < i1; i++) yc[i] = Math.fma(row[i], a, yc[i]);
        }
    }
}
