package org.predspace.geometry.trajectory;

/**
 * Progress values at which trajectories are compared (docs/science.md section 5): evenly spaced
 * in [0, 1], the same for every run, so that points with the same index have the same progress.
 */
public record ProgressGrid(double[] values) {
    /** 100 points, as the geodesic of [A] is drawn. */
    public static final int DEFAULT_POINTS = 100;

    public ProgressGrid {
        if (values.length < 2) throw new IllegalArgumentException("a progress grid needs at least two values");
        values = values.clone();
    }

    /** {@code count} evenly spaced values from 0 to 1 inclusive. */
    public static ProgressGrid evenly(int count) {
        if (count < 2) throw new IllegalArgumentException("a progress grid needs at least two values, got " + count);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) v[i] = i / (double) (count - 1);
        return new ProgressGrid(v);
    }

    public int size() { return values.length; }

    public double value(int index) { return values[index]; }

    @Override public double[] values() { return values.clone(); }
}
