package org.predspace.export;

import java.util.ArrayList;
import java.util.List;

/**
 * A square matrix of trajectory distances: run names as the header and as the first column, in
 * the same order; a pair with no progress in common is {@code inf}.
 */
public final class DistanceMatrixCsv {
    private DistanceMatrixCsv() {}

    public static CsvTable of(List<String> runs, double[][] distances) {
        if (distances.length != runs.size()) {
            throw new IllegalArgumentException(distances.length + " rows of distances for " + runs.size() + " runs");
        }
        List<String> header = new ArrayList<>();
        header.add("run");
        header.addAll(runs);
        CsvTable table = new CsvTable(header);
        for (int i = 0; i < runs.size(); i++) {
            if (distances[i].length != runs.size()) {
                throw new IllegalArgumentException("row " + i + " has " + distances[i].length + " distances for " + runs.size() + " runs");
            }
            Object[] row = new Object[runs.size() + 1];
            row[0] = runs.get(i);
            for (int j = 0; j < runs.size(); j++) row[j + 1] = distances[i][j];
            table.row(row);
        }
        return table;
    }
}
