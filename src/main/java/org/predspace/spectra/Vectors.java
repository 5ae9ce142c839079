package org.predspace.spectra;

import java.util.SplittableRandom;

/** Small dense vector operations for Lanczos and friends (P up to ~1e5: plain loops are fast enough). */
final class Vectors {
    private Vectors() {}

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double norm(double[] a) { return Math.sqrt(dot(a, a)); }

    /** a += s * b */
    static void axpy(double s, double[] b, double[] a) {
        for (int i = 0; i < a.length; i++) a[i] += s * b[i];
    }

    static void scale(double s, double[] a) {
        for (int i = 0; i < a.length; i++) a[i] *= s;
    }

    /** Scales a to unit length and returns its former norm (0 leaves it unchanged). */
    static double normalise(double[] a) {
        double n = norm(a);
        if (n > 0) scale(1 / n, a);
        return n;
    }

    /** A Rademacher vector (entries +-1), scaled to unit length. */
    static double[] rademacher(int n, SplittableRandom rng) {
        double[] v = new double[n];
        double s = 1 / Math.sqrt(n);
        for (int i = 0; i < n; i++) v[i] = rng.nextBoolean() ? s : -s;
        return v;
    }

    static double[] gaussian(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = nextGaussian(rng);
        return v;
    }

    private static double nextGaussian(SplittableRandom rng) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }
}
