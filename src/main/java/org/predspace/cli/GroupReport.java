package org.predspace.cli;

import org.predspace.geometry.trajectory.DistanceByProgress;
import org.predspace.geometry.trajectory.GroupComparison;
import org.predspace.geometry.trajectory.ReindexedTrajectory;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.session.SpecGroups;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code compare --by FIELD}: the runs grouped by a spec field (the task, say), the groups'
 * trajectory distances averaged over every pair of their runs with the geodesic as a leaf, their
 * complete-linkage dendrogram, and the distance between every two groups against progress
 * (docs/science.md section 5).
 */
final class GroupReport {
    /** Progress values printed for the curves: the grid values nearest 0, 0.1, ..., 1 (the --curves file has them all). */
    static final int PRINTED_PROGRESS = 11;

    private final SpecGroups groups;

    GroupReport(SpecGroups groups) {
        this.groups = groups;
    }

    String field() { return groups.field(); }

    /** Group value to its runs, for the JSON output. */
    Map<String, List<String>> members() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (SpecGroups.Group g : groups.groups()) out.put(g.value(), g.runs());
        return out;
    }

    /**
     * @param runs      the run-level comparison
     * @param reindexed its runs re-indexed, in its order
     * @param geodesic  the ignorance-to-truth geodesic on their grid, named as its leaf
     */
    GroupComparison compare(TrajectoryComparison runs, List<ReindexedTrajectory> reindexed, ReindexedTrajectory geodesic) {
        List<String> labels = new ArrayList<>();
        List<List<Integer>> members = new ArrayList<>();
        for (SpecGroups.Group g : groups.groups()) {
            labels.add(g.value());
            members.add(g.runs().stream().map(runs.runs()::indexOf).toList());
        }
        return GroupComparison.of(runs, reindexed, labels, members, geodesic);
    }

    void print(PrintWriter w, GroupComparison c) {
        String field = groups.field();
        w.println("by " + field + " (distances averaged over every pair of a run of each group, seeds and all else averaged;"
                + " runs that did not learn stay in; the geodesic a leaf):");
        List<String> names = c.comparison().runs();
        for (int i = 0; i < names.size(); i++) {
            String runs = i < groups.groups().size()
                    ? groups.groups().get(i).runs().size() + " runs: " + String.join(", ", groups.groups().get(i).runs())
                    : "the ignorance-to-truth geodesic";
            w.printf(Locale.ROOT, "  [%d] %s  (%s)%n", i, names.get(i), runs);
        }
        CompareCommand.printMatrix(w, c.comparison());
        w.println("complete-linkage dendrogram of the " + field + " groups:");
        w.println(c.comparison().dendrogram().render());
        if (c.curves().isEmpty()) return;
        w.println("distance against progress between " + field + " groups (mean d_B over their run pairs at equal progress;"
                + " - where no pair reaches it):");
        int[] columns = printedColumns(c.curves());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-12s", "progress"));
        for (int g : columns) header.append(String.format(Locale.ROOT, "%8.2f", c.curves().get(0).grid().value(g)));
        w.println(header);
        for (DistanceByProgress curve : c.curves()) {
            w.printf(Locale.ROOT, "  %-12s", "[" + names.indexOf(curve.a()) + "]-[" + names.indexOf(curve.b()) + "]");
            double[] d = curve.distance();
            StringBuilder row = new StringBuilder();
            for (int g : columns) row.append(Double.isNaN(d[g]) ? String.format(Locale.ROOT, "%8s", "-") : String.format(Locale.ROOT, "%8.4f", d[g]));
            w.println(row);
        }
    }

    /**
     * Grid indices spread evenly over the progress range some curve reaches: trajectories of
     * imprinted predictions start well past 0 (an untrained body already sorts the classes) and
     * tasks end early, so columns at 0, 0.1, ..., 1 would mostly show "-".
     */
    private static int[] printedColumns(List<DistanceByProgress> curves) {
        int size = curves.get(0).grid().size();
        int first = size, last = -1;
        for (DistanceByProgress curve : curves) {
            double[] d = curve.distance();
            for (int g = 0; g < d.length; g++) {
                if (!Double.isNaN(d[g])) {
                    first = Math.min(first, g);
                    last = Math.max(last, g);
                }
            }
        }
        if (last < 0) { first = 0; last = size - 1; }
        int[] out = new int[Math.min(PRINTED_PROGRESS, last - first + 1)];
        for (int k = 0; k < out.length; k++) {
            out[k] = out.length == 1 ? first : first + (int) Math.round(k * (last - first) / (double) (out.length - 1));
        }
        return out;
    }
}
