package org.predspace.geometry.inpca;

import org.predspace.geometry.distance.DistanceMatrix;
import java.util.Arrays;

/**
 * How faithfully a point's coordinates in an InPCA basis keep its real distances: the picture
 * says the point is at x, so its embedded distance to embedded point j is
 * dhat_j = sum_k sign(lambda_k) (x_k - x_jk)^2 (docs/science.md section 3: d_B plays the role of
 * a squared distance, time-like axes count negatively); the residual is the relative misfit
 * sqrt(sum_j (delta_j - dhat_j)^2 / sum_j delta_j^2) against the measured d_B delta_j.
 *
 * <p>0 when the basis keeps every axis and the point is one of its own; with k axes it is the
 * distortion of the truncated picture. A point placed out of sample (section 6) reads against the
 * same number for the embedded points themselves: a landscape model whose residual is far above
 * theirs lies in directions the picture does not show.
 */
public final class PlacementResidual {
    private PlacementResidual() {}

    /**
     * @param distances d_B from the point to the basis's m embedded points (at least m)
     * @param x         the point's coordinates on the basis's axes ({@link Embedding#place})
     */
    public static double of(Embedding basis, double[] distances, double[] x) {
        int m = basis.size();
        if (distances.length < m) throw new IllegalArgumentException("need distances to all " + m + " embedded points");
        double[] lambda = basis.eigenvalues();
        int k = Math.min(lambda.length, x.length);
        double misfit = 0, scale = 0;
        for (int j = 0; j < m; j++) {
            double embedded = 0;
            for (int a = 0; a < k; a++) {
                double d = x[a] - basis.coordinate(j, a);
                embedded += Math.signum(lambda[a]) * d * d;
            }
            double e = distances[j] - embedded;
            misfit += e * e;
            scale += distances[j] * distances[j];
        }
        return scale == 0 ? 0 : Math.sqrt(misfit / scale);
    }

    /**
     * The median residual of the basis's own points against their rows of {@code distances}
     * (m^2 k work): what an out-of-sample residual is read against.
     */
    public static double medianOfEmbedded(Embedding basis, DistanceMatrix distances) {
        int m = basis.size();
        if (m == 0) return Double.NaN;
        double[] r = new double[m];
        double[] x = new double[basis.axes()];
        for (int i = 0; i < m; i++) {
            for (int a = 0; a < x.length; a++) x[a] = basis.coordinate(i, a);
            r[i] = of(basis, distances.row(i, m), x);
        }
        return median(r);
    }

    /** The median of the finite values (NaN when there are none). */
    public static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }
}
