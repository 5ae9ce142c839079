package org.predspace.training.spec;

import org.predspace.runs.InputText;
import org.predspace.tasks.Task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything needed to reproduce one training run: saved in run.json, and enough to
 * train it again bit for bit (one seed fixes initialisation, data order and augmentation).
 *
 * @param hiddenLayers     MLP depth (number of hidden layers); ignored by other architectures
 * @param width            MLP hidden width, or the base channel count of the CNNs
 * @param warmupFraction   fraction of all steps spent ramping the learning rate up from 0
 * @param randomLabels     fraction of training labels replaced by uniformly random ones
 * @param shiftAugment     random shifts of up to ±2 pixels (images only)
 * @param probeSeed        chooses the probe samples; runs with equal data, probe size and
 *                         probe seed share a probe id and can be embedded together
 * @param checkpoints      target number of checkpoints (log-spaced in steps)
 * @param snapshots        which checkpoints get a parameter snapshot
 * @param trainSizeLimit   train on the first trainSizeLimit / C images of each class of the
 *                         training split (file order), or 0 for all of it: a small class-balanced
 *                         subset that every network fits in minutes (TrainingSubset)
 * @param initFrom         a run folder whose parameter snapshot is the starting point instead of
 *                         a fresh initialisation (same architecture), or null: the "corner"
 *                         experiments start from a network pre-trained on random labels, and
 *                         fine-tuning starts from a network trained on another task
 *                         (FineTuneStart, docs/tasks.md)
 * @param initFromStep     the step of initFrom's snapshot to start from, or null for its last one
 * @param task             the labelled problem the run trains on, cut from the data set's classes;
 *                         {@link Task#ALL} (the full problem) unless a task is chosen
 */
public record TrainingSpec(
        String name,
        String dataset,
        Architecture architecture,
        int hiddenLayers,
        int width,
        boolean batchNorm,
        OptimizerKind optimizer,
        double learningRate,
        LearningRateSchedule schedule,
        double warmupFraction,
        int batchSize,
        int epochs,
        double weightDecay,
        double randomLabels,
        boolean shiftAugment,
        long seed,
        int probeSize,
        long probeSeed,
        int checkpoints,
        SnapshotPolicy snapshots,
        int trainSizeLimit,
        String initFrom,
        Long initFromStep,
        Task task) {

    public static final int DEFAULT_PROBE_SIZE = 1000;
    public static final int DEFAULT_CHECKPOINTS = 60;
    /** Longest run name: a folder name, well inside every file system's 255-byte limit. */
    public static final int MAX_NAME = 100;
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public TrainingSpec {
        require(dataset != null && !dataset.isBlank(), "dataset must be given");
        require(hiddenLayers >= 1 && hiddenLayers <= 16, "hidden layers must be in 1..16, got " + hiddenLayers);
        require(width >= 1 && width <= 4096, "width must be in 1..4096, got " + width);
        checkLearningRate(learningRate);
        require(warmupFraction >= 0 && warmupFraction < 1, "warm-up fraction must be in [0, 1), got " + warmupFraction);
        checkBatchSize(batchSize);
        require(epochs >= 1 && epochs <= 10000, "epochs must be in 1..10000, got " + epochs);
        require(Double.isFinite(weightDecay) && weightDecay >= 0, "weight decay must be >= 0, got " + weightDecay);
        require(randomLabels >= 0 && randomLabels <= 1, "random-label fraction must be in [0, 1], got " + randomLabels);
        require(probeSize >= 1 && probeSize <= 100_000, "probe size must be in 1..100000, got " + probeSize);
        require(checkpoints >= 2 && checkpoints <= 10_000, "checkpoints must be in 2..10000, got " + checkpoints);
        // the upper bound depends on the data and is checked with it (TrainingSubset.check)
        require(trainSizeLimit >= 0, "train size must be positive (or 0 for the whole training split), got " + trainSizeLimit);
        if (task == null) task = Task.ALL;
        // the task draws every label at random already; a fraction on top would mean nothing more
        require(!task.randomLabels() || randomLabels == 0,
                "task random-labels replaces every training label already; leave the random-label fraction at 0");
        require(initFromStep == null || initFrom != null, "a step to start from needs a run to start from (init-from)");
        require(initFromStep == null || initFromStep >= 0, "init-from step must be >= 0, got " + initFromStep);
        if (name == null || name.isBlank()) {
            name = defaultName(dataset, task, architecture, optimizer, learningRate, batchSize, seed);
        }
        String problem = nameProblem("name", name);
        if (problem != null) throw new IllegalArgumentException(problem);
    }

    /**
     * Why {@code name} cannot name a run, or null. A run's name is its folder's name inside the
     * output folder, so it is one path component that is the same on every system: letters,
     * digits, '.', '_' and '-', not starting with '.' (which rules out "..", "." and hidden
     * folders), at most {@link #MAX_NAME} characters. The CLI, the sweep and the New run form
     * all check names here.
     *
     * @param what how the message calls the value ("name", "name prefix")
     */
    public static String nameProblem(String what, String name) {
        if (name.isEmpty()) return what + " is empty";
        if (name.length() > MAX_NAME) {
            return what + " is " + name.length() + " characters long; at most " + MAX_NAME + " (it names a folder)";
        }
        if (!SAFE_NAME.matcher(name).matches()) {
            return what + " may use letters, digits, '.', '_' and '-' only, got "
                    + InputText.quote(name);
        }
        if (name.startsWith(".")) return what + " may not start with '.', got " + InputText.quote(name);
        return null;
    }

    /** The rule for a learning rate, here and for an imported run's --lr. */
    public static void checkLearningRate(double learningRate) {
        require(Double.isFinite(learningRate) && learningRate > 0, "learning rate must be a positive number, got " + learningRate);
    }

    /** The rule for a batch size, here and for an imported run's --batch-size. */
    public static void checkBatchSize(int batchSize) {
        require(batchSize >= 1 && batchSize <= 65536, "batch size must be in 1..65536, got " + batchSize);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    /** A readable, file-name-safe run name: mnist-mlp-adam-lr0.001-b128-s0. */
    public static String defaultName(String dataset, Architecture arch, OptimizerKind opt, double lr, int batch, long seed) {
        return defaultName(dataset, Task.ALL, arch, opt, lr, batch, seed);
    }

    /** As above, with the task after the data set unless it is the full problem: fashion-diverse-mlp-adam-lr0.001-b128-s0. */
    public static String defaultName(String dataset, Task task, Architecture arch, OptimizerKind opt, double lr, int batch,
                                     long seed) {
        String data = dataset.contains(":") ? dataset.substring(0, dataset.indexOf(':')) : dataset;
        String problem = task.isAll() ? data : data + "-" + task.nameTag();
        return (problem + "-" + arch.id() + "-" + opt.id() + "-lr" + compact(lr) + "-b" + batch + "-s" + seed)
                .replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * The fraction of training labels drawn at random: the task random-labels draws them all
     * (MinibatchSource.randomiseLabels at fraction 1), otherwise the spec's own fraction.
     */
    public double trainingLabelNoise() { return task.randomLabels() ? 1 : randomLabels; }

    static String compact(double v) {
        String s = Double.toString(v);
        if (s.endsWith(".0")) s = s.substring(0, s.length() - 2);
        return s;
    }

    public static Builder builder(String dataset) { return new Builder(dataset); }

    public Builder toBuilder() {
        Builder b = new Builder(dataset);
        b.name = name; b.architecture = architecture; b.hiddenLayers = hiddenLayers; b.width = width;
        b.batchNorm = batchNorm; b.optimizer = optimizer; b.learningRate = learningRate; b.schedule = schedule;
        b.warmupFraction = warmupFraction; b.batchSize = batchSize; b.epochs = epochs; b.weightDecay = weightDecay;
        b.randomLabels = randomLabels; b.shiftAugment = shiftAugment; b.seed = seed; b.probeSize = probeSize;
        b.probeSeed = probeSeed; b.checkpoints = checkpoints; b.snapshots = snapshots; b.trainSizeLimit = trainSizeLimit;
        b.initFrom = initFrom;
        b.initFromStep = initFromStep;
        b.task = task;
        return b;
    }

    /** The spec as it is written into run.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", dataset);
        m.put("architecture", architecture.id());
        m.put("hidden_layers", hiddenLayers);
        m.put("width", width);
        m.put("batch_norm", batchNorm);
        m.put("optimizer", optimizer.id());
        m.put("learning_rate", learningRate);
        m.put("schedule", schedule.id());
        m.put("warmup_fraction", warmupFraction);
        m.put("batch_size", batchSize);
        m.put("epochs", epochs);
        m.put("weight_decay", weightDecay);
        m.put("random_labels", randomLabels);
        m.put("shift_augment", shiftAugment);
        m.put("seed", seed);
        m.put("probe_size", probeSize);
        m.put("probe_seed", probeSeed);
        m.put("checkpoints", checkpoints);
        m.put("snapshots", snapshots.id());
        if (trainSizeLimit > 0) m.put("train_size_limit", trainSizeLimit);
        if (initFrom != null) m.put("init_from", initFrom);
        if (initFromStep != null) m.put("init_from_step", initFromStep);
        if (!task.isAll()) m.put("task", task.id());
        if (task.preset() != null) m.put("task_preset", task.preset());
        return m;
    }

    /** Rebuilds a spec from {@link #toMap()} output (as read back from run.json). */
    public static TrainingSpec fromMap(Map<String, ?> m) {
        Builder b = new Builder(str(m, "dataset"));
        b.architecture = Architecture.fromId(str(m, "architecture"));
        b.hiddenLayers = (int) num(m, "hidden_layers");
        b.width = (int) num(m, "width");
        b.batchNorm = bool(m, "batch_norm");
        b.optimizer = OptimizerKind.fromId(str(m, "optimizer"));
        b.learningRate = num(m, "learning_rate");
        b.schedule = LearningRateSchedule.fromId(str(m, "schedule"));
        b.warmupFraction = num(m, "warmup_fraction");
        b.batchSize = (int) num(m, "batch_size");
        b.epochs = (int) num(m, "epochs");
        b.weightDecay = num(m, "weight_decay");
        b.randomLabels = num(m, "random_labels");
        b.shiftAugment = bool(m, "shift_augment");
        b.seed = (long) num(m, "seed");
        b.probeSize = (int) num(m, "probe_size");
        b.probeSeed = (long) num(m, "probe_seed");
        b.checkpoints = (int) num(m, "checkpoints");
        b.snapshots = SnapshotPolicy.fromId(str(m, "snapshots"));
        // optional: absent in older runs, which trained on the whole training split
        b.trainSizeLimit = m.get("train_size_limit") == null ? 0 : (int) num(m, "train_size_limit");
        b.initFrom = m.get("init_from") == null ? null : m.get("init_from").toString();   // optional: absent in older runs
        b.initFromStep = m.get("init_from_step") == null ? null : (long) num(m, "init_from_step");
        // optional: absent means the full problem; the preset name only labels the canonical text
        b.task = m.get("task") == null ? Task.ALL : Task.parse(str(m, "task"))
                .withRecordedPreset(m.get("task_preset") == null ? null : str(m, "task_preset"), b.dataset);
        return b.build();
    }

    private static Object field(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) throw new IllegalArgumentException("spec has no '" + key + "'");
        return v;
    }

    private static String str(Map<String, ?> m, String key) { return field(m, key).toString(); }

    private static double num(Map<String, ?> m, String key) {
        Object v = field(m, key);
        if (v instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("spec field '" + key + "' is not a number: " + v);
    }

    private static boolean bool(Map<String, ?> m, String key) {
        Object v = field(m, key);
        if (v instanceof Boolean b) return b;
        throw new IllegalArgumentException("spec field '" + key + "' is not true/false: " + v);
    }

    /** Mutable helper with the engine's defaults. */
    public static final class Builder {
        private String name;
        private final String dataset;
        private Architecture architecture = Architecture.MLP;
        private int hiddenLayers = 2;
        private int width = 256;
        private boolean batchNorm = false;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private double learningRate = 1e-3;
        private LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;
        private double warmupFraction = 0;
        private int batchSize = 128;
        private int epochs = 5;
        private double weightDecay = 0;
        private double randomLabels = 0;
        private boolean shiftAugment = false;
        private long seed = 0;
        private int probeSize = DEFAULT_PROBE_SIZE;
        private long probeSeed = 0;
        private int checkpoints = DEFAULT_CHECKPOINTS;
        private SnapshotPolicy snapshots = SnapshotPolicy.ALL;
        private int trainSizeLimit = 0;
        private String initFrom;
        private Long initFromStep;
        private Task task = Task.ALL;

        private Builder(String dataset) { this.dataset = dataset; }

        public Builder name(String v) { name = v; return this; }
        public Builder architecture(Architecture v) { architecture = v; return this; }
        public Builder hiddenLayers(int v) { hiddenLayers = v; return this; }
        public Builder width(int v) { width = v; return this; }
        public Builder batchNorm(boolean v) { batchNorm = v; return this; }
        public Builder optimizer(OptimizerKind v) { optimizer = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder schedule(LearningRateSchedule v) { schedule = v; return this; }
        public Builder warmupFraction(double v) { warmupFraction = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder randomLabels(double v) { randomLabels = v; return this; }
        public Builder shiftAugment(boolean v) { shiftAugment = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder probeSize(int v) { probeSize = v; return this; }
        public Builder probeSeed(long v) { probeSeed = v; return this; }
        public Builder checkpoints(int v) { checkpoints = v; return this; }
        public Builder snapshots(SnapshotPolicy v) { snapshots = v; return this; }
        /** @param v images to train on, balanced over classes, or 0 for the whole training split */
        public Builder trainSizeLimit(int v) { trainSizeLimit = v; return this; }
        public Builder initFrom(String runDir) { initFrom = runDir; return this; }
        /** @param step the step of the init-from run's snapshot to start from, or null for its last */
        public Builder initFromStep(Long step) { initFromStep = step; return this; }
        public Builder task(Task v) { task = v; return this; }

        public TrainingSpec build() {
            return new TrainingSpec(name, dataset, architecture, hiddenLayers, width, batchNorm, optimizer, learningRate,
                    schedule, warmupFraction, batchSize, epochs, weightDecay, randomLabels, shiftAugment, seed,
                    probeSize, probeSeed, checkpoints, snapshots, trainSizeLimit, initFrom, initFromStep, task);
        }
    }
}
