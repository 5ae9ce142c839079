package org.predspace.ui.landscape;

import java.util.ArrayList;
import java.util.List;

/**
 * The cells of a plane's grid evaluated so far. A coarse-to-fine pass evaluates a lattice (every
 * s-th row and column, and the last), so the evaluated values form a smaller full grid: contours
 * are traced on it, and every cell not yet evaluated is drawn with its nearest lattice value, so
 * the first pass already shows the whole picture, blockier than the last.
 */
final class EvaluatedLattice {
    private final int[] rows;
    private final int[] columns;
    private final double[][] values;

    private EvaluatedLattice(int[] rows, int[] columns, double[][] values) {
        this.rows = rows;
        this.columns = columns;
        this.values = values;
    }

    /** The lattice of {@code grid}: the rows evaluated in column 0 and the columns evaluated in row 0 (both always on a pass). */
    static EvaluatedLattice of(double[][] grid) {
        List<Integer> r = new ArrayList<>(), c = new ArrayList<>();
        for (int i = 0; i < grid.length; i++) if (!Double.isNaN(grid[i][0])) r.add(i);
        if (grid.length > 0) for (int j = 0; j < grid[0].length; j++) if (!Double.isNaN(grid[0][j])) c.add(j);
        int[] rows = r.stream().mapToInt(Integer::intValue).toArray();
        int[] columns = c.stream().mapToInt(Integer::intValue).toArray();
        double[][] v = new double[rows.length][columns.length];
        for (int i = 0; i < rows.length; i++) for (int j = 0; j < columns.length; j++) v[i][j] = grid[rows[i]][columns[j]];
        return new EvaluatedLattice(rows, columns, v);
    }

    boolean isEmpty() { return rows.length == 0 || columns.length == 0; }

    /** The lattice's values, [lattice row][lattice column]. */
    double[][] values() { return values; }

    /** Every cell of a rows x columns grid with the value of the nearest lattice cell (NaN when the lattice is empty). */
    double[][] filled(int gridRows, int gridColumns) {
        double[][] out = new double[gridRows][gridColumns];
        for (int i = 0; i < gridRows; i++) {
            int li = isEmpty() ? -1 : nearest(rows, i);
            for (int j = 0; j < gridColumns; j++) out[i][j] = li < 0 ? Double.NaN : values[li][nearest(columns, j)];
        }
        return out;
    }

    /** A fractional lattice row (as contours give) in grid rows. */
    double gridRow(double latticeRow) { return toGrid(rows, latticeRow); }

    double gridColumn(double latticeColumn) { return toGrid(columns, latticeColumn); }

    private static double toGrid(int[] index, double u) {
        if (index.length == 1) return index[0];
        int k = Math.max(0, Math.min(index.length - 2, (int) Math.floor(u)));
        return index[k] + (u - k) * (index[k + 1] - index[k]);
    }

    private static int nearest(int[] index, int i) {
        int best = 0;
        for (int k = 1; k < index.length; k++) if (Math.abs(index[k] - i) < Math.abs(index[best] - i)) best = k;
        return best;
    }
}
