package org.predspace.geometry.trajectory;

import org.predspace.geometry.distance.BhattacharyyaDistance;
import org.predspace.geometry.distance.SqrtProbabilities;
import java.util.Arrays;
import java.util.List;

/**
 * How far each run of a group strays from the group's mean trajectory, against progress
 * (docs/science.md section 5, "tube" width). The mean at each progress value is the average of
 * the runs' probabilities there (as avg_preds in [D]), a distribution on the same probe set.
 *
 * @param mean  mean[g] is the group mean at grid value g, or null where fewer than one run covers it
 * @param width width[r][g] = d_B(run r at g, mean[g]), NaN where run r does not cover g
 */
public record Tube(ProgressGrid grid, List<String> runs, SqrtProbabilities[] mean, double[][] width) {

    public static Tube of(List<ReindexedTrajectory> group) {
        if (group.isEmpty()) throw new IllegalArgumentException("a tube needs at least one run");
        ProgressGrid grid = group.get(0).grid();
        int r = group.size();
        SqrtProbabilities[] mean = new SqrtProbabilities[grid.size()];
        double[][] width = new double[r][grid.size()];
        for (double[] row : width) Arrays.fill(row, Double.NaN);
        for (int g = 0; g < grid.size(); g++) {
            float[] sum = null;
            int count = 0;
            SqrtProbabilities any = null;
            for (ReindexedTrajectory t : group) {
                if (!t.covers(g)) continue;
                any = t.at(g);
                float[] p = any.probabilities();
                if (sum == null) sum = new float[p.length];
                for (int k = 0; k < p.length; k++) sum[k] += p[k];
                count++;
            }
            if (count == 0) continue;
            for (int k = 0; k < sum.length; k++) sum[k] /= count;
            mean[g] = SqrtProbabilities.of("mean", any.shape(), sum);
            for (int i = 0; i < r; i++) {
                if (group.get(i).covers(g)) width[i][g] = BhattacharyyaDistance.between(group.get(i).at(g), mean[g]);
            }
        }
        return new Tube(grid, group.stream().map(ReindexedTrajectory::run).toList(), mean, width);
    }

    /**
     * The tube's width at each grid value: the mean over the runs covering it of their distance
     * to the group mean, as [A] plots "distance to mean trajectory" against progress. NaN where
     * fewer than two runs cover the value (one run is its own mean: a width of 0 says nothing).
     */
    public double[] meanWidth() {
        double[] out = new double[grid.size()];
        for (int g = 0; g < out.length; g++) {
            double sum = 0;
            int count = 0;
            for (double[] run : width) {
                if (Double.isNaN(run[g])) continue;
                sum += run[g];
                count++;
            }
            out[g] = count < 2 ? Double.NaN : sum / count;
        }
        return out;
    }
}
