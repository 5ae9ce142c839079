package org.predspace.cli;

import org.predspace.tasks.Task;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.LearningRateSchedule;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;
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
 * Trains the built-in sample runs, the evidence of the lecture chapters (sample-runs/README.md,
 * sample-runs/chapters.json): Fashion-MNIST, harder than MNIST so architectures differ, on a
 * class-balanced subset of 1000 training images that every network here fits to a train error
 * under 0.1 (the did-not-learn rule, session.LearningRule) within the time budget. A timing and
 * convergence pilot (sample-runs/README.md) set the recipe: on 4000 images, batch 128 and 15
 * epochs the small CNNs (global average pooling) ended near 0.65-0.7 train accuracy; batch 32, a
 * cosine schedule and 1000 images fit them, resnet needing 40 epochs where the others need 32.
 * <ul>
 *   <li>chapters 1 and 2: mlp, lenet, allcnn and resnet, each with nesterov and adam, seeds 0..2;
 *   <li>chapter 3: an mlp pre-trained on random labels and two mlp runs trained on the real labels
 *       from its last snapshot, trajectories from another corner (docs/science.md section 9);
 *   <li>chapter 4: every checkpoint of the lenet adam seed-0 run keeps its parameters, so each
 *       point has a Fisher spectrum. Spectra need per-sample gradients, which batch norm (always
 *       in allcnn and resnet) does not have (docs/science.md section 7), so the chapter-4 run and
 *       the snapshots of the other seed-0 runs are mlp and lenet ones.
 *   <li>chapter 6: the space of tasks. The sweep's mlp adam recipe on four tasks cut from the
 *       same classes (tops/footwear/other, the diverse {T-shirt, Sneaker, Bag}, the similar
 *       {Sandal, Sneaker, Ankle boot}, random labels), seeds 0 and 1, beside the sweep's own
 *       full-problem mlp adam runs, and two fine-tunings: from the end of the diverse and of the
 *       similar seed-0 run to the full problem (docs/science.md, the space of tasks). Every run
 *       records imprinted predictions on the sweep's probe, which is what puts them in one picture.
 * </ul>
 * The folder must stay small (with assets/, at most 30 MB in the repository): 200 probe samples,
 * 20 checkpoints, parameters for the mlp and lenet seed-0 runs only (first, middle and last
 * checkpoint, or all for chapter 4; one all-snapshot mlp would alone take 4.4 MB).
 */
@Command(name = "samples", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the built-in sample runs (about 45 minutes on 2 cores).",
                "Regenerates sample-runs/: java -jar target/predspace.jar samples --out sample-runs"})
final class SamplesCommand implements Callable<Integer> {
    static final String DATA = "fashion";
    static final int TRAIN_SIZE = 1000;
    static final int PROBE = 200;
    static final int CHECKPOINTS = 20;
    static final int BATCH = 32;
    static final int EPOCHS = 32;
    /** The residual net fits slowest: 32 epochs left it at 0.925 train accuracy in the pilot. */
    static final int RESNET_EPOCHS = 40;
    /** Long enough for a 2 x 64 mlp to memorise most of 1000 random labels. */
    static final int PRETRAIN_EPOCHS = 100;
    static final String PRETRAIN = "fashion-mlp-pretrained-on-random-labels";
    /** Longest first, so the seed-0 runs end early and two workers stay busy to the end. */
    static final List<Architecture> ARCHITECTURES =
            List.of(Architecture.RESNET, Architecture.ALLCNN, Architecture.LENET, Architecture.MLP);
    static final List<OptimizerKind> OPTIMIZERS = List.of(OptimizerKind.ADAM, OptimizerKind.NESTEROV);
    /** The chapter-4 run (with adam): a parameter snapshot at every checkpoint. */
    static final Architecture ALL_SNAPSHOTS = Architecture.LENET;

    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the sample runs (must not exist)")
    Path out;
    @Option(names = "--jobs", paramLabel = "J", description = "runs trained at once (default: one per core)")
    Integer jobs;
    @Option(names = "--only-tasks", description = {"train only the chapter-6 runs into --out, which may exist:",
            "the task runs, the fine-tunings and the sweep's full-problem mlp adam runs they are compared with",
            "(move those three folders away first; no existing folder is replaced)"})
    boolean onlyTasks;

    @Override
    public Integer call() throws Exception {
        int workers = jobs != null ? jobs : NativeBackend.cores();
        if (onlyTasks) {
            List<TrainingSpec> first = new ArrayList<>(taskRuns());
            first.addAll(fullProblemRuns());
            boolean ok = SpecTrainer.train(first, out, workers, spec.commandLine());
            ok &= SpecTrainer.train(fineTunings(), out, workers, spec.commandLine());
            return ok ? 0 : Cli.EXIT_FAILURE;
        }
        if (Files.exists(out)) throw Cli.usage(spec.commandLine(), out + " exists; remove it to regenerate the samples");
        List<TrainingSpec> first = new ArrayList<>(firstPhase());
        first.addAll(taskRuns());
        boolean ok = SpecTrainer.train(first, out, workers, spec.commandLine());
        List<TrainingSpec> second = new ArrayList<>(corners(out.resolve(PRETRAIN)));
        second.addAll(fineTunings());
        ok &= SpecTrainer.train(second, out, workers, spec.commandLine());
        return ok ? 0 : Cli.EXIT_FAILURE;
    }

    static TrainingSpec.Builder base() {
        return TrainingSpec.builder(DATA).trainSizeLimit(TRAIN_SIZE).probeSize(PROBE).checkpoints(CHECKPOINTS)
                .batchSize(BATCH).epochs(EPOCHS).schedule(LearningRateSchedule.COSINE).hiddenLayers(2).width(64);
    }

