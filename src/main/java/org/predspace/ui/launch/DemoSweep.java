package org.predspace.ui.launch;

import org.predspace.training.Architecture;
import org.predspace.training.OptimizerKind;
import org.predspace.training.SnapshotPolicy;
import org.predspace.training.TrainingSpec;
import org.predspace.ui.ExplorerModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-click sweep for a first start: 8-by-8 digits, a linear model and an MLP, plain SGD
 * and Adam, two seeds. Eight quick runs whose trajectories visibly differ by architecture and
 * optimiser and nearly repeat across seeds, the paper's picture in under a few minutes.
 * Each optimiser gets its own usual learning rate, so this is not a plain product sweep.
 */
public final class DemoSweep {
    public static final String DESCRIPTION = "Train 8 small networks on 8x8 digits (linear and MLP, SGD and Adam, "
            + "2 seeds) and watch their trajectories grow";
    static final int EPOCHS = 30;

    private DemoSweep() {}

    public static List<TrainingSpec> specs() {
        List<TrainingSpec> out = new ArrayList<>();
        for (Architecture a : List.of(Architecture.LINEAR, Architecture.MLP)) {
            for (OptimizerKind o : List.of(OptimizerKind.SGD, OptimizerKind.ADAM)) {
                for (long seed = 0; seed < 2; seed++) {
                    out.add(TrainingSpec.builder("digits").architecture(a).hiddenLayers(2).width(64).optimizer(o)
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
