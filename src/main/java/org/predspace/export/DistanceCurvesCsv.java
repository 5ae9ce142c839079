package org.predspace.export;

import org.predspace.geometry.trajectory.DistanceByProgress;

import java.util.ArrayList;
import java.util.List;

/**
 * Trajectory distance against progress, one row per pair and progress value both reach: the
 * two names, the progress, d_B there; for curves between groups also how many run pairs the
 * distance averages. Pairs with no progress in common have no rows.
 */
public final class DistanceCurvesCsv {
    private DistanceCurvesCsv() {}

    /**
     * @param item     what the curves join: "run" gives columns run_a, run_b; a spec field (task) task_a, task_b
     * @param progress the progress column's name
     * @param grouped  add the column pairs (the curves average run pairs)
     */
    public static CsvTable of(List<DistanceByProgress> curves, String item, String progress, boolean grouped) {
        List<String> header = new ArrayList<>(List.of(item + "_a", item + "_b", progress, "distance"));
        if (grouped) header.add("pairs");
        CsvTable table = new CsvTable(header);
        for (DistanceByProgress c : curves) {
            double[] d = c.distance();
            int[] pairs = c.pairs();
            for (int g = 0; g < d.length; g++) {
                if (Double.isNaN(d[g])) continue;
                if (grouped) table.row(c.a(), c.b(), c.grid().value(g), d[g], pairs[g]);
                else table.row(c.a(), c.b(), c.grid().value(g), d[g]);
            }
        }
        return table;
    }
}
