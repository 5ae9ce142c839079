package org.predspace.session;

import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ImprintInfo;
import org.predspace.runs.ImprintedProbe;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.RunStatus;
import org.predspace.runs.RunWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixture runs of two tasks with imprinted predictions, written directly (no training): the full
 * problem (3 classes on the shared probe, no "task" in the spec) and {@link #SUBSET} (a 2-class
 * head on a probe of its own), both with imprinted predictions over the 3 classes on one shared
 * probe of {@link TestRuns#N} samples. A run's imprinted predictions are
 * {@link TestRuns#towardsTruth} with its tilt: tilt k leans sample i towards class (i + k) % 3,
 * so the full task's runs (tilts 1, 4) lean towards one wrong class and the subset's (2, 5)
 * towards the other, more strongly.
 */
public final class TwoTaskRuns {
    public static final String SHARED = "shared-probe";
    public static final String SUBSET = "classes:0,1";
    public static final ImprintInfo IMPRINT = new ImprintInfo(TestRuns.C, new ProbeInfo(SHARED, TestRuns.N, "train"),
            new ProbeInfo("prototypes", 12, "train"));

    private TwoTaskRuns() {}

    /** all-s0, sub-s0, all-s1, sub-s1: the second seed of each task stops short (0.9 and 0.8 of its route). */
    public static List<Path> write(Path parent) throws IOException {
        return List.of(write(parent, "all-s0", "all", 1, 1), write(parent, "sub-s0", SUBSET, 2, 1),
                write(parent, "all-s1", "all", 4, 0.9), write(parent, "sub-s1", SUBSET, 5, 0.8));
    }

    /** A run of {@code task} ("all" records none) with 9 checkpoints along {@code reach} of its route. */
    public static Path write(Path parent, String name, String task, int tilt, double reach) throws IOException {
        Path dir = parent.resolve(name);
        boolean full = task.equals("all");
        int headClasses = full ? TestRuns.C : 2;
        int headSamples = full ? TestRuns.N : 20;
        int[] headLabels = new int[headSamples];
        for (int i = 0; i < headSamples; i++) headLabels[i] = i % headClasses;
        Map<String, Object> spec = new HashMap<>(Map.of("dataset", "synthetic", "architecture", "mlp", "seed", tilt));
        if (!full) spec.put("task", task);
        try (RunWriter w = RunWriter.create(dir, name, headClasses, new ProbeInfo(full ? SHARED : "task-probe", headSamples, "train"),
                spec, headLabels, null, new ImprintedProbe(IMPRINT, TestRuns.labels(), null))) {
            for (int k = 0; k <= 8; k++) {
                double t = reach * k / 8;
                float[] head = new float[headSamples * headClasses];
                Arrays.fill(head, 1f / headClasses);
                CheckpointMetrics m = new CheckpointMetrics(10L * k, k, 1 - 0.5 * t, t, Double.NaN, Double.NaN);
                w.append(new Checkpoint(m, head, null, null, TestRuns.towardsTruth(t, tilt), null));
            }
            w.finish(RunStatus.FINISHED, Map.of());
        }
        return dir;
    }
}
