package org.predspace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.predspace.geometry.DistanceMatrix;
import org.predspace.geometry.Embedding;
import org.predspace.geometry.InPca;
import org.predspace.geometry.LapackEigensolver;
import org.predspace.geometry.Parallelism;
import org.predspace.geometry.SqrtProbabilities;
import org.predspace.geometry.SyntheticTrajectories;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Benchmark of the prediction-space geometry against the numpy reference, on synthetic
 * trajectories (run through bench/inpca-bench.sh). Sections, chosen by the first argument:
 * {@code full} (distance matrix + InPCA at m = 2000, N = 2000, C = 10, Java versus numpy).
 */
public final class InpcaBench {
    static final int C = 10;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        String section = args.length > 0 ? args[0] : "full";
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        switch (section) {
            case "full" -> full(dir, 20, 100, 2000);
            default -> throw new IllegalArgumentException("unknown section " + section);
        }
    }

    /** Java distances + InPCA versus numpy on the same float32 data. */
    static void full(Path dir, int runs, int perRun, int samples) throws Exception {
        SyntheticTrajectories source = new SyntheticTrajectories(runs, perRun, samples, C, 4, 7);
        int m = source.size();
        System.out.printf("== full InPCA: m = %d checkpoints (%d runs x %d), N = %d, C = %d, %d threads%n",
                m, runs, perRun, samples, C, Runtime.getRuntime().availableProcessors());
        List<float[]> probabilities = new ArrayList<>();
        Path probs = dir.resolve("probs-" + m + ".npy");
        try (NpyFiles.FloatWriter out = new NpyFiles.FloatWriter(probs, m, samples, C)) {
            for (int i = 0; i < m; i++) {
                float[] p = new float[samples * C];
                source.read(i, p);
                out.write(p);
                probabilities.add(p);
            }
        }
        Parallelism parallelism = Parallelism.allCores();
        double[] tPoints = new double[3];
        double[] tDistances = new double[3];
        double[] tEigen = new double[3];
        Embedding embedding = null;
        long logs = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            List<SqrtProbabilities> points = new ArrayList<>(m);
            for (int i = 0; i < m; i++) points.add(SqrtProbabilities.of(source.run(i), source.shape(), probabilities.get(i)));
            long t1 = System.nanoTime();
            DistanceMatrix d = DistanceMatrix.of(points, parallelism);
            long t2 = System.nanoTime();
            embedding = InPca.embed(d.toArray(), m, 10, new LapackEigensolver());
            long t3 = System.nanoTime();
            tPoints[rep] = (t1 - t0) / 1e9;
            tDistances[rep] = (t2 - t1) / 1e9;
            tEigen[rep] = (t3 - t2) / 1e9;
            logs = d.logsComputed();
            System.out.printf("  java rep %d: sqrt %.3f s, distances %.3f s, eigen %.3f s%n", rep, tPoints[rep], tDistances[rep], tEigen[rep]);
        }
        double javaTotal = median(tPoints) + median(tDistances) + median(tEigen);
        System.out.printf("java (median of 3): sqrt %.3f s + distances %.3f s + centring/eigensolve %.3f s = %.3f s%n",
                median(tPoints), median(tDistances), median(tEigen), javaTotal);
        System.out.printf("logs computed: %,d (one per pair) instead of %,d (one per pair and sample)%n",
                logs, (long) m * (m - 1) / 2 * samples);
        System.out.printf("java eigenvalues: %s%nstress S_1..S_3: %s%n", fmt(embedding.eigenvalues()),
                fmt(Arrays.copyOf(embedding.explainedStress(), 3)));

        Optional<String> python = NumpyReference.findPython();
        if (python.isEmpty()) {
            System.out.println("numpy: not found (python3 with numpy), no comparison");
            return;
        }
        for (String dtype : new String[] {"float64", "float32"}) {
            long w0 = System.nanoTime();
            JsonNode ref = NumpyReference.run(python.get(), probs, "--dtype", dtype, "--no-coordinates");
            double wall = (System.nanoTime() - w0) / 1e9;
            JsonNode t = ref.get("timings");
            double total = t.get("total_s").asDouble();
            System.out.printf("numpy %s (%s, %s): distances %.2f s + eigensolve %.2f s = %.2f s (wall with load %.1f s)"
                            + " -> java is %.1fx faster%n", ref.get("numpy").asText(), python.get(), dtype,
                    t.get("distances_s").asDouble(), t.get("eigensolve_s").asDouble(), total, wall, total / javaTotal);
            double[] lambda = NumpyReference.doubles(ref.get("eigenvalues"));
            double worst = 0;
            for (int a = 0; a < lambda.length; a++) {
                worst = Math.max(worst, Math.abs(lambda[a] - embedding.eigenvalues()[a]) / Math.abs(lambda[0]));
            }
            System.out.printf("  eigenvalues agree to %.1e of lambda_1%n", worst);
        }
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static String fmt(double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) b.append(i == 0 ? "" : ", ").append(String.format("%.4g", values[i]));
        return b.append("]").toString();
    }
}