    static double learningRate(OptimizerKind o) { return o == OptimizerKind.NESTEROV ? 0.05 : 0.002; }

    /**
     * Nesterov at the sweep's 0.05 did not leave the corner (0.83 train accuracy after 32 epochs,
     * 0.835 after 64; 0.76 at 0.1): the memorising network's weights are large. At 0.02 it ends at 1.0.
     */
    static double cornerLearningRate(OptimizerKind o) { return o == OptimizerKind.NESTEROV ? 0.02 : learningRate(o); }

    static int epochs(Architecture a) { return a == Architecture.RESNET ? RESNET_EPOCHS : EPOCHS; }

    static SnapshotPolicy snapshots(Architecture a, OptimizerKind o, long seed) {
        // no spectrum of a batch-norm net can be computed (spectra.CheckpointModel): its snapshots would be dead weight
        if (seed != 0 || a == Architecture.ALLCNN || a == Architecture.RESNET) return SnapshotPolicy.NONE;
        return o == OptimizerKind.ADAM && a == ALL_SNAPSHOTS ? SnapshotPolicy.ALL : SnapshotPolicy.SPARSE;
    }

    /** The sweep, seed 0 of every configuration first, and the random-label pre-training. */
    static List<TrainingSpec> firstPhase() {
        List<TrainingSpec> specs = new ArrayList<>();
        for (long seed = 0; seed < 3; seed++) {
            for (Architecture a : ARCHITECTURES) {
                for (OptimizerKind o : OPTIMIZERS) {
                    specs.add(base().architecture(a).optimizer(o).learningRate(learningRate(o)).epochs(epochs(a)).seed(seed)
                            .snapshots(snapshots(a, o, seed)).build());
                }
            }
            if (seed == 0) {
                specs.add(base().architecture(Architecture.MLP).optimizer(OptimizerKind.ADAM).learningRate(0.001)
                        .epochs(PRETRAIN_EPOCHS).randomLabels(1.0).seed(7).snapshots(SnapshotPolicy.SPARSE)
                        .name(PRETRAIN).build());
            }
        }
        return specs;
    }

    /** The tasks of chapter 6, each a preset of the bundled Fashion-MNIST (docs/tasks.md). */
    static final List<String> TASKS = List.of("tops-footwear-other", "diverse", "similar", "random-labels");
    static final int TASK_SEEDS = 2;
    /** The task runs the fine-tunings start from (their last snapshot); they keep only that one. */
    static final List<String> FINE_TUNED_FROM = List.of("diverse", "similar");

    static TrainingSpec.Builder taskBase(String task) {
        return base().architecture(Architecture.MLP).optimizer(OptimizerKind.ADAM).learningRate(learningRate(OptimizerKind.ADAM))
                .task(Task.parse(task, DATA));
    }

    /** Chapter 6: the sweep's mlp adam recipe on every task, seeds 0 and 1; no snapshots but what fine-tuning needs. */
    static List<TrainingSpec> taskRuns() {
        List<TrainingSpec> specs = new ArrayList<>();
        for (long seed = 0; seed < TASK_SEEDS; seed++) {
            for (String task : TASKS) {
                boolean parent = seed == 0 && FINE_TUNED_FROM.contains(task);
                specs.add(taskBase(task).seed(seed).snapshots(parent ? SnapshotPolicy.LAST : SnapshotPolicy.NONE).build());
            }
        }
        return specs;
    }

    /** The sweep's full-problem mlp adam runs, exactly as {@link #firstPhase} trains them (chapter 6 compares the tasks with them). */
    static List<TrainingSpec> fullProblemRuns() {
        return firstPhase().stream()
                .filter(s -> s.architecture() == Architecture.MLP && s.optimizer() == OptimizerKind.ADAM && s.randomLabels() == 0)
                .toList();
    }

    /**
     * The full problem, the sweep's recipe, from the last snapshot of the seed-0 diverse and
     * similar runs: their bodies carry on and the head starts fresh (a 3-class head cannot
     * answer 10 classes). Recorded relative to their folders, like the corner runs.
     */
    static List<TrainingSpec> fineTunings() {
        List<TrainingSpec> specs = new ArrayList<>();
        for (String from : FINE_TUNED_FROM) {
            TrainingSpec parent = taskBase(from).seed(0).build();
            specs.add(base().architecture(Architecture.MLP).optimizer(OptimizerKind.ADAM).learningRate(learningRate(OptimizerKind.ADAM))
                    .seed(0).snapshots(SnapshotPolicy.NONE).initFrom(Path.of("..", parent.name()).toString())
                    .name("fashion-mlp-adam-fine-tuned-from-" + from).build());
        }
        return specs;
    }

    /**
     * Real-label training from the pre-trained network, the sweep's recipe (Nesterov at a lower rate): a
     * trajectory from another corner. The pre-training is their sibling, recorded relative to
     * their folders so the samples move. No snapshots: chapter 3 needs predictions only, and the
     * folder's size budget is spent on chapter 4.
     */
    static List<TrainingSpec> corners(Path pretrained) {
        List<TrainingSpec> specs = new ArrayList<>();
        for (OptimizerKind o : OPTIMIZERS) {
            specs.add(base().architecture(Architecture.MLP).optimizer(o).learningRate(cornerLearningRate(o)).seed(0)
                    .snapshots(SnapshotPolicy.NONE).initFrom(Path.of("..").resolve(pretrained.getFileName()).toString())
                    .name("fashion-mlp-" + o.id() + "-from-random-label-corner").build());
        }
        return specs;
    }
}
