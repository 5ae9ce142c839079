package org.predspace.export;

import org.predspace.landscape.SharpnessCurve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's sharpness along training as a CSV table, one row per checkpoint: the step, the top
 * eigenvalue of the Gauss-Newton part of the Hessian (RunSharpness: not the whole Hessian's, and
 * the column's name says so), the learning rate and 2 / lr beside it, so a plot of the edge of
 * stability needs nothing else. A checkpoint whose eigenvalue did not converge has an empty sharpness cell
 * (CsvTable writes NaN as empty).
 */
public final class SharpnessCsv {
    public static final List<String> HEADER = List.of("run", "step", "top_gauss_newton_eigenvalue", "learning_rate", "two_over_lr", "samples");

    private SharpnessCsv() {}

    public static CsvTable of(String run, SharpnessCurve curve) {
        CsvTable table = new CsvTable(HEADER);
        long[] steps = curve.steps();
        double[] sharpness = curve.sharpness();
        for (int i = 0; i < steps.length; i++) {
            table.row(run, steps[i], sharpness[i], curve.learningRate(), curve.edgeOfStability(), curve.samples());
        }
        return table;
    }

    /** Writes the table whole or not at all: an older file of that name survives a failed write. */
    public static void write(Path target, String run, SharpnessCurve curve) throws IOException {
        of(run, curve).writeTo(target);
    }
}
