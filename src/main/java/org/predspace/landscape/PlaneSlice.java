package org.predspace.landscape;

/**
 * A plane in weight space through {@code origin} spanned by two directions, with a run's
 * checkpoints (the steps with snapshots) placed on it: their coordinates along the directions and
 * their distance off the plane, which says where a path drawn on the plane's contours is
 * not where the loss was measured (docs/science.md §8).
 *
 * @param varianceExplained for a trajectory plane, the share of the trajectory's squared length
 *                          the plane holds; NaN for random directions
 * @param seed              the seed of filter-normalised directions; 0 for a trajectory plane
 */
public record PlaneSlice(Kind kind, long seed, double[] origin, double[] xDirection, double[] yDirection,
                         long[] steps, double[][] coordinates, double[] offPlane, double varianceExplained) {
    public enum Kind {
        /** The top two principal directions of theta_i - theta_T over the run's snapshots (Li et al.). */
        TRAJECTORY("trajectory"),
        /** Two seeded Gaussian directions, filter-normalised to the origin's weights (Li et al.). */
        FILTER_NORMALIZED("random");

        private final String id;
        Kind(String id) { this.id = id; }
        /** The name used on the command line and in CSV headers. */
        public String id() { return id; }
    }

    public PlaneSlice {
        if (xDirection.length != origin.length || yDirection.length != origin.length) {
            throw new IllegalArgumentException("the directions have " + xDirection.length + " and " + yDirection.length
                    + " parameters, the origin " + origin.length);
        }
        if (coordinates.length != steps.length || offPlane.length != steps.length) {
            throw new IllegalArgumentException(steps.length + " steps, " + coordinates.length + " coordinates, "
                    + offPlane.length + " distances off the plane");
        }
    }

    /** The trajectory plane of a run, its last snapshot the origin. */
    public static PlaneSlice trajectory(RunTrajectoryPlane run, double[] lastSnapshot) {
        TrajectoryPlane plane = run.plane();
        int n = plane.checkpointCount();
        double[][] coordinates = new double[n][];
        double[] off = new double[n];
        for (int i = 0; i < n; i++) {
            coordinates[i] = plane.coordinates(i);
            off[i] = plane.offPlane(i);
        }
        return new PlaneSlice(Kind.TRAJECTORY, 0, lastSnapshot, plane.direction(0), plane.direction(1),
                run.steps(), coordinates, off, plane.varianceExplained());
    }

    /**
     * Two filter-normalised random directions at {@code origin} (seeds {@code seed} and
     * {@code seed + 1}, Li et al.), with a run's snapshots placed on the plane: each one's
     * coordinates are the least-squares fit of theta_i - origin by x d_x + y d_y (the directions
     * are neither unit nor orthogonal, so not a plain projection) and its distance off the plane
     * is the norm of what the fit leaves. Nothing is explained by random directions: NaN.
     *
     * @param steps     the snapshots' steps, in training order
     * @param snapshots their parameters, one row per step
     */
    public static PlaneSlice filterNormalized(ParameterLayout layout, double[] origin, long seed, long[] steps, double[][] snapshots) {
        if (steps.length != snapshots.length) {
            throw new IllegalArgumentException(steps.length + " steps for " + snapshots.length + " snapshots");
        }
        double[] dx = FilterNormalizedDirection.of(layout, origin, seed);
        double[] dy = FilterNormalizedDirection.of(layout, origin, seed + 1);
        double xx = dot(dx, dx), xy = dot(dx, dy), yy = dot(dy, dy);
        double det = xx * yy - xy * xy;
        // Cauchy-Schwarz makes det >= 0; near 0 the directions are (almost) parallel or zero and span no plane
        if (!(det > 1e-12 * xx * yy) || xx == 0 || yy == 0) {
            throw new IllegalArgumentException("the weights at the origin give filter-normalised directions that span no plane"
                    + " (are the weights all zero?)");
        }
        double[][] coordinates = new double[steps.length][];
        double[] off = new double[steps.length];
        double[] d = new double[origin.length];
        for (int i = 0; i < steps.length; i++) {
            if (snapshots[i].length != origin.length) {
                throw new IllegalArgumentException("the snapshot at step " + steps[i] + " has " + snapshots[i].length
                        + " parameters, the origin " + origin.length);
            }
            for (int j = 0; j < d.length; j++) d[j] = snapshots[i][j] - origin[j];
            double bx = dot(dx, d), by = dot(dy, d);
            double x = (yy * bx - xy * by) / det;
            double y = (xx * by - xy * bx) / det;
            coordinates[i] = new double[] {x, y};
            double s = 0;   // the residual summed directly: |d|^2 - fitted^2 cancels badly near the plane
            for (int j = 0; j < d.length; j++) {
                double r = d[j] - x * dx[j] - y * dy[j];
                s += r * r;
            }
            off[i] = Math.sqrt(s);
        }
        return new PlaneSlice(Kind.FILTER_NORMALIZED, seed, origin, dx, dy, steps.clone(), coordinates, off, Double.NaN);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += a[j] * b[j];
        return s;
    }
}
