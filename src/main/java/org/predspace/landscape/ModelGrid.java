package org.predspace.landscape;

/**
 * The models of a line or a plane in weight space: theta(i, j) = origin + xs[j] d_x + ys[i] d_y on
 * a rows x columns grid (a line is one row with d_y = 0), and the train probe loss of each.
 * What the canyon in prediction space places (docs/science.md §8): the models themselves are
 * rebuilt from these vectors on demand, never held as a rows x columns x P array.
 */
public record ModelGrid(double[] origin, double[] xDirection, double[] yDirection, double[] xs, double[] ys, double[][] loss) {
    public ModelGrid {
        int p = origin.length;
        if (xDirection.length != p || yDirection.length != p) {
            throw new IllegalArgumentException("the directions have " + xDirection.length + " and " + yDirection.length
                    + " parameters, the origin " + p);
        }
        if (xs.length == 0 || ys.length == 0) throw new IllegalArgumentException("a model grid needs at least one row and one column");
        if (loss.length != ys.length) throw new IllegalArgumentException(loss.length + " rows of losses for " + ys.length + " rows");
        for (double[] row : loss) {
            if (row.length != xs.length) throw new IllegalArgumentException("a row of " + row.length + " losses for " + xs.length + " columns");
        }
    }

    /** The line theta(a) = (1-a) theta_0 + a theta_1 = theta_0 + a (theta_1 - theta_0), one row. */
    public static ModelGrid line(double[] theta0, double[] theta1, double[] alphas, double[] loss) {
        if (theta0.length != theta1.length) throw new IllegalArgumentException("the ends have " + theta0.length + " and " + theta1.length + " parameters");
        double[] d = new double[theta0.length];
        for (int i = 0; i < d.length; i++) d[i] = theta1[i] - theta0[i];
        return new ModelGrid(theta0, d, new double[d.length], alphas, new double[] {0}, new double[][] {loss});
    }

    /** The models of a computed plane. */
    public static ModelGrid plane(PlaneSlice slice, PlaneGrid grid) {
        return new ModelGrid(slice.origin(), slice.xDirection(), slice.yDirection(), grid.xs(), grid.ys(), grid.trainLoss());
    }

    public int rows() { return ys.length; }
    public int columns() { return xs.length; }
    public boolean isLine() { return ys.length == 1; }

    /** The parameters of the model at (row, column). */
    public double[] parameters(int row, int column) {
        double x = xs[column];
        double y = ys[row];
        double[] theta = new double[origin.length];
        for (int i = 0; i < theta.length; i++) theta[i] = origin[i] + x * xDirection[i] + y * yDirection[i];
        return theta;
    }
}
