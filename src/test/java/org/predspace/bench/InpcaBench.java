package org.predspace.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import org.predspace.geometry.distance.CheckpointSource;
import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
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
import org.predspace.platform.OpenBlas;
import org.predspace.runs.Npy;
import org.predspace.runs.PredictionArray;
import org.predspace.runs.RunFormatException;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Benchmark of the prediction-space geometry against the numpy reference, on synthetic
 * trajectories (run through bench/inpca-bench.sh). Sections, chosen by the first argument:
 * {@code live} (one more checkpoint in a live embedding of 2000, versus recomputing),
 * {@code landmark [L]} (200,000 checkpoints at N = 1000 streamed through landmark InPCA: time and heap),
 * {@code distortion} (landmark InPCA against the full one at m = 2000),
 * {@code data} (writes the probabilities bench/inpca-bench.sh full compares on to target/bench/probs-2000.npy),
 * {@code process FILE} (the whole job of one process: read the .npy, square roots, distances,
 * eigenpairs; JSON on stdout, timed from outside by bench/inpca-bench.sh against numpy's process),
 * {@code peak [M]} (the machine's multiply-add peak by OpenBLAS sgemm/dgemm, and the share of it
 * the distance kernel reaches on M checkpoints, N = 2000, on one core and on all),
 * {@code kernel [M]} (the kernel part of peak alone).
 */
public final class InpcaBench {
    static final int C = 10;

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        String section = args.length > 0 ? args[0] : "peak";
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        switch (section) {
            case "live" -> live(20, 100, 2000);
            case "landmark" -> landmark(2000, 100, 1000, args.length > 1 ? Integer.parseInt(args[1]) : 500);
            case "distortion" -> distortion(20, 100, 2000);
            case "data" -> data(dir, 20, 100, 2000);
            case "process" -> process(Path.of(args[1]));
            case "peak" -> kernelShare(args.length > 1 ? Integer.parseInt(args[1]) : 1000, 2000, gemmPeak());
            case "kernel" -> kernelShare(args.length > 1 ? Integer.parseInt(args[1]) : 1000, 2000, null);
            default -> throw new IllegalArgumentException("unknown section " + section
                    + " (live, landmark, distortion, data, process FILE, peak [M], kernel [M])");
        }
    }

    /** The probabilities of bench/inpca-bench.sh full as an (m, N, C) float32 .npy, for whole-process runs. */
    static void data(Path dir, int runs, int perRun, int samples) throws Exception {
        SyntheticTrajectories source = new SyntheticTrajectories(runs, perRun, samples, C, 4, 7);
        int m = source.size();
        Path probs = dir.resolve("probs-" + m + ".npy");
        try (NpyFiles.FloatWriter out = new NpyFiles.FloatWriter(probs, m, samples, C)) {
            float[] p = new float[samples * C];
            for (int i = 0; i < m; i++) {
                source.read(i, p);
                out.write(p);
            }
        }
        System.out.println(probs);
    }

    /**
     * One process's whole job on an (m, N, C) .npy, as the numpy reference does it: read,
     * square roots, distances, InPCA eigenpairs (10 axes). Prints JSON like the reference's.
     */
    static void process(Path file) throws Exception {
        double startedAfter = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;  // JVM start to here
        long c0 = processCpuNanos();
        long t0 = System.nanoTime();
        Npy.Header header = Npy.readHeader(file);
        int m = (int) header.shape()[0];
        ProbeShape shape = new ProbeShape("bench", (int) header.shape()[1], (int) header.shape()[2]);
        // Read and square roots in parallel, through the reader the app uses for a run's
        // predictions, a range of checkpoints per task; only the square roots are kept.
        PredictionArray array = PredictionArray.open(file, m, shape.samples(), shape.classes(), "the shape");
        SqrtProbabilities[] points = new SqrtProbabilities[m];
        int perTask = 16;
        Parallelism.allCores().forEach((m + perTask - 1) / perTask, task -> {
            try {
                array.forEach(task * perTask, Math.min(m, (task + 1) * perTask),
                        (i, p) -> points[i] = SqrtProbabilities.of("checkpoint " + i, shape, p));
            } catch (RunFormatException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
        long t2 = System.nanoTime();
        long c2 = processCpuNanos();
        DistanceMatrix d = DistanceMatrix.of(Arrays.asList(points), Parallelism.allCores());
        long t3 = System.nanoTime();
        long c3 = processCpuNanos();
        Embedding e = InPca.embed(d, 10);
        long t4 = System.nanoTime();
        long c4 = processCpuNanos();
        double checksum = 0;
        for (double x : d.toArray()) checksum += x;
        ObjectMapper json = new ObjectMapper();
        ObjectNode out = json.createObjectNode();
        out.putPOJO("shape", new int[] {m, shape.samples(), shape.classes()});
        out.putPOJO("eigenvalues", e.eigenvalues());
        out.putPOJO("stress", e.explainedStress());
        out.put("distance_checksum", checksum);
        ObjectNode t = out.putObject("timings");
        t.put("read_and_sqrt_s", (t2 - t0) / 1e9);
        t.put("distances_s", (t3 - t2) / 1e9);
        t.put("eigensolve_s", (t4 - t3) / 1e9);
        t.put("total_s", (t4 - t0) / 1e9);
        t.put("cpu_total_s", (c4 - c0) / 1e9);
        t.put("cpu_read_and_sqrt_s", (c2 - c0) / 1e9);
        t.put("cpu_distances_s", (c3 - c2) / 1e9);
        t.put("cpu_eigensolve_s", (c4 - c3) / 1e9);
        t.put("jvm_start_s", startedAfter);
        System.out.println(json.writeValueAsString(out));
    }

    /**
     * The arithmetic limit: OpenBLAS sgemm and dgemm on square products (multiply-adds per
     * second, one thread and all), and the distance kernel's rate on m checkpoints counted as
     * m(m-1)/2 N C multiply-adds, as a share of sgemm's.
     */
    static double[] gemmPeak() {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("== arithmetic limit; load average %s%n", loadAverage());
        int size = 3072;
        double[] sgemm = new double[cores + 1];
        double[] dgemm = new double[cores + 1];
        try (FloatPointer a = new FloatPointer((long) size * size); FloatPointer b = new FloatPointer((long) size * size);
             FloatPointer c = new FloatPointer((long) size * size);
             DoublePointer x = new DoublePointer((long) size * size); DoublePointer y = new DoublePointer((long) size * size);
             DoublePointer z = new DoublePointer((long) size * size)) {
            Random random = new Random(1);
            for (long k = 0; k < (long) size * size; k++) {
                a.put(k, random.nextFloat());
                b.put(k, random.nextFloat());
                x.put(k, random.nextDouble());
                y.put(k, random.nextDouble());
            }
            double fmas = (double) size * size * size;
            for (int threads : new int[] {1, cores}) {
                OpenBlas.setThreads(threads);
                double[] ts = new double[5];
                double[] td = new double[5];
                for (int rep = 0; rep < 5; rep++) {
                    long s0 = System.nanoTime();
                    OpenBlas.sgemm(OpenBlas.CBLAS_ROW_MAJOR, OpenBlas.CBLAS_NO_TRANS, OpenBlas.CBLAS_NO_TRANS, size, size, size,
                            1f, a, size, b, size, 0f, c, size);
                    long s1 = System.nanoTime();
                    OpenBlas.dgemm(OpenBlas.CBLAS_ROW_MAJOR, OpenBlas.CBLAS_NO_TRANS, OpenBlas.CBLAS_NO_TRANS, size, size, size,
                            1.0, x, size, y, size, 0.0, z, size);
                    long s2 = System.nanoTime();
                    ts[rep] = (s1 - s0) / 1e9;
                    td[rep] = (s2 - s1) / 1e9;
                }
                // the best of five: the peak is what the machine can do when no one else is using the core
                sgemm[threads] = fmas / Arrays.stream(ts).min().orElseThrow();
                dgemm[threads] = fmas / Arrays.stream(td).min().orElseThrow();
                System.out.printf("OpenBLAS %d thread(s), %d x %d: sgemm %.1f G multiply-adds/s (median %.1f), dgemm %.1f (median %.1f)%n",
                        threads, size, size, sgemm[threads] / 1e9, fmas / median(ts) / 1e9, dgemm[threads] / 1e9, fmas / median(td) / 1e9);
            }
        }
        return sgemm;
    }

    /** The distance kernel's multiply-adds per second (wall and CPU), as a share of sgemm's if measured. */
    static void kernelShare(int m, int samples, double[] sgemm) {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("== distance kernel; load average %s%n", loadAverage());
        SyntheticTrajectories source = new SyntheticTrajectories(m / 100, 100, samples, C, 4, 7);
        List<SqrtProbabilities> points = points(source, Parallelism.allCores());
        double work = (double) m * (m - 1) / 2 * samples * C;
        for (int threads : new int[] {1, cores}) {
            Parallelism parallelism = Parallelism.of(threads);
            DistanceMatrix.of(points.subList(0, Math.min(m, 300)), parallelism); // warm-up: compiled kernel
            double[] t = new double[3];
            double[] cpu = new double[3];
            for (int rep = 0; rep < 3; rep++) {
                long c0 = processCpuNanos();
                long t0 = System.nanoTime();
                DistanceMatrix.of(points, parallelism);
                t[rep] = (System.nanoTime() - t0) / 1e9;
                cpu[rep] = (processCpuNanos() - c0) / 1e9;
            }
            double rate = work / median(t);
            double cpuRate = work / median(cpu);
            System.out.printf("distance kernel, m = %d, N = %d, C = %d, %d thread(s): median %.3f s (CPU %.2f s); per core %.3f ns per pair and sample"
                            + " by CPU time; %.1f G multiply-adds/s wall, %.1f per core by CPU time%n",
                    m, samples, C, threads, median(t), median(cpu), median(cpu) / (work / C) * 1e9, rate / 1e9, cpuRate / 1e9);
            if (sgemm != null) {
                System.out.printf("  share of sgemm (best of 5, same threads): %.0f%% wall; per core by CPU time %.0f%% of one-thread sgemm%n",
                        100 * rate / sgemm[threads], 100 * cpuRate / sgemm[1]);
            }
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
