package org.predspace.landscape;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.platform.NativeLibraries;

/**
 * The plane through a run's final weights theta_T spanned by the top two principal directions of
 * theta_i - theta_T over its snapshots (Li et al., docs/science.md §8; not centred, so theta_T is
 * the origin). A trajectory drawn on this plane's contours is a projection: {@link #offPlane(int)}
 * says how far each checkpoint really is from the slice, which is where path and contours can
 * disagree.
 *
 * <p>Computed through the n x n Gram matrix of the differences (n snapshots, P parameters,
 * n much smaller than P): its eigenvectors u_k and eigenvalues s_k^2 are the left singular
 * vectors and squared singular values, so the coordinates are s_k u_k and the directions
 * D^T u_k / s_k, without ever forming a P x P matrix.
 */
public final class TrajectoryPlane {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private final double[][] directions;   // [2][P], unit norm, orthogonal
    private final double[][] coordinates;  // [n][2]
    private final double[] offPlane;       // [n]
    private final double explained;

    private TrajectoryPlane(double[][] directions, double[][] coordinates, double[] offPlane, double explained) {
        this.directions = directions;
        this.coordinates = coordinates;
        this.offPlane = offPlane;
        this.explained = explained;
    }

    /** The plane of {@code snapshots} (in training order); the last one is theta_T, the origin. */
    public static TrajectoryPlane of(double[][] snapshots) {
        int n = snapshots.length;
        if (n < 3) throw new IllegalArgumentException("a trajectory plane needs at least 3 snapshots, got " + n);
        int p = snapshots[0].length;
        double[] end = snapshots[n - 1];
        double[][] d = new double[n][];
        for (int i = 0; i < n; i++) {
            if (snapshots[i].length != p) {
                throw new IllegalArgumentException("snapshot " + i + " has " + snapshots[i].length + " parameters, snapshot 0 has " + p);
            }
            d[i] = new double[p];
            for (int j = 0; j < p; j++) d[i][j] = snapshots[i][j] - end[j];
        }
        double[] gram = new double[n * n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k <= i; k++) {
                double s = dot(d[i], d[k]);
                gram[i * n + k] = s;
                gram[k * n + i] = s;
            }
            total += gram[i * n + i];
        }
        if (total == 0) throw new IllegalArgumentException("all " + n + " snapshots are the same weights: there is no trajectory to span a plane");
        INDArray g = Nd4j.create(gram, new long[] {n, n}, DataType.DOUBLE);
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(g, true);   // ascending; g now holds the eigenvectors as columns
        double[][] directions = new double[2][p];
        double[][] coordinates = new double[n][2];
        double top = 0;
        for (int k = 0; k < 2; k++) {
            int column = n - 1 - k;
            double lambda = Math.max(0, values.getDouble(column));
            top += lambda;
            double s = Math.sqrt(lambda);
            for (int i = 0; i < n; i++) {
                double u = g.getDouble(i, column);
                coordinates[i][k] = s * u;
                if (s > 0) for (int j = 0; j < p; j++) directions[k][j] += d[i][j] * u / s;
            }
        }
        double[] off = new double[n];
        for (int i = 0; i < n; i++) {
            double inPlane = coordinates[i][0] * coordinates[i][0] + coordinates[i][1] * coordinates[i][1];
            // the residual computed directly, not as sqrt(|d|^2 - inPlane), which cancels badly near the plane
            double s = 0;
            for (int j = 0; j < p; j++) {
                double r = d[i][j] - coordinates[i][0] * directions[0][j] - coordinates[i][1] * directions[1][j];
                s += r * r;
            }
            off[i] = Math.sqrt(s);
        }
        return new TrajectoryPlane(directions, coordinates, off, top / total);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += a[j] * b[j];
        return s;
    }

    public int checkpointCount() { return coordinates.length; }
    /** Principal direction k (0 or 1), a unit vector in weight space (a copy). */
    public double[] direction(int k) { return directions[k].clone(); }
    /** Checkpoint i's coordinates (along direction 0, along direction 1) on the plane. */
    public double[] coordinates(int i) { return coordinates[i].clone(); }
    /** Checkpoint i's distance from the plane, in the same units as the coordinates. */
    public double offPlane(int i) { return offPlane[i]; }
    /** The share of the trajectory's squared length (sum of |theta_i - theta_T|^2) the plane holds, in [0, 1]. */
    public double varianceExplained() { return explained; }
}
