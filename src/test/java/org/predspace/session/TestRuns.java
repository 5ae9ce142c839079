package org.predspace.session;

import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ImprintInfo;
import org.predspace.runs.ImprintedProbe;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.RunStatus;
import org.predspace.runs.RunWriter;
import org.predspace.training.TrainingPool;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run folders for tests of the session and the UI. Synthetic runs are written directly (fast,
 * deterministic, predictions that move from uniform towards the labels); {@link #trainIris}
 * trains real small networks with parameter snapshots (what the Spectrum panel needs).
 */
public final class TestRuns {
    public static final int N = 30, C = 3;
    public static final String PROBE = "synthetic-probe";

    private TestRuns() {}

    public static int[] labels() {
        int[] l = new int[N];
        for (int i = 0; i < N; i++) l[i] = i % C;
        return l;
    }

    /** Predictions at training fraction t (0 = uniform) with a run-specific tilt away from the labels
     * (distinct for every tilt, so no two runs coincide). */
    public static float[] towardsTruth(double t, int tilt) {
        int[] labels = labels();
        float[] p = new float[N * C];
        for (int i = 0; i < N; i++) {
            double[] row = new double[C];
            double sum = 0;
            for (int c = 0; c < C; c++) {
                row[c] = Math.exp(6 * t * (c == labels[i] ? 1 : 0) + 0.3 * (1 + tilt) * t * (c == (i + tilt) % C ? 1 : 0));
                sum += row[c];
            }
            for (int c = 0; c < C; c++) p[i * C + c] = (float) (row[c] / sum);
        }
        return p;
    }

    /**
     * A finished synthetic run named {@code name} under {@code parent}: checkpoints at steps
     * 0, 10, 20, ..., spec fields architecture (mlp for even tilt, linear for odd), optimizer
     * (sgd / adam by tilt / 2), learning_rate, batch_size, seed = tilt, dataset "synthetic".
     */
    public static Path writeSynthetic(Path parent, String name, String probeId, int tilt, int checkpoints) throws IOException {
        Path dir = parent.resolve(name);
        int[] labels = labels();
        Map<String, Object> spec = Map.of("dataset", "synthetic", "architecture", tilt % 2 == 0 ? "mlp" : "linear",
                "optimizer", (tilt / 2) % 2 == 0 ? "sgd" : "adam", "learning_rate", 0.1 / (1 + tilt), "batch_size", 32,
                "seed", tilt);
        try (RunWriter w = RunWriter.create(dir, name, C, new ProbeInfo(probeId, N, "train"), spec, labels, labels)) {
            for (int k = 0; k < checkpoints; k++) {
                double t = k / (double) Math.max(1, checkpoints - 1);
                CheckpointMetrics m = new CheckpointMetrics(10L * k, k, 1 - 0.9 * t, t, 1.1 - 0.9 * t, 0.9 * t);
                w.append(new Checkpoint(m, towardsTruth(t, tilt), towardsTruth(0.9 * t, tilt), null));
            }
            w.finish(RunStatus.FINISHED, Map.of("test_probe_accuracy", 0.9));
        }
        return dir;
    }

    /** The shared probe of {@link #writeTask} runs' imprinted predictions. */
    public static final String SHARED_PROBE = "shared-probe";

    /**
     * A finished synthetic run of a two-class task: its head on a probe of its own ({@code headProbe},
     * N samples, labels i % 2), its imprinted predictions over the C classes on {@code sharedProbe}
     * ({@link #labels()}; none when {@code sharedProbe} is null), moving as {@link #towardsTruth} from training fraction {@code from} at
     * the first checkpoint to {@code to} at the last. Spec as {@link #writeSynthetic} plus
     * {@code extraSpec} (task, init_from, ...).
     */
    public static Path writeTask(Path parent, String name, String headProbe, String sharedProbe, int tilt, int checkpoints,
                                 double from, double to, Map<String, Object> extraSpec) throws IOException {
        Path dir = parent.resolve(name);
        int[] head = new int[N];
        for (int i = 0; i < N; i++) head[i] = i % 2;
        Map<String, Object> spec = new LinkedHashMap<>(Map.of("dataset", "synthetic", "architecture", "mlp",
                "optimizer", "sgd", "learning_rate", 0.1, "batch_size", 32, "seed", tilt));
        spec.putAll(extraSpec);
        ImprintedProbe imprinted = sharedProbe == null ? null : new ImprintedProbe(new ImprintInfo(C,
                new ProbeInfo(sharedProbe, N, "train"), new ProbeInfo("prototypes", 60, "train")), labels(), null);
        try (RunWriter w = RunWriter.create(dir, name, 2, new ProbeInfo(headProbe, N, "train"), spec, head, null, imprinted)) {
            for (int k = 0; k < checkpoints; k++) {
                double t = k / (double) Math.max(1, checkpoints - 1);
                float[] rows = new float[N * 2];
                for (int i = 0; i < N; i++) {
                    float p = (float) (0.5 + 0.45 * t);
                    rows[2 * i + head[i]] = p;
                    rows[2 * i + 1 - head[i]] = 1 - p;
                }
                CheckpointMetrics m = new CheckpointMetrics(10L * k, k, 1 - 0.9 * t, t, Double.NaN, Double.NaN);
                w.append(new Checkpoint(m, rows, null, null, imprinted == null ? null : towardsTruth(from + (to - from) * t, tilt), null));
            }
            w.finish(RunStatus.FINISHED, Map.of());
        }
        return dir;
    }

    /** {@code count} synthetic runs run-0 .. run-(count-1) on one probe; returns their folders. */
    public static List<Path> writeSynthetic(Path parent, int count, int checkpoints) throws IOException {
        ArrayList<Path> out = new ArrayList<>();
        for (int i = 0; i < count; i++) out.add(writeSynthetic(parent, "run-" + i, PROBE, i, checkpoints));
        return out;
    }

    /** Trains real runs on iris (linear and mlp, sgd, a few seconds each) with every parameter snapshot kept. */
    public static List<Path> trainIris(Path parent, String... architectures) {
        List<TrainingSpec> specs = new ArrayList<>();
        for (String a : architectures) {
            specs.add(TrainingSpec.builder("iris").architecture(Architecture.fromId(a)).optimizer(OptimizerKind.SGD)
                    .learningRate(0.3).batchSize(16).epochs(4).checkpoints(10).probeSize(60).seed(1)
                    .snapshots(SnapshotPolicy.ALL).name("iris-" + a).build());
        }
        try (TrainingPool pool = new TrainingPool(2, new DatasetCatalog()::load)) {
            List<TrainingPool.RunHandle> handles = pool.submitAll(specs, parent, e -> {});
            TrainingPool.awaitAll(handles);
            return handles.stream().map(TrainingPool.RunHandle::dir).toList();
        }
    }
}
