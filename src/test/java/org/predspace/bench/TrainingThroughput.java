package org.predspace.bench;

import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetSplit;
import org.predspace.training.Architecture;
import org.predspace.training.GraphNetwork;
import org.predspace.training.MinibatchSource;
import org.predspace.training.NativeBackend;
import org.predspace.training.NetworkFactory;
import org.predspace.training.OptimisationStep;
import org.predspace.training.OptimizerKind;
import org.predspace.training.TrainableNetwork;
import org.predspace.training.TrainingSpec;

import java.util.Arrays;
import java.util.Locale;

/**
 * Training throughput of the engine's own optimisation step (the code TrainingRun uses) on
 * the bundled MNIST subset: MLP 784-128-10, batch 128, Adam. The engine's network comes from
 * TrainableNetwork.create, as in training (the dense fast path for this MLP); the same
 * network trained by DL4J itself is timed alongside, repeats interleaved so machine noise hits
 * both alike. Run by bench/train-throughput.sh, which runs the PyTorch peer in the same
 * session. Prints one line per repeat and median lines "engine samples_per_s <median>" and
 * "dl4j samples_per_s <median>".
 */
public final class TrainingThroughput {
    private static final int BATCH = 128;

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        NativeBackend.configure();
        DatasetSplit mnist = new DatasetCatalog().load("mnist");
        TrainingSpec spec = TrainingSpec.builder("mnist").architecture(Architecture.MLP).hiddenLayers(1).width(128)
                .optimizer(OptimizerKind.ADAM).learningRate(1e-3).batchSize(BATCH).seed(0).build();
        TrainableNetwork engine = TrainableNetwork.create(spec, mnist.shape(), mnist.classes(), 1_000_000);
        TrainableNetwork dl4j = new GraphNetwork(NetworkFactory.build(spec, mnist.shape(), mnist.classes(), 1_000_000),
                mnist.shape().size(), mnist.classes());
        OptimisationStep engineStep = step(engine, mnist);
        OptimisationStep dl4jStep = step(dl4j, mnist);
        for (int i = 0; i < 200; i++) { // JIT and workspace warm-up
            engineStep.run();
            dl4jStep.run();
        }
        double[] engineRates = new double[repeats];
        double[] dl4jRates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            engineRates[r] = time("engine (" + engine.implementation() + ")", r, engineStep, steps);
            dl4jRates[r] = time("dl4j", r, dl4jStep, steps);
        }
        System.out.printf(Locale.ROOT, "engine samples_per_s %.0f%n", median(engineRates));
        System.out.printf(Locale.ROOT, "dl4j samples_per_s %.0f%n", median(dl4jRates));
    }

    private static OptimisationStep step(TrainableNetwork net, DatasetSplit data) {
        MinibatchSource batches = new MinibatchSource(data.train(), BATCH, 0, false, 0);
        return new OptimisationStep(net, batches, data.shape().size(), data.classes());
    }

    private static double time(String name, int repeat, OptimisationStep step, int steps) {
        long t0 = System.nanoTime();
        for (int i = 0; i < steps; i++) step.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = steps * BATCH / seconds;
        System.out.printf(Locale.ROOT, "%s repeat %d: %.0f samples/s (%.2f ms/step)%n", name, repeat, rate, seconds * 1000 / steps);
        return rate;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
