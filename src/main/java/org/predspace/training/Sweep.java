package org.predspace.training;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A sweep: the Cartesian product of value lists over a base spec. Every run of a sweep
 * shares the data set, probe size and probe seed, hence one probe id and one picture.
 */
public record Sweep(TrainingSpec base, List<Architecture> architectures, List<OptimizerKind> optimizers,
                    List<Double> learningRates, List<Integer> batchSizes, List<Long> seeds) {

    public Sweep {
        architectures = nonEmpty(architectures, "architecture");
        optimizers = nonEmpty(optimizers, "optimizer");
        learningRates = nonEmpty(learningRates, "learning rate");
        batchSizes = nonEmpty(batchSizes, "batch size");
        seeds = nonEmpty(seeds, "seed");
    }

    private static <T> List<T> nonEmpty(List<T> values, String what) {
        if (values == null || values.isEmpty()) throw new IllegalArgumentException("a sweep needs at least one " + what);
        return List.copyOf(values);
    }

    /** Number of runs the sweep will start, known before starting (the UI shows it). */
    public int size() {
        return architectures.size() * optimizers.size() * learningRates.size() * batchSizes.size() * seeds.size();
    }

    /** One spec per combination, each named after its values (dataset-arch-optimizer-lr-batch-seed). */
    public List<TrainingSpec> specs() {
        List<TrainingSpec> out = new ArrayList<>(size());
        Set<String> names = new HashSet<>();
        for (Architecture a : architectures) {
            for (OptimizerKind o : optimizers) {
                for (double lr : learningRates) {
                    for (int b : batchSizes) {
                        for (long s : seeds) {
                            String name = TrainingSpec.defaultName(base.dataset(), a, o, lr, b, s);
                            if (!names.add(name)) {
                                throw new IllegalArgumentException("the sweep lists a value twice: run " + name + " would repeat");
                            }
                            out.add(base.toBuilder().architecture(a).optimizer(o).learningRate(lr).batchSize(b)
                                    .seed(s).name(name).build());
                        }
                    }
                }
            }
        }
        return out;
    }
}
