package org.predspace.geometry.trajectory;

import org.predspace.geometry.distance.BhattacharyyaDistance;
import org.predspace.geometry.distance.SqrtProbabilities;
import java.util.List;

/**
 * One run's checkpoints in training order, each with its progress along the ignorance-to-truth
 * geodesic (docs/science.md sections 4 and 5). Immutable.
 */
public final class Trajectory {
    private final String run;
    private final List<SqrtProbabilities> checkpoints;
    private final double[] progress;

    private Trajectory(String run, List<SqrtProbabilities> checkpoints, double[] progress) {
        this.run = run;
        this.checkpoints = List.copyOf(checkpoints);
        this.progress = progress;
    }

    /** Computes the progress of every checkpoint. */
    public static Trajectory of(String run, List<SqrtProbabilities> checkpoints, Progress progress) {
        if (checkpoints.isEmpty()) throw new IllegalArgumentException("run " + run + " has no checkpoints");
        double[] lambda = new double[checkpoints.size()];
        for (int i = 0; i < lambda.length; i++) lambda[i] = progress.of(checkpoints.get(i));
        return new Trajectory(run, checkpoints, lambda);
    }

    /** With progress values already known (e.g. stored with the run). */
    public static Trajectory of(String run, List<SqrtProbabilities> checkpoints, double[] progress) {
        if (checkpoints.isEmpty()) throw new IllegalArgumentException("run " + run + " has no checkpoints");
        if (progress.length != checkpoints.size()) {
            throw new IllegalArgumentException("run " + run + ": " + checkpoints.size() + " checkpoints but " + progress.length + " progress values");
        }
        for (int i = 1; i < checkpoints.size(); i++) checkpoints.get(0).requireSameProbe(checkpoints.get(i));
        return new Trajectory(run, checkpoints, progress.clone());
    }

    public String run() { return run; }

    public int size() { return checkpoints.size(); }

    public SqrtProbabilities checkpoint(int i) { return checkpoints.get(i); }

    public double[] progress() { return progress.clone(); }

    /** sum_t 2 sqrt(d_B(P_t, P_t+1)) over consecutive checkpoints (docs/science.md section 5, [D]). */
    public double riemannianLength() {
        double length = 0;
        for (int t = 0; t + 1 < checkpoints.size(); t++) {
            length += 2 * Math.sqrt(BhattacharyyaDistance.between(checkpoints.get(t), checkpoints.get(t + 1)));
        }
        return length;
    }

    /**
     * The run re-indexed by progress (docs/science.md section 5, as Trajectory.sample in [D]): for
     * each grid value tau between the progress of the first checkpoint and the largest progress
     * reached, take the first segment (t-1, t) of training along which progress climbs past tau
     * (lambda_{t-1} < tau <= lambda_t) and interpolate along the per-sample Bhattacharyya
     * geodesic between the two checkpoints at fraction (tau - lambda_{t-1}) / (lambda_t - lambda_{t-1}).
     * Grid values outside that range are not covered: a run is only compared where it went.
     */
    public ReindexedTrajectory reindex(ProgressGrid grid) {
        SqrtProbabilities[] points = new SqrtProbabilities[grid.size()];
        double reached = reached();
        int t = 0;
        for (int g = 0; g < grid.size(); g++) {
            double tau = grid.value(g);
            if (tau < progress[0] || tau > reached) continue;
            while (progress[t] < tau) t++; // grid values increase, so the first crossing only moves forward
            points[g] = interpolate(t, tau);
        }
        return new ReindexedTrajectory(run, grid, points, this);
    }

    /** The largest progress the run reached: with the first checkpoint's, the ends of the range it covers. */
    public double reached() {
        double reached = progress[0];
        for (double p : progress) reached = Math.max(reached, p);
        return reached;
    }

    /**
     * The point of progress {@code tau}, found as {@link #reindex} finds it (the first crossing);
     * null outside the range the run covers.
     */
    public SqrtProbabilities at(double tau) {
        if (!(tau >= progress[0] && tau <= reached())) return null;
        int t = 0;
        while (progress[t] < tau) t++;
        return interpolate(t, tau);
    }

    /** The point of progress tau on the segment (t-1, t) that first climbs past it; checkpoint 0 for t = 0. */
    private SqrtProbabilities interpolate(int t, double tau) {
        if (t == 0) return checkpoints.get(0);
        double fraction = (tau - progress[t - 1]) / (progress[t] - progress[t - 1]);
        SqrtProbabilities a = checkpoints.get(t - 1);
        SqrtProbabilities b = checkpoints.get(t);
        float[] sqrt = Geodesic.slerp(a.values(), b.values(), Geodesic.angles(a, b), a.classes(), fraction);
        return SqrtProbabilities.ofSqrt(run, a.shape(), sqrt);
    }
}
