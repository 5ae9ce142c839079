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
            for (float[] q : group) Arrays.fill(q, 1f);
            for (int s = g0; s < g1; s++) {
                for (int i = i0; i < i1; i++) {
                    float[] q = group[i - i0];
                    if (q.length > 0) multiplyCoefficients(a, i, b, s, bc, q);
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

    /**
     * q[j] *= max(BC_s(a_i, b_j), floor) for j in [0, q.length). The classes are summed in
     * passes of four (after a first pass of one or two): each pass reads and writes the
     * partial sums once per four multiply-adds, where passes of one class would be bound by
     * those loads and stores, and the last pass clamps and multiplies into q directly, so the
     * finished coefficients are never stored. Math.fma, which C2 vectorises to fused
     * multiply-adds. Each entry's operations and their order depend only on C, so a distance
     * does not depend on how its rows were tiled.
     */
    private static void multiplyCoefficients(ModelBlock a, int i, ModelBlock b, int s, float[] bc, float[] q) {
        float[][] ar = a.rows;
        float[][] br = b.rows;
        int to = q.length;
        int r = s * a.classes;
        int end = r + a.classes;
        int head = (a.classes & 1) == 1 ? 1 : 2;
        if (a.classes == 2) {
            float x = ar[r][i];
            float y = ar[r + 1][i];
            float[] u = br[r];
            float[] v = br[r + 1];
            for (int j = 0; j < to; j++) q[j] *= Math.max(Math.fma(y, v[j], x * u[j]), FLOOR);
            return;
        }
        if (head == 1) {
            float x = ar[r][i];
            float[] u = br[r];
            for (int j = 0; j < to; j++) bc[j] = x * u[j];
        } else {
            float x = ar[r][i];
            float y = ar[r + 1][i];
            float[] u = br[r];
            float[] v = br[r + 1];
            for (int j = 0; j < to; j++) bc[j] = Math.fma(y, v[j], x * u[j]);
        }
        r += head;
        // what remains is even: passes of four, the last of four or of two multiplying into q
        for (; end - r > 4; r += 4) {
            float x0 = ar[r][i];
            float x1 = ar[r + 1][i];
            float x2 = ar[r + 2][i];
            float x3 = ar[r + 3][i];
            float[] u0 = br[r];
            float[] u1 = br[r + 1];
            float[] u2 = br[r + 2];
            float[] u3 = br[r + 3];
            for (int j = 0; j < to; j++) {
                bc[j] = Math.fma(x3, u3[j], Math.fma(x2, u2[j], Math.fma(x1, u1[j], Math.fma(x0, u0[j], bc[j]))));
            }
        }
        // The last pass of four repeats the loop's loads on purpose: as a helper shared with the
        // loop, or with the choice made inside the loop, C2's code took 15-20% more time
        // (bench/README.md, "Geometry: distances and InPCA").
        if (end - r == 4) {
            float x0 = ar[r][i];
            float x1 = ar[r + 1][i];
            float x2 = ar[r + 2][i];
            float x3 = ar[r + 3][i];
            float[] u0 = br[r];
            float[] u1 = br[r + 1];
            float[] u2 = br[r + 2];
            float[] u3 = br[r + 3];
            for (int j = 0; j < to; j++) {
                float c = Math.fma(x3, u3[j], Math.fma(x2, u2[j], Math.fma(x1, u1[j], Math.fma(x0, u0[j], bc[j]))));
                q[j] *= Math.max(c, FLOOR);
            }
        } else {
            float x = ar[r][i];
            float y = ar[r + 1][i];
            float[] u = br[r];
            float[] v = br[r + 1];
            for (int j = 0; j < to; j++) q[j] *= Math.max(Math.fma(y, v[j], Math.fma(x, u[j], bc[j])), FLOOR);
        }
    }
}
