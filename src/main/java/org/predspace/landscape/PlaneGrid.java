package org.predspace.landscape;

import java.util.Arrays;

/**
 * Loss and accuracy on a rows x columns grid of a plane (rows along y, columns along x), on the
 * train and the test probe. Cells not evaluated yet (a coarse pass of {@link PlaneLandscape}) are NaN.
 */
public record PlaneGrid(double[] xs, double[] ys, double[][] trainLoss, double[][] trainAccuracy,
                        double[][] testLoss, double[][] testAccuracy) {
    static PlaneGrid empty(double[] xs, double[] ys) {
        return new PlaneGrid(xs.clone(), ys.clone(), nan(ys.length, xs.length), nan(ys.length, xs.length),
                nan(ys.length, xs.length), nan(ys.length, xs.length));
    }

    private static double[][] nan(int rows, int columns) {
        double[][] a = new double[rows][columns];
        for (double[] row : a) Arrays.fill(row, Double.NaN);
        return a;
    }

    /** A deep copy, handed to listeners while the grid goes on filling. */
    PlaneGrid copy() {
        return new PlaneGrid(xs.clone(), ys.clone(), deep(trainLoss), deep(trainAccuracy), deep(testLoss), deep(testAccuracy));
    }

    private static double[][] deep(double[][] a) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) b[i] = a[i].clone();
        return b;
    }

    /** Cells evaluated so far. */
    public int evaluatedCells() {
        int n = 0;
        for (double[] row : trainLoss) for (double v : row) if (!Double.isNaN(v)) n++;
        return n;
    }

    public boolean isComplete() { return evaluatedCells() == xs.length * ys.length; }
}
