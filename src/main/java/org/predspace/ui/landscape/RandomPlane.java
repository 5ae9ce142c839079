package org.predspace.ui.landscape;

import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetSplit;
import org.predspace.landscape.FilterNormalizedDirection;
import org.predspace.landscape.ParameterLayout;
import org.predspace.landscape.PlaneSlice;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.data.DataFormatException;

/**
 * Two filter-normalised directions at a checkpoint (seeds s and s + 1, Li et al.; docs/science.md
 * §8) with the run's snapshots projected onto the plane by least squares and their distance off
 * it. The directions are not orthogonal, so a checkpoint's coordinates solve the 2 x 2 normal
 * equations rather than being two dot products.
 */
final class RandomPlane {
    private RandomPlane() {}

    static PlaneSlice at(Run run, double[] origin, org.predspace.training.TrainingSpec spec, long seed, DatasetCatalog catalog)
            throws RunFormatException, DataFormatException {
        DatasetSplit data = catalog.load(spec.dataset());
        ParameterLayout layout = ParameterLayout.of(spec, data.shape(), data.classes());
        double[] dx = FilterNormalizedDirection.of(layout, origin, seed);
        double[] dy = FilterNormalizedDirection.of(layout, origin, seed + 1);
        long[] steps = run.parameterSteps();
        double[][] coordinates = new double[steps.length][];
        double[] off = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            float[] p = run.parameters(steps[i]);
            if (p.length != origin.length) {
                throw new RunFormatException("run " + run.name() + ": the snapshot at step " + steps[i] + " has " + p.length
                        + " parameters, the network " + origin.length);
            }
            double[] v = new double[p.length];
            for (int j = 0; j < p.length; j++) v[j] = p[j] - origin[j];
            coordinates[i] = project(dx, dy, v);
            off[i] = residual(dx, dy, v, coordinates[i]);
        }
        return new PlaneSlice(PlaneSlice.Kind.FILTER_NORMALIZED, seed, origin, dx, dy, steps, coordinates, off, Double.NaN);
    }

    /** The (a, b) minimising |v - a dx - b dy|. */
    static double[] project(double[] dx, double[] dy, double[] v) {
        double xx = dot(dx, dx), xy = dot(dx, dy), yy = dot(dy, dy), xv = dot(dx, v), yv = dot(dy, v);
        double det = xx * yy - xy * xy;
        if (!(det > 0)) throw new IllegalArgumentException("the two random directions are parallel or zero: no plane to project on");
        return new double[] {(yy * xv - xy * yv) / det, (xx * yv - xy * xv) / det};
    }

    private static double residual(double[] dx, double[] dy, double[] v, double[] ab) {
        double s = 0;
        for (int j = 0; j < v.length; j++) {
            double r = v[j] - ab[0] * dx[j] - ab[1] * dy[j];
            s += r * r;
        }
        return Math.sqrt(s);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += a[j] * b[j];
        return s;
    }
}
