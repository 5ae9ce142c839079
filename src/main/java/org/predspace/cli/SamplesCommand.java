package org.predspace.cli;

import org.predspace.training.Architecture;
import org.predspace.training.NativeBackend;
import org.predspace.training.OptimizerKind;
import org.predspace.training.SnapshotPolicy;
import org.predspace.training.TrainingSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Trains the curated sample runs the explorer opens on first start (the lectures issue): the
 * MNIST subset with linear, mlp, lenet and allcnn, each with sgd and adam, 3 seeds; an mlp
 * pre-trained on random labels and two runs that start from it (the "corner" of docs/science.md
 * section 8); and a run that diverges. Sizes are chosen to keep the folder under 25 MB:
 * 200 probe samples, 30 checkpoints, parameters (first, middle, last) for seed 0 only.
 */
@Command(name = "samples", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the built-in sample runs (about 5 minutes on 2 cores).",
                "Regenerates sample-runs/: java -jar target/predspace.jar samples --out sample-runs"})
final class SamplesCommand implements Callable<Integer> {
    static final String DATA = "mnist";
    static final int PROBE = 200;
    static final int CHECKPOINTS = 30;
    static final String PRETRAIN = "mnist-mlp-pretrained-on-random-labels";

    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the sample runs (must not exist)")
    Path out;
    @Option(names = "--jobs", paramLabel = "J", description = "runs trained at once (default: one per core)")
    Integer jobs;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(out)) throw Cli.usage(spec.commandLine(), out + " exists; remove it to regenerate the samples");
        int workers = jobs != null ? jobs : NativeBackend.cores();
        boolean ok = SpecTrainer.train(firstPhase(), out, workers, spec.commandLine());
        ok &= SpecTrainer.train(corners(out.resolve(PRETRAIN)), out, workers, spec.commandLine());
        return ok ? 0 : Cli.EXIT_FAILURE;
    }

    static TrainingSpec.Builder base() {
        return TrainingSpec.builder(DATA).probeSize(PROBE).checkpoints(CHECKPOINTS).batchSize(128).hiddenLayers(2).width(64);
    }

    static int epochs(Architecture a) { return a == Architecture.LINEAR || a == Architecture.MLP ? 3 : 2; }

    static double learningRate(OptimizerKind o) { return o == OptimizerKind.SGD ? 0.05 : 0.001; }

    /** The sweep, the random-label pre-training and the diverging run. */
    static List<TrainingSpec> firstPhase() {
        List<TrainingSpec> specs = new ArrayList<>();
        for (Architecture a : List.of(Architecture.LINEAR, Architecture.MLP, Architecture.LENET, Architecture.ALLCNN)) {
            for (OptimizerKind o : List.of(OptimizerKind.SGD, OptimizerKind.ADAM)) {
                for (long seed = 0; seed < 3; seed++) {
                    specs.add(base().architecture(a).optimizer(o).learningRate(learningRate(o)).epochs(epochs(a)).seed(seed)
                            .snapshots(seed == 0 ? SnapshotPolicy.SPARSE : SnapshotPolicy.NONE).build());
                }
            }
        }
        specs.add(base().architecture(Architecture.MLP).optimizer(OptimizerKind.ADAM).learningRate(0.001).epochs(6)
                .randomLabels(1.0).seed(7).snapshots(SnapshotPolicy.SPARSE).name(PRETRAIN).build());
        // lr 1.6 diverges at step 3 (1.2 still trains, badly): a short path that shoots off
        specs.add(base().architecture(Architecture.MLP).optimizer(OptimizerKind.SGD).learningRate(1.6).epochs(1).seed(0)
                .snapshots(SnapshotPolicy.NONE).name("mnist-mlp-sgd-lr1.6-diverges").build());
        return specs;
    }

    /**
     * Real-label training from the pre-trained network: a trajectory from another corner. The
     * pre-training is their sibling, recorded relative to their folders so the samples move.
     */
    static List<TrainingSpec> corners(Path pretrained) {
        List<TrainingSpec> specs = new ArrayList<>();
        for (OptimizerKind o : List.of(OptimizerKind.SGD, OptimizerKind.ADAM)) {
            specs.add(base().architecture(Architecture.MLP).optimizer(o).learningRate(learningRate(o)).epochs(3).seed(0)
                    .snapshots(SnapshotPolicy.NONE).initFrom(Path.of("..").resolve(pretrained.getFileName()).toString())
                    .name("mnist-mlp-" + o.id() + "-from-random-label-corner").build());
        }
        return specs;
    }
}
