package org.predspace.session;

import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.inpca.Embedding;
import org.predspace.geometry.inpca.PlacementResidual;

import java.util.List;

/**
 * Models that are not checkpoints of a picture (the models of a landscape's line or plane),
 * as points of its prediction space: they never join the eigendecomposition, they are placed out
 * of sample (docs/science.md section 6) in whatever basis the picture has, like the geodesic.
 * Their distance rows to the picture's points are kept, so a new basis over the same points
 * costs m x k per model and only checkpoints added since need new distances.
 * Made by {@link PredictionPicture#outOfSample}; placed by {@link PredictionPicture#place}.
 */
public final class OutOfSamplePoints {
    private final String name;
    private final List<SqrtProbabilities> points;
    /** d_B from each point to the picture's first rows[i].length points; guarded by this. */
    private final double[][] rows;

    OutOfSamplePoints(String name, List<SqrtProbabilities> points) {
        this.name = name;
        this.points = List.copyOf(points);
        this.rows = new double[points.size()][0];
    }

    /** What the points are, for messages ("the plane of run-a at step 400"). */
    public String name() { return name; }

    public int size() { return points.size(); }

    SqrtProbabilities point(int i) { return points.get(i); }

    synchronized double[] row(int i) { return rows[i]; }

    synchronized void setRow(int i, double[] row) { rows[i] = row; }

    /**
     * The points in one basis: coordinates as a frame holds them ([point][axis], padded to the
     * picture's axes), each point's {@link PlacementResidual}, and the median residual of the
     * basis's own points to read them against.
     */
    public record Placement(Embedding basis, double[][] coordinates, double[] residuals, double embeddedResidual) {
        public int size() { return coordinates.length; }

        public double medianResidual() { return PlacementResidual.median(residuals); }

        public double maxResidual() {
            double most = Double.NaN;
            for (double r : residuals) if (Double.isFinite(r)) most = Double.isNaN(most) ? r : Math.max(most, r);
            return most;
        }

        /** One line for a legend or status bar: the models' residual against the checkpoints'. */
        public String describe() {
            return String.format("placement residual %s median, %s at most (the picture's own checkpoints: %s)",
                    figure(medianResidual()), figure(maxResidual()), figure(embeddedResidual));
        }

        private static String figure(double r) {
            return Double.isNaN(r) ? "n/a" : String.format("%.3g", r);
        }
    }
}
