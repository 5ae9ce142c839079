package org.predspace.bench;

import com.sun.management.OperatingSystemMXBean;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.AllocationsTracker;
import org.nd4j.linalg.api.memory.enums.AllocationKind;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetSplit;
import org.predspace.platform.JobMonitor;
import org.predspace.runs.Run;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.FisherSpectrum;
import org.predspace.spectra.HessianSpectrum;
import org.predspace.spectra.HessianVectorProduct;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.Samples;
import org.predspace.spectra.SpectralDensity;
import org.predspace.spectra.Spectrum;
import org.predspace.spectra.SpectrumSummary;
import org.predspace.training.TrainingRun;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The true Fisher spectrum of a trained LeNet at n = 500 (a 5,000 x 5,000 Gram matrix), run by
 * bench/fisher-bench.sh in two JVMs so peak memory is that of the spectrum alone:
 * <ul>
 *   <li>{@code prepare DIR}: trains LeNet one epoch on the bundled MNIST subset (if DIR/run is
 *   absent) and exports for the PyTorch peer: every parameter array as DIR/params/NAME.npy in
 *   DL4J's own layout (conv [out, in, kh, kw], dense [in, out]), the 500 samples, and the
 *   double-precision softmax outputs for checking that torch rebuilt the same function;</li>
 *   <li>{@code measure DIR REPEATS}: times FisherSpectrum.trueFisher, prints one line per repeat,
 *   "engine fisher_seconds MEDIAN" and "engine peak_rss_mb X" (VmHWM), writes the eigenvalues;</li>
 *   <li>{@code hessian DIR REPEATS} / {@code density DIR REPEATS}: times the Hessian's 100 leading
 *   eigenvalues (Lanczos, default options) or its spectral density (stochastic Lanczos quadrature,
 *   default options) on the same checkpoint and samples with {@code -Dthreads} gradient workers
 *   (default one per core), prints the Hessian-vector products used and their mean time, and
 *   "engine hessian_seconds MEDIAN" (or density_seconds), with resident memory and ND4J's
 *   workspace bytes every -Dtrace Lanczos steps; -Dsteps and -Dvectors shorten the run
 *   (bench/hessian-bench.sh, whose PyTorch peer reads the eigenvalues or nodes written here).</li>
 * </ul>
 */
