package org.predspace.training.spec;

import org.predspace.tasks.Task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A sweep: the Cartesian product of value lists over a base spec. Every run of a sweep
 * shares the data set, probe size and probe seed, hence one probe id and one picture (per task:
 * runs of different tasks meet in the imprinted picture, docs/tasks.md).
 */
public record Sweep(TrainingSpec base, List<Task> tasks, List<Architecture> architectures, List<OptimizerKind> optimizers,
                    List<Double> learningRates, List<Integer> batchSizes, List<Long> seeds) {

    /** A sweep of the base spec's one task. */
    public Sweep(TrainingSpec base, List<Architecture> architectures, List<OptimizerKind> optimizers,
                 List<Double> learningRates, List<Integer> batchSizes, List<Long> seeds) {
        this(base, List.of(base.task()), architectures, optimizers, learningRates, batchSizes, seeds);
    }

    public Sweep {
        tasks = nonEmpty(tasks, "task");
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
        return tasks.size() * architectures.size() * optimizers.size() * learningRates.size() * batchSizes.size() * seeds.size();
    }

    /**
     * One spec per combination, each named after its values (dataset[-task]-arch-optimizer-lr-batch-seed),
     * in a fixed order that train --sweep-index counts in (so cluster tasks agree on run I without
     * talking): nested loops over task (outermost), architecture, optimizer, learning rate, batch
     * size and seed (innermost, varying fastest), each list in the order given.
     */
    public List<TrainingSpec> specs() {
        List<TrainingSpec> out = new ArrayList<>(size());
        Set<String> names = new HashSet<>();
        for (Task t : tasks) {
            for (Architecture a : architectures) {
                for (OptimizerKind o : optimizers) {
                    for (double lr : learningRates) {
                        for (int b : batchSizes) {
                            for (long s : seeds) {
                                String name = TrainingSpec.defaultName(base.dataset(), t, a, o, lr, b, s);
                                if (!names.add(name)) {
                                    throw new IllegalArgumentException("the sweep lists a value twice: run " + name + " would repeat");
                                }
                                out.add(base.toBuilder().task(t).architecture(a).optimizer(o).learningRate(lr).batchSize(b)
                                        .seed(s).name(name).build());
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
