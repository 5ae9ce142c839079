package org.predspace.cli;

import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.RunStatus;
import org.predspace.runs.RunWriter;
import org.predspace.session.TestRuns;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Small run folders for the CLI's tests, written directly: no training, no native libraries. */
final class SyntheticRuns {
    private SyntheticRuns() {}

    /**
     * A finished run with one checkpoint per training fraction in {@code fractions} (0 uniform, 1
     * near the labels; see {@link TestRuns#towardsTruth}): equal fractions and tilts give equal
     * predictions, and progress grows with the fraction.
     */
    static Path write(Path parent, String name, int tilt, double... fractions) throws IOException {
        Path dir = parent.resolve(name);
        int[] labels = TestRuns.labels();
        try (RunWriter w = RunWriter.create(dir, name, TestRuns.C, new ProbeInfo(TestRuns.PROBE, TestRuns.N, "train"),
                Map.of("dataset", "synthetic"), labels, null)) {
            for (int k = 0; k < fractions.length; k++) {
                CheckpointMetrics m = new CheckpointMetrics(10L * k, k, 1 - 0.5 * fractions[k], fractions[k], Double.NaN, Double.NaN);
                w.append(new Checkpoint(m, TestRuns.towardsTruth(fractions[k], tilt), null, null));
            }
            w.finish(RunStatus.FINISHED, Map.of());
        }
        return dir;
    }
}
