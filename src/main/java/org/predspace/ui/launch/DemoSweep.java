package org.predspace.ui.launch;

import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.ExplorerModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-click sweep for a first start: the bundled MNIST subset, a linear model and an MLP
 * (2 x 128), plain SGD and Adam, two seeds: eight runs whose trajectories differ by
 * architecture and optimiser and nearly repeat across seeds, the paper's picture in about a
 * minute. Each optimiser gets its usual learning rate, so this is not a plain product sweep.
 * Measured with {@code DemoSweepTiming} (one run at a time, one core, machine load about 14 on
 * 2 cores): 33-37 s wall and 12-14 s of CPU per run, so about 15 s per run on a free core.
 */
public final class DemoSweep {
    public static final String DESCRIPTION = "Train 8 small networks on MNIST (linear and MLP, SGD and Adam, "
            + "2 seeds, about a minute in all) and watch their trajectories grow";
    static final int EPOCHS = 40;

    private DemoSweep() {}

    public static List<TrainingSpec> specs() {
        List<TrainingSpec> out = new ArrayList<>();
        for (Architecture a : List.of(Architecture.LINEAR, Architecture.MLP)) {
            for (OptimizerKind o : List.of(OptimizerKind.SGD, OptimizerKind.ADAM)) {
                for (long seed = 0; seed < 2; seed++) {
                    out.add(TrainingSpec.builder("mnist").architecture(a).hiddenLayers(2).width(128).optimizer(o)
                            .learningRate(o == OptimizerKind.SGD ? 0.05 : 0.001).batchSize(32).epochs(EPOCHS)
                            .seed(seed).checkpoints(40).snapshots(SnapshotPolicy.SPARSE).build());
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * Starts the demo in {@code model}: runs whose folders already exist in the training output
     * (a demo from an earlier start) are opened instead of trained again; open runs are left alone.
     */
    public static void start(ExplorerModel model) {
        List<TrainingSpec> toTrain = new ArrayList<>();
        List<Path> toOpen = new ArrayList<>();
        for (TrainingSpec s : specs()) {
            if (model.run(s.name()) != null) continue;
            Path dir = model.trainingOutput().resolve(s.name());
            if (Files.exists(dir)) toOpen.add(dir); else toTrain.add(s);
        }
        model.openRuns(toOpen);
        if (toTrain.isEmpty()) return;
        try {
            model.train(toTrain);
        } catch (IllegalArgumentException e) {
            model.reportProblem("Demo sweep: " + e.getMessage());
        }
    }
}
