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
}
