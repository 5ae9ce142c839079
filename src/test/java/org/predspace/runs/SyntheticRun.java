package org.predspace.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic run content: everything about a checkpoint follows from its step, so a test
 * can check what any writer (even a killed one in another process) wrote for that step.
 */
record SyntheticRun(int probeSize, int testSize, int classes, int parameterCount) {
    static final SyntheticRun SMALL = new SyntheticRun(50, 20, 4, 30);
    static final SyntheticRun REALISTIC = new SyntheticRun(1000, 200, 10, 5000);

    /** Steps 10, 20, 30, ... */
    static long step(int index) { return 10L * (index + 1); }

    ProbeInfo probe() { return new ProbeInfo("synthetic-" + probeSize, probeSize, "train"); }

    int[] probeLabels() { return labels(1, probeSize); }

    int[] testLabels() { return testSize < 0 ? null : labels(2, testSize); }

    RunWriter create(Path dir) throws IOException {
        return RunWriter.create(dir, "synthetic", classes, probe(), Map.of("seed", 7, "lr", 0.05, "layers", List.of(16, 8)),
                probeLabels(), testLabels());
    }

    /** Writes checkpoints at steps 10, 20, ... and closes without finishing, as an interrupted writer would. */
    Path writeUnfinished(Path dir, int checkpoints) throws IOException {
        try (RunWriter w = create(dir)) {
            for (int i = 0; i < checkpoints; i++) w.append(checkpoint(step(i)));
        }
        return dir;
    }

    /** One checkpoint at step 10, then the run ends with {@code status}. */
    Path writeEnded(Path dir, RunStatus status, Map<String, Object> summary) throws IOException {
        try (RunWriter w = create(dir)) {
            w.append(checkpoint(step(0)));
            w.finish(status, summary);
        }
        return dir;
    }

    /** Parameters on every third checkpoint, as a sparse snapshot schedule would. */
    static boolean hasParameters(long step) { return step % 30 == 0; }

    Checkpoint checkpoint(long step) {
        return new Checkpoint(metrics(step), softmaxRows(step * 2, probeSize), testSize < 0 ? null : softmaxRows(step * 2 + 1, testSize),
                hasParameters(step) ? parameters(step) : null);
    }

    static CheckpointMetrics metrics(long step) {
        return new CheckpointMetrics(step, step / 100.0, 1.0 / step, 0.5 + 1.0 / (step + 3), Double.NaN, 0.25);
    }

    float[] parameters(long step) {
        SplittableRandom r = new SplittableRandom(step * 31);
        float[] p = new float[parameterCount];
        for (int i = 0; i < p.length; i++) p[i] = (float) r.nextGaussian();
        return p;
    }

    float[] softmaxRows(long seed, int rows) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] out = new float[rows * classes];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double e = Math.exp(2 * r.nextGaussian());
                out[i * classes + c] = (float) e;
                sum += e;
            }
            for (int c = 0; c < classes; c++) out[i * classes + c] /= (float) sum;
        }
        return out;
    }

    private int[] labels(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = r.nextInt(classes);
        return labels;
    }
}
