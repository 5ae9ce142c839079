package org.predspace.bench;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetSplit;
import org.predspace.training.Architecture;
import org.predspace.training.MinibatchSource;
import org.predspace.training.NativeBackend;
import org.predspace.training.NetworkFactory;
import org.predspace.training.OptimisationStep;
import org.predspace.training.OptimizerKind;
import org.predspace.training.TrainingSpec;

import java.util.Arrays;
import java.util.Locale;

/**
 * Training throughput of the engine's own optimisation step (the code TrainingRun uses) on
 * the bundled MNIST subset: MLP 784-128-10, batch 128, Adam. Run by bench/train-throughput.sh,
 * which runs the PyTorch peer in the same session. Prints one parseable line per repeat and a
 * median line: "engine samples_per_s <median>".
 */
public final class TrainingThroughput {
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        NativeBackend.configure();
        DatasetSplit mnist = new DatasetCatalog().load("mnist");
        TrainingSpec spec = TrainingSpec.builder("mnist").architecture(Architecture.MLP).hiddenLayers(1).width(128)
                .optimizer(OptimizerKind.ADAM).learningRate(1e-3).batchSize(128).seed(0).build();
        ComputationGraph net = NetworkFactory.build(spec, mnist.shape(), mnist.classes(), 1_000_000);
        MinibatchSource batches = new MinibatchSource(mnist.train(), 128, 0, false, 0);
        OptimisationStep step = new OptimisationStep(net, batches, mnist.shape().size(), mnist.classes());
        for (int i = 0; i < 200; i++) step.run(); // JIT and workspace warm-up
        double[] rates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) step.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            rates[r] = steps * 128 / seconds;
            System.out.printf(Locale.ROOT, "engine repeat %d: %.0f samples/s (%.2f ms/step)%n", r, rates[r], seconds * 1000 / steps);
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "engine samples_per_s %.0f%n", rates[repeats / 2]);
    }
}
