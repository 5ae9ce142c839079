package org.predspace.geometry.inpca;

import java.util.Arrays;

/**
 * A sign per axis, applied to new coordinates so that a refreshed embedding does not flip an
 * axis the previous frame showed (docs/science.md section 3: an eigenvector's sign is
 * arbitrary). Aligned coordinates are x_a s_a: axis a stays eigen-axis a, never a mixture of
 * several. A rotation among axes (orthogonal Procrustes, as this class once offered) would
 * draw axes that are no longer InPCA axes, whose stress shares are then false; and fitted
 * frame after frame, such rotations compound. Continuity for the eye comes from animating the
 * points between frames instead (the view's job).
 *
 * <p>Where two eigenvalues swap order between frames, the drawn axis a is still eigen-axis a
 * (the labels stay true); its sign is taken from the previous axis it resembles most, so an
 * eigen-direction keeps its orientation when it moves to another slot and back.
 */
public record AxisAlignment(double[] signs) {
    public AxisAlignment {
        signs = signs.clone();
        for (double s : signs) {
            if (s != 1 && s != -1) throw new IllegalArgumentException("a sign is +1 or -1, got " + s);
        }
    }

    public static AxisAlignment identity(int k) {
        double[] s = new double[k];
        Arrays.fill(s, 1);
        return new AxisAlignment(s);
    }

    /**
     * The signs that make each new axis agree with the earlier picture of the same points.
     *
     * @param fresh    coordinates of the shared points in the new embedding, [point][axis]
     * @param previous the same points as shown before, [point][axis] (any number of axes; zero columns count as absent)
     */
    public static AxisAlignment between(double[][] fresh, double[][] previous) {
        int k = fresh.length == 0 ? 0 : fresh[0].length;
        double[] s = identity(k).signs();
        if (fresh.length == 0) return new AxisAlignment(s);
        int kOld = previous[0].length;
        double[][] cross = new double[k][kOld];
        double[] freshNorm = new double[k];
        double[] previousNorm = new double[kOld];
        for (int i = 0; i < fresh.length; i++) {
            for (int a = 0; a < k; a++) {
                double f = fresh[i][a];
                freshNorm[a] += f * f;
                for (int b = 0; b < kOld; b++) cross[a][b] += f * previous[i][b];
            }
            for (int b = 0; b < kOld; b++) previousNorm[b] += previous[i][b] * previous[i][b];
        }
        for (int a = 0; a < k; a++) {
            // the earlier axis this one is most like (itself, unless two eigenvalues swapped order)
            double best = 0;
            for (int b = 0; b < kOld; b++) {
                double scale = Math.sqrt(freshNorm[a] * previousNorm[b]);
                if (scale == 0) continue;
                double similarity = cross[a][b] / scale;
                if (Math.abs(similarity) > Math.abs(best)) best = similarity;
            }
            s[a] = best < 0 ? -1 : 1;
        }
        return new AxisAlignment(s);
    }

    public int axes() { return signs.length; }

    @Override
    public double[] signs() { return signs.clone(); }

    /** The sign of axis {@code a}. */
    public double sign(int a) { return signs[a]; }

    /** x with each axis's sign applied. */
    public double[] apply(double[] x) {
        double[] out = new double[signs.length];
        for (int a = 0; a < signs.length; a++) out[a] = x[a] * signs[a];
        return out;
    }
}
