package org.predspace.training;

import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetSplit;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.TrainableNetwork;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * What imprinting adds to a checkpoint (bench/imprint-cost.sh): a checkpoint's evaluation with
 * imprinted rows (features of the prototype samples and of both shared probes, prototypes, the
 * predictions; for the full problem the shared probes' features come from the head's own pass)
 * against the peer every checkpoint already paid, the head's evaluation on the training and
 * held-out probes alone, and one training step for scale. Alternated, medians of the repeats,
 * wall and thread CPU time. Not a test: a main.
 *
 * <p>Usage: ImprintCostBench DATASET ARCH TRAIN_SIZE PROBE_SIZE BATCH STEPS CHECKPOINTS REPEATS (STEPS and
 * CHECKPOINTS: the run whose share of time the imprinting is estimated for)
 */
public final class ImprintCostBench {
    public static void main(String[] args) throws Exception {
        NativeBackend.configure();
        String dataset = args[0];
        Architecture arch = Architecture.fromId(args[1]);
        int trainSize = Integer.parseInt(args[2]);
        int probeSize = Integer.parseInt(args[3]);
        int batch = Integer.parseInt(args[4]);
        long steps = Long.parseLong(args[5]);
        int checkpoints = Integer.parseInt(args[6]);
        int repeats = Integer.parseInt(args[7]);
        TrainingSpec spec = TrainingSpec.builder(dataset).architecture(arch).trainSizeLimit(trainSize).probeSize(probeSize)
                .batchSize(batch).build();
        DatasetSplit full = TrainingSubset.of(new DatasetCatalog().load(dataset), spec.trainSizeLimit());
        ProbeSet probe = ProbeSet.training(full, spec);
        ProbeSet test = ProbeSet.balanced(full.id(), "test", full.test(), probeSize, spec.probeSeed());
        SharedImprint shared = SharedImprint.of(full, spec);
        TrainableNetwork net = TrainableNetwork.create(spec, full.shape(), full.classes(), 1000);
        MinibatchSource batches = new MinibatchSource(full.train(), spec.batchSize(), 0, false, spec.seed());
        OptimisationStep step = new OptimisationStep(net, batches, full.shape().size(), full.classes());
        for (int i = 0; i < 5; i++) {   // warm up every path
            step.run();
            CheckpointEvaluation.of(net, probe, test, null);
            CheckpointEvaluation.of(net, probe, test, shared);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double[][] wall = new double[3][repeats], cpuMs = new double[3][repeats];
        for (int r = 0; r < repeats; r++) {
            for (int k = 0; k < 3; k++) {
                long w0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
                switch (k) {
                    case 0 -> CheckpointEvaluation.of(net, probe, test, null);
                    case 1 -> CheckpointEvaluation.of(net, probe, test, shared);
                    default -> step.run();
                }
                wall[k][r] = (System.nanoTime() - w0) / 1e6;
                cpuMs[k][r] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
            }
        }
        String[] names = {"head only", "with imprint", "train step"};
        System.out.printf(Locale.ROOT, "%s %s %s, batch %d, train %d, probe %d + %d held out, prototypes %s, features %d, %d repeats%n",
                dataset, arch.id(), net.implementation(), batch, full.train().size(), probe.size(), test.size(),
                shared.info().prototypes().size(), net.featureSize(), repeats);
        for (int k = 0; k < 3; k++) {
            System.out.printf(Locale.ROOT, "  %-12s wall %8.2f ms  cpu %8.2f ms%n", names[k], median(wall[k]), median(cpuMs[k]));
        }
        System.out.printf(Locale.ROOT, "  checkpoint with / without imprint: wall %.2f, cpu %.2f%n",
                median(wall[1]) / median(wall[0]), median(cpuMs[1]) / median(cpuMs[0]));
        double without = steps * median(cpuMs[2]) + checkpoints * median(cpuMs[0]);
        System.out.printf(Locale.ROOT, "  a run of %d steps and %d checkpoints: imprinting adds %.0f%% (cpu)%n",
                steps, checkpoints, 100 * checkpoints * (median(cpuMs[1]) - median(cpuMs[0])) / without);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
