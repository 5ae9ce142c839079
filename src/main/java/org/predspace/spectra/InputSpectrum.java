package org.predspace.spectra;

import org.predspace.platform.JobMonitor;

import java.nio.DoubleBuffer;
import java.util.Arrays;
/**
 * Eigenvalues of the uncentred input correlation X^T X / n (docs/science.md §7), d x d, formed in
 * double by the same blocked dsyrk as the Fisher's Gram matrix.
 */
public final class InputSpectrum {
    private InputSpectrum() {}

    public static Spectrum compute(Samples samples, int eigenvectors, JobMonitor monitor) {
        long t0 = System.nanoTime();
        int n = samples.size();
        int d = samples.dimension();
        float[] x = samples.features();
        double scale = 1.0 / n;
        // rows of the "G" are the columns of X, so G G^T = X^T X
        GramMatrix.Rows columns = new GramMatrix.Rows() {
            @Override public int count() { return d; }
            @Override public int columns() { return n; }
            @Override public void copy(int row, int from, int width, double[] dest, int offset) {
                for (int i = 0; i < width; i++) dest[offset + i] = x[(from + i) * d + row];
            }
        };
        DoubleBuffer c = GramMatrix.of(columns, monitor.stage(0, 0.5));
        for (int i = 0; i < c.capacity(); i++) c.put(i, c.get(i) * scale);
        monitor.progress(0.5, "eigenvalues of the " + d + " x " + d + " input correlation");
        double[] values;
        double[][] vectors = new double[0][];
        if (eigenvectors > 0) {
            SymmetricEigen.Decomposition all = SymmetricEigen.all(GramMatrix.full(c, d), d);
            values = all.values();
            vectors = Arrays.copyOf(all.vectors(), Math.min(eigenvectors, d));
        } else {
            values = SymmetricEigen.eigenvalues(c, d);
        }
        monitor.progress(1, "done");
        return new Spectrum(SpectrumKind.INPUT, values, n, d, vectors, (System.nanoTime() - t0) / 1e9);
    }
}
