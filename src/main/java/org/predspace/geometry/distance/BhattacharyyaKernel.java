package org.predspace.geometry.distance;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fast d_B between the models of two {@link ModelBlock}s (docs/science.md section 2).
 *
 * <p>Why it is fast. The plain formula takes one log per sample and pair: m^2 N / 2 logs for
 * a full matrix, which dominate for C = 10. Here sum_n log BC_n = log prod_n BC_n. Clamped
 * coefficients are multiplied in float over groups of {@link #GROUP} samples ((1e-6)^6 =
 * 1e-36 is still a normal float), each group product is multiplied into a double, and after
 * every {@link #CHUNK} samples that double's binary exponent is moved into an integer (exact:
 * scaling by a power of two; (1e-6)^36 = 1e-216 is far from double underflow). One log per
 * pair is taken at the very end: m^2/2 logs instead of m^2 N / 2, and the result equals the
 * plain sum of logs up to float rounding (tested against {@link BhattacharyyaDistance}).
 * Every per-sample loop runs over contiguous models with one index, which Java 17's C2
 * vectorises; the float-to-double step (which it does not) runs once per group only.
 */
public final class BhattacharyyaKernel {
    /** Samples per float product: (1e-6)^6 = 1e-36 > Float.MIN_NORMAL = 1.2e-38. */
    static final int GROUP = 6;
    /** Samples per exponent renormalisation of the double products. */
    static final int CHUNK = LogProduct.CHUNK;
    /** The coefficient floor as a float, so that the clamp vectorises with the products. */
    private static final float FLOOR = (float) BhattacharyyaDistance.COEFFICIENT_FLOOR;

    private final LongAdder logs = new LongAdder();

    /** Logs evaluated so far: one per pair. */
    long logsComputed() { return logs.sum(); }

    /**
     * out[i - i0][j] = d_B(a_i, b_j) for i in [i0, i1) and j in [0, b.count()), or, with
     * {@code belowDiagonal} (a and b the same block), only j < i. Entries not computed are
     * left as they were. Rows of a are the scalar side, models of b the vectorised one: put
     * the many models in b (a single new checkpoint goes in a).
     */
    public void distances(ModelBlock a, int i0, int i1, ModelBlock b, boolean belowDiagonal, double[][] out) {
        int width = b.count();
        int samples = a.samples;
        double[][] product = new double[i1 - i0][];
        long[][] exponent = new long[i1 - i0][];
        float[][] group = new float[i1 - i0][];
        for (int i = i0; i < i1; i++) {
            int to = end(i, width, belowDiagonal);
            product[i - i0] = new double[to];
            exponent[i - i0] = new long[to];
            group[i - i0] = new float[to];
            Arrays.fill(product[i - i0], 1.0);
        }
        float[] bc = new float[width];
        // Sample-outer, model-inner: one sample's rows of b (C x width floats) stay in L1
        // while every row i of a uses them.
        for (int g0 = 0; g0 < samples; g0 += GROUP) {
            int g1 = Math.min(samples, g0 + GROUP);
            for (int s = g0; s < g1; s++) {
                for (int i = i0; i < i1; i++) {
                    float[] q = group[i - i0];
                    int to = q.length;
                    if (to == 0) continue;
                    coefficients(a, i, b, s, bc, to);
                    if (s == g0) {
                        for (int j = 0; j < to; j++) q[j] = Math.max(bc[j], FLOOR);
                    } else {
                        for (int j = 0; j < to; j++) q[j] *= Math.max(bc[j], FLOOR);
                    }
                }
            }
            boolean renormalise = g1 == samples || (g1 % CHUNK) == 0;
            for (int i = i0; i < i1; i++) {
                double[] p = product[i - i0];
                float[] q = group[i - i0];
                for (int j = 0; j < p.length; j++) p[j] *= q[j];
                if (renormalise) LogProduct.renormalise(p, exponent[i - i0], 0, p.length);
            }
        }
        long count = 0;
        for (int i = i0; i < i1; i++) {
            double[] p = product[i - i0];
            long[] e = exponent[i - i0];
            for (int j = 0; j < p.length; j++) {
                // max(0, .): BC_n <= 1 by Cauchy-Schwarz, so a negative d_B is only rounding.
                out[i - i0][j] = Math.max(0.0, -LogProduct.log(p[j], e[j]) / samples);
            }
            count += p.length;
        }
        logs.add(count);
    }

    private static int end(int i, int width, boolean belowDiagonal) {
        return belowDiagonal ? Math.min(i, width) : width;
    }

    /** bc[j] = BC_s(a_i, b_j) for j in [0, to); classes are taken two at a time to halve the passes over bc. */
    private static void coefficients(ModelBlock a, int i, ModelBlock b, int s, float[] bc, int to) {
        int row = s * a.classes;
        int end = row + a.classes;
        float[][] ar = a.rows;
        float[][] br = b.rows;
        int r = row;
        if ((a.classes & 1) == 1) {
            float x = ar[r][i];
            float[] u = br[r];
            for (int j = 0; j < to; j++) bc[j] = x * u[j];
            r += 1;
        } else {
            float x = ar[r][i];
            float y = ar[r + 1][i];
            float[] u = br[r];
            float[] v = br[r + 1];
            for (int j = 0; j < to; j++) bc[j] = x * u[j] + y * v[j];
            r += 2;
        }
        for (; r < end; r += 2) {
            float x = ar[r][i];
            float y = ar[r + 1][i];
            float[] u = br[r];
            float[] v = br[r + 1];
            for (int j = 0; j < to; j++) bc[j] += x * u[j] + y * v[j];
        }
    }
}
