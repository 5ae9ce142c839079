package org.predspace.bench;

import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetSplit;
import org.predspace.training.MinibatchSource;
import org.predspace.training.OptimisationStep;
import org.predspace.training.engine.GraphNetwork;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.engine.TrainableNetwork;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.TrainingSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Training throughput of the engine's own optimisation step (the code TrainingRun uses) on
 * the bundled MNIST subset: MLP 784-128-10, batch 128, Adam. With argument "engine" the
 * network comes from TrainableNetwork.create, as in training (the dense fast path for this
 * MLP); with "dl4j" the same network is trained by DL4J itself, for comparison. One kind per
 * JVM: run together, each slowed the other (shared JIT profiles and DL4J's garbage).
 * Run by bench/train-throughput.sh, which alternates it with the PyTorch peer. Prints one
 * line per repeat, "<kind> ... repeat <r>: <rate> samples/s (<wall> ms/step, cpu <cpu> ms/step)", and
 * "<kind> samples_per_s <median>". The step runs on this thread (one native thread), so its CPU
 * time is the step's cost without the time other processes on a shared machine took from it.
 * Arguments: [steps] [repeats] [engine|dl4j] [architecture] [batchnorm] (the last for LeNet with batch norm).
 */
public final class TrainingThroughput {
    private static final int BATCH = 128;
    private static final long WARM_UP_NANOS = 4_000_000_000L;

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String kind = args.length > 2 ? args[2] : "engine";
        Architecture arch = args.length > 3 ? Architecture.valueOf(args[3].toUpperCase(Locale.ROOT)) : Architecture.MLP;
        NativeBackend.configure();
        DatasetSplit mnist = new DatasetCatalog().load("mnist");
        TrainingSpec spec = TrainingSpec.builder("mnist").architecture(arch).hiddenLayers(1).width(128)
                .optimizer(OptimizerKind.ADAM).learningRate(1e-3).batchSize(BATCH).seed(0)
                .batchNorm(args.length > 4 && args[4].equals("batchnorm")).build();
        TrainableNetwork net = switch (kind) {
            case "engine" -> TrainableNetwork.create(spec, mnist.shape(), mnist.classes(), 1_000_000);
            case "dl4j" -> new GraphNetwork(NetworkFactory.build(spec, mnist.shape(), mnist.classes(), 1_000_000),
                    mnist.shape().size(), mnist.classes());
            default -> throw new IllegalArgumentException("kind must be engine or dl4j, got " + kind);
        };
        MinibatchSource batches = new MinibatchSource(mnist.train(), BATCH, 0, false, 0);
        OptimisationStep step = new OptimisationStep(net, batches, mnist.shape().size(), mnist.classes());
        warmUp(step);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] rates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < steps; i++) step.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            rates[r] = steps * BATCH / seconds;
            System.out.printf(Locale.ROOT, "%s (%s %s) repeat %d: %.0f samples/s (%.2f ms/step, cpu %.2f ms/step)%n", kind,
                    net.implementation(), arch.id(), r, rates[r], seconds * 1000 / steps, cpuSeconds * 1000 / steps);
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "%s samples_per_s %.0f%n", kind, rates[repeats / 2]);
    }

    /**
     * Runs steps for a few seconds before timing: the fast path reaches its steady state only
     * after ~1000 steps (C2 is still compiling ND4J's op-call paths before that; steps 200-1200
     * ran at 1.5-3 ms instead of ~1 ms), and DL4J needs its workspaces sized.
     */
    private static void warmUp(OptimisationStep step) {
        long end = System.nanoTime() + WARM_UP_NANOS;
        while (System.nanoTime() < end) step.run();
    }
}
