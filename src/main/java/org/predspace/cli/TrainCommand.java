package org.predspace.cli;

import org.predspace.data.DataFormatException;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.InputText;
import org.predspace.tasks.Task;
import org.predspace.training.spec.InitFrom;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.LearningRateSchedule;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.Sweep;
import org.predspace.training.spec.TrainingSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one run, or a sweep: the product of every comma-separated value list.",
                "Each run is written to its own folder inside --out.",
                "On a cluster: --plan slurm|k8s writes a job whose task I runs --sweep-index I (README, \"Sweeps on a cluster\")."})
final class TrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "ID",
            description = "mnist, fashion, digits, iris, spirals, gauss, sloppy, idx:FOLDER or csv:FILE")
    String dataset;
    @Option(names = "--arch", split = ",", paramLabel = "A", defaultValue = "mlp",
            description = "linear, mlp, lenet, allcnn, resnet (default: ${DEFAULT-VALUE})")
    List<String> architectures;
    @Option(names = "--task", paramLabel = "TASK",
            description = {"the labelled problem to train on (repeat the option to sweep over tasks; default: all):",
                    "all, classes:A,B,... (those classes, relabelled 0..k-1 in order),",
                    "groups:A,B/C,D/... (each group one class; classes not listed are dropped),",
                    "random-labels (every training label drawn at random from the seed),",
                    "or a preset of the data set such as even-odd or diverse (`predspace datasets` lists them)"})
    List<String> tasks;
    @Option(names = "--optimizer", split = ",", paramLabel = "O", defaultValue = "adam",
            description = "sgd, nesterov, adam, adamw, rmsprop (default: ${DEFAULT-VALUE})")
    List<String> optimizers;
    @Option(names = "--lr", split = ",", paramLabel = "X", defaultValue = "0.001",
            description = "learning rate(s) (default: ${DEFAULT-VALUE})")
    List<Double> learningRates;
    @Option(names = "--batch", split = ",", paramLabel = "B", defaultValue = "128",
            description = "batch size(s) (default: ${DEFAULT-VALUE})")
    List<Integer> batchSizes;
    @Option(names = "--full-batch", description = {"gradient descent: every step on the whole training split or the --train-size subset,",
            "sgd at a constant learning rate (epochs = steps); for the edge of stability, sharpness against 2 / lr"})
    boolean fullBatch;
    @Option(names = "--epochs", paramLabel = "E", defaultValue = "5", description = "(default: ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--seed", split = ",", paramLabel = "S", defaultValue = "0",
            description = "seed(s): each fixes initialisation, data order and augmentation (default: ${DEFAULT-VALUE})")
    List<Long> seeds;
    @Option(names = "--train-size", paramLabel = "N", defaultValue = "0",
            description = "train on the first N/C images of each class of the training split (default: all of it)")
    int trainSize;
    @Option(names = "--probe-size", paramLabel = "N", defaultValue = "1000",
            description = "probe samples per checkpoint (default: ${DEFAULT-VALUE})")
    int probeSize;
    @Option(names = "--probe-seed", paramLabel = "S", defaultValue = "0",
            description = "chooses the probe samples (default: ${DEFAULT-VALUE})")
    long probeSeed;
    @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "0",
            description = "L2 weight decay; decoupled for adamw (default: ${DEFAULT-VALUE})")
    double weightDecay;
    @Option(names = "--schedule", paramLabel = "S", defaultValue = "constant",
            description = "learning-rate schedule: constant or cosine (default: ${DEFAULT-VALUE})")
    String schedule;
    @Option(names = "--warmup", paramLabel = "F", defaultValue = "0",
            description = "fraction of steps for a linear learning-rate warm-up (default: ${DEFAULT-VALUE})")
    double warmup;
    @Option(names = "--random-labels", paramLabel = "F", defaultValue = "0",
            description = "fraction of training labels replaced by random ones (default: ${DEFAULT-VALUE})")
    double randomLabels;
    @Option(names = "--augment", description = "random shifts of up to 2 pixels (images only)")
    boolean augment;
    @Option(names = "--batch-norm", description = "batch norm in mlp and lenet (allcnn and resnet always have it)")
    boolean batchNorm;
    @Option(names = "--depth", paramLabel = "L", defaultValue = "2", description = "mlp hidden layers (default: ${DEFAULT-VALUE})")
    int depth;
    @Option(names = "--width", paramLabel = "W", defaultValue = "256", description = "mlp hidden width (default: ${DEFAULT-VALUE})")
    int width;
    @Option(names = "--checkpoints", paramLabel = "K", defaultValue = "60",
            description = "checkpoints per run, log-spaced in steps (default: ${DEFAULT-VALUE})")
    int checkpoints;
    @Option(names = "--snapshots", paramLabel = "P", defaultValue = "all",
            description = "parameter snapshots: all, sparse (first, middle, last), last (for fine-tuning from the end) or none (default: ${DEFAULT-VALUE})")
    String snapshots;
    @Option(names = "--init-from", paramLabel = "RUN_DIR[@STEP]",
            description = {"start from this run's parameter snapshot at STEP (default: its last) instead of a fresh initialisation",
                    "(same architecture; on another task the output layer starts fresh from --seed: fine-tuning)"})
    String initFrom;
    @Option(names = "--jobs", paramLabel = "J", description = "runs trained at once (default: one per core)")
    Integer jobs;
    @Option(names = "--name", paramLabel = "NAME", description = "run name, also its folder's name: letters, digits, '.', '_' and '-' "
                    + "(single runs only; default: from the values)")
    String name;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder that receives one folder per run")
    Path out;
    @Option(names = "--sweep-index", paramLabel = "I", description = {"train only run I of the sweep (from 0, in the order --plan list prints:",
            "the last option's values vary fastest: task, arch, optimizer, lr, batch, seed): one cluster task's share.",
            "A run I that ended is kept; an interrupted or cancelled one is moved into DIR/.interrupted and trained again"})
    Integer sweepIndex;
    @Option(names = "--plan", paramLabel = "KIND", description = {"train nothing; print to stdout: list (each run's index and name),",
            "slurm (a job-array script, one task per index) or k8s (a Kubernetes Indexed Job), all tasks into --out"})
    String plan;
    @Option(names = "--launcher", paramLabel = "CMD", description = {"with --plan: the command that starts predspace on the cluster, split at blanks,",
            "e.g. 'java -jar /shared/predspace.jar' (default: as this process was started)"})
    String launcher;
    @Option(names = "--parallelism", paramLabel = "P", description = "with --plan slurm|k8s: tasks running at once (default: as many as the scheduler allows)")
    Integer parallelism;
    @Option(names = "--image", paramLabel = "IMAGE", description = "with --plan k8s: the container image (default: a placeholder to replace)")
    String image;
    @Option(names = "--volume-claim", paramLabel = "NAME", description = {"with --plan k8s: the persistent volume claim holding --out, mounted at --out's path",
            "(default: a placeholder to replace)"})
    String volumeClaim;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        List<TrainingSpec> specs;
        try {
            specs = specs();
        } catch (IllegalArgumentException e) {
            throw Cli.usage(cl, e);
        }
        if (plan != null) return printPlan(specs, cl);
        checkPlanOptionsUnused(cl);
        if (sweepIndex != null) return SweepTask.train(specs, sweepIndex, out, cl);
        int workers = jobs != null ? jobs : NativeBackend.cores();
        return SpecTrainer.train(specs, out, workers, cl) ? 0 : Cli.EXIT_FAILURE;
    }

    /** --plan: the runs by index, or a scheduler's job whose task I trains run I; nothing is trained or written. */
    private int printPlan(List<TrainingSpec> specs, CommandLine cl) throws Exception {
        if (sweepIndex != null) throw Cli.usage(cl, "--plan describes the whole sweep; leave out --sweep-index");
        if (parallelism != null && parallelism < 1) throw Cli.usage(cl, "--parallelism must be at least 1, got " + parallelism);
        String text;
        switch (plan) {
            case "list" -> {
                checkPlanOptionsUnused(cl);
                text = SweepPlan.list(specs);
            }
            case "slurm", "k8s" -> {
                if (plan.equals("slurm") && (image != null || volumeClaim != null)) {
                    throw Cli.usage(cl, "--image and --volume-claim are for --plan k8s");
                }
                SpecTrainer.check(specs, out, cl);   // a bad value is one line here, not in every task
                SweepPlan p;
                try {
                    p = new SweepPlan(Launcher.words(launcher), SweepPlan.repeatedArguments(cl.getParseResult()),
                            Path.of("").toAbsolutePath(), out.toAbsolutePath().normalize(), specs.size(), parallelism);
                } catch (IllegalArgumentException e) {
                    throw Cli.usage(cl, e);
                }
                text = plan.equals("slurm") ? SlurmArrayScript.text(p) : KubernetesIndexedJob.text(p, image, volumeClaim);
            }
            default -> throw Cli.usage(cl, "--plan is list, slurm or k8s, got " + InputText.quote(plan));
        }
        cl.getOut().print(text);
        cl.getOut().flush();
        return 0;
    }

    /** The options that shape a scheduler's job mean nothing without one: refused rather than ignored. */
    private void checkPlanOptionsUnused(CommandLine cl) {
        boolean slurmOrK8s = plan != null && (plan.equals("slurm") || plan.equals("k8s"));
        if (!slurmOrK8s && (launcher != null || parallelism != null || image != null || volumeClaim != null)) {
            throw Cli.usage(cl, "--launcher, --parallelism, --image and --volume-claim shape a cluster job: use them with --plan slurm or k8s");
        }
    }

    /** The runs the options describe; an IllegalArgumentException names a bad value. */
    private List<TrainingSpec> specs() {
        if (fullBatch) {
            checkFullBatch();
            optimizers = List.of(OptimizerKind.SGD.id());
            batchSizes = List.of(trainSize > 0 ? trainSize : trainingSplitSize());
        }
        TrainingSpec base = TrainingSpec.builder(dataset)
                .epochs(epochs).trainSizeLimit(trainSize).probeSize(probeSize).probeSeed(probeSeed).weightDecay(weightDecay)
                .schedule(LearningRateSchedule.fromId(schedule)).warmupFraction(warmup).randomLabels(randomLabels)
                .shiftAugment(augment).batchNorm(batchNorm).hiddenLayers(depth).width(width)
                .checkpoints(checkpoints).snapshots(SnapshotPolicy.fromId(snapshots))
                .build();
        if (initFrom != null) base = withInitFrom(base, initFrom);
        Sweep sweep = new Sweep(base, tasks(), architectures.stream().map(Architecture::fromId).toList(),
                optimizers.stream().map(OptimizerKind::fromId).toList(), learningRates, batchSizes, seeds);
        List<TrainingSpec> specs = sweep.specs();
        if (name != null) {
            if (specs.size() != 1) throw new IllegalArgumentException("--name works for a single run; this sweep has " + specs.size());
            specs = List.of(specs.get(0).toBuilder().name(name).build());
        }
        return specs;
    }

    /** The --task values on this data set, the full problem when none is given; a task listed twice is refused. */
    private List<Task> tasks() {
        if (tasks == null || tasks.isEmpty()) return List.of(Task.ALL);
        List<Task> out = new ArrayList<>();
        for (String text : tasks) {
            Task t = Task.parse(text, dataset);
            if (out.contains(t)) throw new IllegalArgumentException("--task " + t.id() + " is given twice");
            out.add(t);
        }
        return out;
    }

    /** The spec starting from RUN_DIR[@STEP]: the folder made absolute, the step checked by SpecTrainer. */
    static TrainingSpec withInitFrom(TrainingSpec base, String text) {
        return InitFrom.parse(text).applyTo(base.toBuilder()).build();
    }

    /**
     * Full-batch gradient descent is one loss followed down at one rate: options that change the
     * batch, the update rule or the rate along the way contradict it, and are refused in one line
     * rather than silently overridden. Cohen et al.'s 2 / lr is the stability limit of plain
     * gradient descent only (momentum moves it), hence sgd.
     */
    private void checkFullBatch() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (given.hasMatchedOption("--batch")) {
            throw new IllegalArgumentException("--full-batch sets the batch to the whole training set; leave out --batch");
        }
        List<String> other = optimizers.stream().filter(o -> OptimizerKind.fromId(o) != OptimizerKind.SGD).toList();
        if (given.hasMatchedOption("--optimizer") && !other.isEmpty()) {
            throw new IllegalArgumentException("--full-batch is plain gradient descent, whose edge of stability is 2 / lr:"
                    + " use --optimizer sgd (or leave it out), got " + String.join(",", other));
        }
        if (LearningRateSchedule.fromId(schedule) != LearningRateSchedule.CONSTANT) {
            throw new IllegalArgumentException("--full-batch keeps the learning rate constant, so 2 / lr is one line: leave out --schedule "
                    + schedule);
        }
        if (warmup != 0) {
            throw new IllegalArgumentException("--full-batch keeps the learning rate constant, so 2 / lr is one line: leave out --warmup");
        }
        if (augment) {
            throw new IllegalArgumentException("--full-batch follows one fixed loss; --augment would change the data every step");
        }
    }

    /** Images in the data set's training split: the batch of full-batch training without --train-size. */
    private int trainingSplitSize() {
        try {
            return new DatasetCatalog().load(dataset).train().size();
        } catch (DataFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
