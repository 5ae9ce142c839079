package org.predspace.ui.compare;

import org.predspace.geometry.trajectory.ConfigurationDistances;
import org.predspace.geometry.trajectory.ProgressGrid;
import org.predspace.geometry.trajectory.ReindexedTrajectory;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.geometry.trajectory.Tube;
import org.predspace.session.Configurations;

import java.util.ArrayList;
import java.util.List;

/**
 * The Compare panel's configuration view, computed from the run-level distances (no JavaFX):
 * configurations (runs equal but for their seed, see {@link Configurations}) compared by their
 * trajectory distances averaged over seed pairs, with the ignorance-to-truth geodesic as one
 * more leaf, as [A] draws its dendrogram; and each configuration's tube width against progress.
 * Runs that did not learn are in no configuration and are listed.
 *
 * @param comparison     the configurations in grouping order, then the geodesic; null when fewer than two entries
 * @param configurations the configurations compared, with their runs
 * @param didNotLearn    runs left out because they did not learn
 * @param tubes          one curve per configuration with at least two runs
 */
record ConfigurationComparison(TrajectoryComparison comparison, List<Configurations.Configuration> configurations,
                               List<String> didNotLearn, List<TubeWidth> tubes) {
    /** The geodesic's leaf. */
    static final String GEODESIC = "geodesic";

    /** A configuration's tube width (mean d_B of its runs to their mean) at the progress values at least two runs reach. */
    record TubeWidth(String configuration, List<String> runs, double[] progress, double[] width) {}

    static ConfigurationComparison of(TrajectoryDistances.Result runs, Configurations.Grouping grouping, ProgressGrid grid) {
        List<String> compared = runs.comparison().runs();
        List<Configurations.Configuration> kept = new ArrayList<>();
        List<List<Integer>> groups = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        // Only runs that made it into the run-level comparison (the same probe, two checkpoints on disk).
        for (Configurations.Configuration c : grouping.configurations()) {
            List<Integer> members = new ArrayList<>();
            for (String run : c.runs()) {
                int i = compared.indexOf(run);
                if (i >= 0) members.add(i);
            }
            if (members.isEmpty()) continue;
            List<String> names = members.stream().map(compared::get).toList();
            kept.add(new Configurations.Configuration(c.label(), names));
            groups.add(members);
            labels.add(c.label());
        }
        List<TubeWidth> tubes = new ArrayList<>();
        for (int k = 0; k < kept.size(); k++) {
            if (groups.get(k).size() < 2) continue;
            List<ReindexedTrajectory> members = groups.get(k).stream().map(runs.reindexed()::get).toList();
            tubes.add(curve(kept.get(k), Tube.of(members).meanWidth(), grid));
        }
        TrajectoryComparison comparison = null;
        if (runs.geodesic() != null && !kept.isEmpty()) {
            TrajectoryComparison withGeodesic = withGeodesic(runs, grid);
            groups.add(List.of(compared.size()));
            labels.add(GEODESIC);
            comparison = ConfigurationDistances.average(withGeodesic, labels, groups);
        }
        return new ConfigurationComparison(comparison, List.copyOf(kept), grouping.didNotLearn(), List.copyOf(tubes));
    }

    /** The run-level distances with the geodesic as one more run: its distance to each run as between two runs. */
    private static TrajectoryComparison withGeodesic(TrajectoryDistances.Result runs, ProgressGrid grid) {
        return runs.comparison().with(runs.geodesic().reindexed(GEODESIC, grid), runs.reindexed());
    }

    private static TubeWidth curve(Configurations.Configuration c, double[] width, ProgressGrid grid) {
        List<double[]> points = new ArrayList<>();
        for (int g = 0; g < width.length; g++) if (!Double.isNaN(width[g])) points.add(new double[] {grid.value(g), width[g]});
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int k = 0; k < x.length; k++) {
            x[k] = points.get(k)[0];
            y[k] = points.get(k)[1];
        }
        return new TubeWidth(c.label(), c.runs(), x, y);
    }
}