public final class FisherBench {
    static final int SAMPLES = Integer.getInteger("samples", 500);
    /** Gradient workers of the Hessian-vector products (hessian, density): -Dthreads=N, default one per core. */
    static final int THREADS = Integer.getInteger("threads", NativeBackend.cores());
    /** Lanczos steps (hessian: at most; density: per vector), -Dsteps=N; 0 for the defaults. */
    static final int STEPS = Integer.getInteger("steps", 0);
    static final int TRACE_EVERY = Integer.getInteger("trace", 10);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        NativeBackend.configure();
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        switch (args[0]) {
            case "prepare" -> prepare(dir);
            case "hessian", "density" -> measureHessian(dir, args[0], repeats);
            default -> measure(dir, repeats);
        }
    }

    private static RunCheckpoint checkpoint(Path dir) throws Exception {
        Run run = Run.open(dir.resolve("run"));
        return RunCheckpoint.open(run, RunCheckpoint.resolveStep(run, "last"), new DatasetCatalog());
    }

    static void prepare(Path dir) throws Exception {
        DatasetCatalog catalog = new DatasetCatalog();
        if (!Files.exists(dir.resolve("run"))) {
            DatasetSplit mnist = catalog.load("mnist");
            TrainingSpec spec = TrainingSpec.builder("mnist").architecture(Architecture.LENET).optimizer(OptimizerKind.ADAM)
                    .learningRate(1e-3).batchSize(128).epochs(1).seed(0).probeSize(1000).checkpoints(3)
                    .snapshots(SnapshotPolicy.SPARSE).build();
            new TrainingRun(spec, mnist, dir.resolve("run"), e -> {}).execute();
        }
        RunCheckpoint cp = checkpoint(dir);
        Samples s = cp.samples(SAMPLES);
        Path params = Files.createDirectories(dir.resolve("params"));
        // the float net with the snapshot's weights, to read DL4J's parameter table by layer
        float[] w = Run.open(dir.resolve("run")).parameters(cp.step());
        DatasetSplit mnist = catalog.load("mnist");
        ComputationGraph net = NetworkFactory.build(cp.spec(), mnist.shape(), mnist.classes(), 1);
        net.setParams(Nd4j.create(w, new long[] {1, w.length}));
        for (Map.Entry<String, INDArray> e : net.paramTable().entrySet()) {
            Nd4j.writeAsNumpy(e.getValue().castTo(DataType.DOUBLE).dup('c'), new File(params.toFile(), e.getKey() + ".npy"));
        }
        Nd4j.writeAsNumpy(Nd4j.create(s.features(), new long[] {s.size(), s.dimension()}).dup('c'), dir.resolve("x.npy").toFile());
        double[] labels = Arrays.stream(s.labels()).asDoubleStream().toArray();
        Nd4j.writeAsNumpy(Nd4j.create(labels, new long[] {s.size()}, DataType.DOUBLE), dir.resolve("y.npy").toFile());
        CheckpointModel model = cp.model();
        double[] p = model.probabilities(s.features(), 0, s.size());
        Nd4j.writeAsNumpy(Nd4j.create(p, new long[] {s.size(), model.classCount()}, DataType.DOUBLE), dir.resolve("p.npy").toFile());
        System.out.println("prepared " + dir + ": LeNet at step " + cp.step() + ", P = " + model.parameterCount()
                + ", n = " + s.size() + ", parameter arrays " + net.paramTable().keySet());
    }

    static void measure(Path dir, int repeats) throws Exception {
        RunCheckpoint cp = checkpoint(dir);
        Samples s = cp.samples(SAMPLES);
        double[] seconds = new double[repeats];
        Spectrum last = null;
        for (int r = 0; r < repeats; r++) {
            // the previous repeat's off-heap G and K are freed only when their buffers are
            // collected: collect now, so the peak is that of one computation, not of two
            System.gc();
            Thread.sleep(500);
            CheckpointModel model = cp.model();
            long t0 = System.nanoTime();
            String[] stage = {""};
            long[] since = {System.nanoTime(), cpuNanos()};
            last = FisherSpectrum.trueFisher(model, s, 0, new JobMonitor((f, what) -> {
                if (!what.equals(stage[0])) {
                    long now = System.nanoTime();
                    if (!stage[0].isEmpty()) {
                        long cpu = cpuNanos();
                        System.out.printf(Locale.ROOT, "  %s: %.1f s, process CPU %.1f s (resident now %d MB)%n", stage[0],
                                (now - since[0]) / 1e9, (cpu - since[1]) / 1e9, rssMb("VmRSS:"));
                        since[1] = cpu;
                    }
                    stage[0] = what;
                    since[0] = now;
                }
            }));
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "engine repeat %d: %.1f s (load average %.1f)%n", r, seconds[r],
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        SpectrumSummary sum = SpectrumSummary.of(last.eigenvalues(), SpectrumSummary.DEFAULT_RELATIVE_FLOOR, 1e-3 * last.largest());
        Nd4j.writeAsNumpy(Nd4j.create(last.eigenvalues(), new long[] {last.eigenvalues().length}, DataType.DOUBLE),
                dir.resolve("eig_engine.npy").toFile());
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "engine decades %.2f (largest %.4g, %d above 1e-12 of it)%n", sum.decades(), sum.largest(), sum.aboveFloor());
        System.out.printf(Locale.ROOT, "engine fisher_seconds %.2f%n", median(seconds));
        System.out.printf(Locale.ROOT, "engine peak_rss_mb %d%n", peakRssMb());
    }

    static void measureHessian(Path dir, String what, int repeats) throws Exception {
        RunCheckpoint cp = checkpoint(dir);
        Samples s = cp.samples(SAMPLES);
        double[] seconds = new double[repeats];
        long products = 0;
        for (int r = 0; r < repeats; r++) {
            CheckpointModel model = cp.model();
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            JobMonitor trace = memoryTrace();
            String result;
            try (HessianVectorProduct hv = new HessianVectorProduct(model, s, HessianVectorProduct.DEFAULT_STEP, THREADS, trace)) {
                result = what.equals("hessian") ? leadingEigenvalues(hv, s.size(), dir, trace) : density(hv, dir, trace);
                products = hv.products();
            }
            seconds[r] = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "engine %s repeat %d: %.1f s, process CPU %.1f s (%s, %d products, %.2f s each,"
                            + " %d gradient workers, load average %.1f)%n", what, r, seconds[r], (cpuNanos() - cpu0) / 1e9,
                    result, products, seconds[r] / products, THREADS,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "engine %s products %d%n", what, products);
        System.out.printf(Locale.ROOT, "engine %s_seconds %.2f%n", what, median(seconds));
        System.out.printf(Locale.ROOT, "engine %s peak_rss_mb %d%n", what, peakRssMb());
    }

    /** The Hessian's leading eigenvalues with the default options (at most -Dsteps Lanczos steps), written for the peer. */
    private static String leadingEigenvalues(HessianVectorProduct hv, int n, Path dir, JobMonitor trace) throws IOException {
        HessianSpectrum.Options o = HessianSpectrum.Options.defaults();
        o = new HessianSpectrum.Options(o.k(), o.bothEnds(), o.step(), STEPS, o.tolerance(), o.seed());
        double[] e = HessianSpectrum.compute(hv, n, o, trace).eigenvalues();
        writeNumpy(e, dir.resolve("eig_hessian_engine.npy"));
        if (e.length == 0) return "no eigenvalue converged";
        StringBuilder top = new StringBuilder();
        for (int i = 0; i < Math.min(10, e.length); i++) top.append(String.format(Locale.ROOT, " %.4f", e[i]));
        System.out.println("engine top 10:" + top);
        return String.format(Locale.ROOT, "%d eigenvalues, %.4g to %.4g", e.length, e[0], e[e.length - 1]);
    }

    /** The spectral density with the default options (-Dvectors, -Dsteps to change), its nodes written for the peer. */
    private static String density(HessianVectorProduct hv, Path dir, JobMonitor trace) throws IOException {
        SpectralDensity.Options o = SpectralDensity.Options.defaults();
        o = new SpectralDensity.Options(Integer.getInteger("vectors", o.vectors()), STEPS > 0 ? STEPS : o.steps(),
                o.width(), o.gridPoints(), o.seed());
        double[] nodes = SpectralDensity.estimate(hv, o, trace).nodes();
        writeNumpy(nodes, dir.resolve("nodes_density_engine.npy"));
        return String.format(Locale.ROOT, "%d vectors x %d steps, nodes %.4g to %.4g", o.vectors(), o.steps(),
                Arrays.stream(nodes).min().orElse(0), Arrays.stream(nodes).max().orElse(0));
    }

    /**
     * Prints, every {@value #TRACE_EVERY} Lanczos steps, resident memory, the heap in use and the
     * off-heap bytes JavaCPP counts: where the memory goes while the products run.
     */
    static JobMonitor memoryTrace() {
        int[] seen = {0};
        return new JobMonitor((f, what) -> {
            if (!what.startsWith("Lanczos step") || seen[0]++ % TRACE_EVERY != 0) return;
            Runtime rt = Runtime.getRuntime();
            AllocationsTracker t = AllocationsTracker.getInstance();
            System.out.printf(Locale.ROOT, "  %s: resident %d MB (peak %d), heap used %d MB, ND4J workspaces %d MB, other %d MB%n",
                    what, rssMb("VmRSS:"), peakRssMb(), (rt.totalMemory() - rt.freeMemory()) >> 20,
                    t.bytesOnDevice(AllocationKind.WORKSPACE, 0) >> 20,
                    t.bytesOnDevice(AllocationKind.GENERAL, 0) >> 20);
        });
    }

    static void writeNumpy(double[] values, Path file) throws IOException {
        Nd4j.writeAsNumpy(Nd4j.create(values, new long[] {values.length}, DataType.DOUBLE), file.toFile());
    }

    /** The median of sorted values (the mean of the middle two for an even count). */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    /** CPU time of the whole process (all threads, native included). */
    static long cpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** VmHWM: the process's peak resident memory, heap and native alike. */
    static long peakRssMb() {
        return rssMb("VmHWM:");
    }

    static long rssMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
