package org.predspace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.management.OperatingSystemMXBean;
import org.predspace.geometry.distance.CheckpointSource;
import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.distance.SyntheticTrajectories;
import org.predspace.geometry.inpca.CenteredGram;
import org.predspace.geometry.inpca.Embedding;
import org.predspace.geometry.inpca.InPca;
import org.predspace.geometry.inpca.KrylovEigensolver;
import org.predspace.geometry.inpca.LandmarkEmbedding;
import org.predspace.geometry.inpca.LandmarkInPca;
import org.predspace.geometry.inpca.LapackEigensolver;
import org.predspace.geometry.inpca.LiveEmbedding;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Benchmark of the prediction-space geometry against the numpy reference, on synthetic
 * trajectories (run through bench/inpca-bench.sh). Sections, chosen by the first argument:
 * {@code full} (distance matrix + InPCA at m = 2000, N = 2000, C = 10, Java versus numpy),
 * {@code live} (one more checkpoint in a live embedding of 2000, versus recomputing),
 * {@code landmark [L]} (200,000 checkpoints at N = 1000 streamed through landmark InPCA: time and heap),
 * {@code distortion} (landmark InPCA against the full one at m = 2000).
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
            case "live" -> live(20, 100, 2000);
            case "landmark" -> landmark(2000, 100, 1000, args.length > 1 ? Integer.parseInt(args[1]) : 500);
            case "distortion" -> distortion(20, 100, 2000);
            default -> throw new IllegalArgumentException("unknown section " + section + " (full, live, landmark, distortion)");
        }
    }

    /** Java distances + InPCA versus numpy on the same float32 data. */
    static void full(Path dir, int runs, int perRun, int samples) throws Exception {
        SyntheticTrajectories source = new SyntheticTrajectories(runs, perRun, samples, C, 4, 7);
        int m = source.size();
        System.out.printf("== full InPCA: m = %d checkpoints (%d runs x %d), N = %d, C = %d, %d threads; load average %s%n",
                m, runs, perRun, samples, C, Runtime.getRuntime().availableProcessors(), loadAverage());
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
        double[] cpu = new double[3];
        double[] tDense = new double[3];
        Embedding embedding = null;
        long logs = 0;
        for (int rep = 0; rep < 3; rep++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            List<SqrtProbabilities> points = new ArrayList<>(m);
            for (int i = 0; i < m; i++) points.add(SqrtProbabilities.of(source.run(i), source.shape(), probabilities.get(i)));
            long t1 = System.nanoTime();
            DistanceMatrix d = DistanceMatrix.of(points, parallelism);
            long t2 = System.nanoTime();
            embedding = InPca.embed(d, 10);
            long t3 = System.nanoTime();
            cpu[rep] = (processCpuNanos() - c0) / 1e9;
            InPca.embed(d.toArray(), m, 10, new LapackEigensolver());
            tDense[rep] = (System.nanoTime() - t3) / 1e9;
            tPoints[rep] = (t1 - t0) / 1e9;
            tDistances[rep] = (t2 - t1) / 1e9;
            tEigen[rep] = (t3 - t2) / 1e9;
            logs = d.logsComputed();
            System.out.printf("  java rep %d: sqrt %.3f s, distances %.3f s, centring + Krylov %.3f s (dense LAPACK instead: %.3f s)%n",
                    rep, tPoints[rep], tDistances[rep], tEigen[rep], tDense[rep]);
        }
        double javaTotal = median(tPoints) + median(tDistances) + median(tEigen);
        double javaCpu = median(cpu);
        System.out.printf("java (median of 3): sqrt %.3f s + distances %.3f s + centring/eigensolve %.3f s = %.3f s (CPU %.2f s);"
                        + " with the dense solver the eigensolve takes %.3f s%n",
                median(tPoints), median(tDistances), median(tEigen), javaTotal, javaCpu, median(tDense));
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
            double numpyCpu = t.get("cpu_total_s").asDouble();
            System.out.printf("numpy %s (%s, %s): distances %.2f s + eigensolve %.2f s = %.2f s (CPU %.1f s; wall with load %.1f s)"
                            + " -> java is %.1fx faster in wall time, %.1fx in CPU time%n", ref.get("numpy").asText(), python.get(), dtype,
                    t.get("distances_s").asDouble(), t.get("eigensolve_s").asDouble(), total, numpyCpu, wall,
                    total / javaTotal, numpyCpu / javaCpu);
            double[] lambda = NumpyReference.doubles(ref.get("eigenvalues"));
            double worst = 0;
            for (int a = 0; a < lambda.length; a++) {
                worst = Math.max(worst, Math.abs(lambda[a] - embedding.eigenvalues()[a]) / Math.abs(lambda[0]));
            }
            System.out.printf("  eigenvalues agree to %.1e of lambda_1%n", worst);
        }
    }

    static SyntheticTrajectories trajectories(int runs, int perRun, int samples) {
        return new SyntheticTrajectories(runs, perRun, samples, C, 4, 7);
    }

    static List<SqrtProbabilities> points(CheckpointSource source, Parallelism parallelism) {
        SqrtProbabilities[] out = new SqrtProbabilities[source.size()];
        for (int start = 0; start < out.length; start += 256) {
            int from = start;
            int count = Math.min(256, out.length - start);
            IntStream.range(0, count).parallel().forEach(i -> out[from + i] = source.point(from + i));
        }
        return Arrays.asList(out);
    }

    /** Time per added checkpoint in a live embedding of m, against recomputing everything. */
    static void live(int runs, int perRun, int samples) {
        SyntheticTrajectories source = trajectories(runs, perRun + 1, samples);
        Parallelism parallelism = Parallelism.allCores();
        List<SqrtProbabilities> all = points(source, parallelism);
        int m = runs * perRun;
        List<SqrtProbabilities> first = new ArrayList<>();
        List<SqrtProbabilities> extra = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) (i % (perRun + 1) == perRun ? extra : first).add(all.get(i));
        System.out.printf("== live: %d checkpoints, N = %d, C = %d, then %d more one at a time%n", m, samples, C, extra.size());
        LiveEmbedding.Settings settings = LiveEmbedding.Settings.defaults().inForeground();
        try (LiveEmbedding live = new LiveEmbedding(source.shape(), settings)) {
            long t0 = System.nanoTime();
            for (SqrtProbabilities p : first) live.add(p);
            long t1 = System.nanoTime();
            System.out.printf("built one checkpoint at a time (refreshing every 15%% growth): %.2f s%n", (t1 - t0) / 1e9);
            double[] refresh = new double[3];
            for (int rep = 0; rep < 3; rep++) {
                long r0 = System.nanoTime();
                live.refreshNow();
                refresh[rep] = (System.nanoTime() - r0) / 1e9;
            }
            System.out.printf("refresh at m = %d (warm Krylov + alignment): median %.3f s%n", m, median(refresh));
            double[] add = new double[extra.size()];
            for (int i = 0; i < extra.size(); i++) {
                long a0 = System.nanoTime();
                live.add(extra.get(i));
                add[i] = (System.nanoTime() - a0) / 1e9;
            }
            double[] full = new double[3];
            for (int rep = 0; rep < 3; rep++) {
                long f0 = System.nanoTime();
                InPca.embed(DistanceMatrix.of(all, parallelism), 10);
                full[rep] = (System.nanoTime() - f0) / 1e9;
            }
            double perAdd = median(add);
            System.out.printf("add one checkpoint (distance row + out-of-sample placement): median %.1f ms over %d adds%n",
                    perAdd * 1e3, add.length);
            System.out.printf("full recompute of %d (distances + InPCA): median %.2f s -> one add costs 1/%.0f of it%n",
                    all.size(), median(full), median(full) / perAdd);
            CenteredGram gram = gramOf(live.distances());
            KrylovEigensolver.Result cold = new KrylovEigensolver().solve(gram.w(), gram.size(), 10, null);
            long d0 = System.nanoTime();
            new LapackEigensolver().leadingByMagnitude(gram.w(), gram.size(), 10);
            long d1 = System.nanoTime();
            new KrylovEigensolver().solve(gram.w(), gram.size(), 10, null);
            long d2 = System.nanoTime();
            System.out.printf("eigensolvers at m = %d: dense LAPACK %.3f s, Krylov cold %.3f s (%d cycles, %d products)%n",
                    gram.size(), (d1 - d0) / 1e9, (d2 - d1) / 1e9, cold.cycles(), cold.products());
        }
    }

    /** 200,000 checkpoints streamed through landmark InPCA in a 4 GB heap: time and peak heap. */
    static void landmark(int runs, int perRun, int samples, int landmarks) throws Exception {
        SyntheticTrajectories source = new SyntheticTrajectories(runs, perRun, samples, C, 8, 11);
        int m = source.size();
        long heapMax = Runtime.getRuntime().maxMemory();
        System.out.printf("== landmark: m = %,d checkpoints (%d runs x %d), N = %d, C = %d: %.1f GB as float32; heap limit %.1f GB%n",
                m, runs, perRun, samples, C, (double) m * samples * C * 4 / 1e9, heapMax / 1e9);
        // What generating the synthetic checkpoints costs alone (a mapped run folder is far cheaper to read).
        float[] buffer = new float[samples * C];
        long g0 = System.nanoTime();
        for (int i = 0; i < 2000; i++) source.read(i * (m / 2000), buffer);
        double generation = (System.nanoTime() - g0) / 1e9 * m / 2000;
        HeapWatch heap = HeapWatch.start();
        LandmarkInPca.Settings settings = LandmarkInPca.Settings.defaults().withLandmarks(landmarks);
        long t0 = System.nanoTime();
        double[] nextReport = {0.1};
        LandmarkEmbedding e = LandmarkInPca.embed(source, settings, fraction -> {
            synchronized (nextReport) {
                if (fraction >= nextReport[0]) {
                    System.out.printf("  %3.0f%% placed after %.1f s, heap used %.2f GB%n", 100 * fraction,
                            (System.nanoTime() - t0) / 1e9, heap.current() / 1e9);
                    nextReport[0] += 0.1;
                }
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        heap.stop();
        System.out.printf("landmark InPCA, L = %d (%s, pool %d): %.1f s for %,d checkpoints (%.2f ms each);"
                        + " generating the synthetic checkpoints alone takes about %.1f s on one thread%n",
                landmarks, settings.choice(), settings.poolFactor() * landmarks, seconds, m, seconds * 1e3 / m, generation);
        System.out.printf("peak heap: %.2f GB sampled every 20 ms (garbage included), %.2f GB by pool peaks; limit %.1f GB%n",
                heap.peakSampled() / 1e9, heap.peakOfPools() / 1e9, heapMax / 1e9);
        System.out.printf("eigenvalues of the landmark frame: %s%nstress S_1..S_3: %s%n", fmt(e.eigenvalues()),
                fmt(Arrays.copyOf(e.explainedStress(), 3)));
    }

    /** Landmark InPCA against the full embedding on the same 2000 checkpoints. */
    static void distortion(int runs, int perRun, int samples) {
        SyntheticTrajectories source = trajectories(runs, perRun, samples);
        Parallelism parallelism = Parallelism.allCores();
        DistanceMatrix truth = DistanceMatrix.of(points(source, parallelism), parallelism);
        Embedding full = InPca.embed(truth, 10);
        System.out.printf("== distortion: landmark versus full InPCA, m = %d, N = %d, C = %d, k = 10%n", source.size(), samples, C);
        System.out.printf("full InPCA itself: distance correlation (10 axes) %.4f%n", Distortion.distanceCorrelation(full.coordinates(), full.eigenvalues(), truth));
        System.out.println("choice          L   seconds  rms/range(3 axes)  rms/range(10 axes)  distance corr.");
        for (LandmarkInPca.Choice choice : LandmarkInPca.Choice.values()) {
            for (int l : new int[] {100, 250, 500, 1000}) {
                long t0 = System.nanoTime();
                LandmarkEmbedding e = LandmarkInPca.embed(source, LandmarkInPca.Settings.defaults().withLandmarks(l).withChoice(choice));
                double seconds = (System.nanoTime() - t0) / 1e9;
                double[][] x = e.coordinates();
                System.out.printf("%-14s %4d %8.2f %18.2e %19.2e %15.4f%n", choice, l, seconds,
                        Distortion.alignedRmsOverRange(x, full.coordinates(), 3),
                        Distortion.alignedRmsOverRange(x, full.coordinates(), 10),
                        Distortion.distanceCorrelation(x, e.eigenvalues(), truth));
            }
        }
    }

    static CenteredGram gramOf(DistanceMatrix d) {
        return CenteredGram.of(d.toArray(), d.size());
    }

    /** CPU time of this JVM, all threads: steadier than wall time on a shared machine. */
    static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Other work on the machine makes wall times longer: say how busy it was. */
    static String loadAverage() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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
