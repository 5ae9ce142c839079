package org.predspace.training.spec;

import org.predspace.data.DatasetCatalog;
import org.predspace.data.InputShape;
import org.predspace.runs.InputText;
import org.predspace.tasks.Task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a user typed into the "New run" or "Sweep" form, turned into specs or into messages
 * naming each problem. No UI here: the dialogs keep one of these in step with their controls
 * and show {@link #evaluate()}'s problems next to the fields. In a sweep form the
 * architecture, optimiser, learning-rate, batch-size and seed fields take comma-separated
 * lists, and the task field tasks separated by ';' (task texts have commas of their own); their
 * product is the sweep, {@link Sweep}. A single-run form takes one value each.
 */
public final class SpecForm {
    /** The form's text fields, in the order their problems are reported. */
    public enum Field {
        DATASET("data set", false),
        TASK("task", true),
        ARCHITECTURE("architecture", true),
        HIDDEN_LAYERS("hidden layers", false),
        WIDTH("width", false),
        OPTIMIZER("optimiser", true),
        LEARNING_RATE("learning rate", true),
        WARMUP("warm-up fraction", false),
        BATCH_SIZE("batch size", true),
        EPOCHS("epochs", false),
        WEIGHT_DECAY("weight decay", false),
        RANDOM_LABELS("random-label fraction", false),
        SEED("seed", true),
        CHECKPOINTS("checkpoints", false),
        INIT_FROM("start from", false),
        NAME("name", false);

        private final String label;
        private final boolean listInSweep;

        Field(String label, boolean listInSweep) {
            this.label = label;
            this.listInSweep = listInSweep;
        }

        public String label() { return label; }

        /** Whether a sweep form takes several comma-separated values here. */
        public boolean listInSweep() { return listInSweep; }
    }

    /** One problem, attached to the field that causes it (null when it is the whole form's). */
    public record Problem(Field field, String message) {}

    /**
     * @param specs    the runs to start, empty unless there are no problems
     * @param runCount how many runs the lists make (their product), known even while a field is wrong
     */
    public record Result(List<TrainingSpec> specs, List<Problem> problems, int runCount) {
        public boolean valid() { return problems.isEmpty(); }

        /** The first problem of {@code field}, if any. */
        public Optional<String> problem(Field field) {
            return problems.stream().filter(p -> p.field() == field).map(Problem::message).findFirst();
        }

        /** The message line under the form: the first problem, or null. */
        public String firstProblem() { return problems.isEmpty() ? null : problems.get(0).message(); }
    }

    private final boolean sweep;
    private final Map<Field, String> text = new EnumMap<>(Field.class);
    private boolean batchNorm;
    private boolean shiftAugment;
    private LearningRateSchedule schedule = LearningRateSchedule.CONSTANT;
    private SnapshotPolicy snapshots = SnapshotPolicy.ALL;
    private Function<String, Optional<InputShape>> shapes = id -> Optional.empty();
    private Function<String, Optional<Integer>> classCounts = id -> Optional.empty();

    /** A form filled with the engine's defaults ({@link TrainingSpec.Builder}) on the digits data. */
    public SpecForm(boolean sweep) {
        this.sweep = sweep;
        TrainingSpec d = TrainingSpec.builder("digits").build();
        text.put(Field.DATASET, d.dataset());
        text.put(Field.TASK, d.task().id());
        text.put(Field.ARCHITECTURE, d.architecture().id());
        text.put(Field.HIDDEN_LAYERS, Integer.toString(d.hiddenLayers()));
        text.put(Field.WIDTH, Integer.toString(d.width()));
        text.put(Field.OPTIMIZER, d.optimizer().id());
        text.put(Field.LEARNING_RATE, TrainingSpec.compact(d.learningRate()));
        text.put(Field.WARMUP, TrainingSpec.compact(d.warmupFraction()));
        text.put(Field.BATCH_SIZE, Integer.toString(d.batchSize()));
        text.put(Field.EPOCHS, Integer.toString(d.epochs()));
        text.put(Field.WEIGHT_DECAY, TrainingSpec.compact(d.weightDecay()));
        text.put(Field.RANDOM_LABELS, TrainingSpec.compact(d.randomLabels()));
        text.put(Field.SEED, Long.toString(d.seed()));
        text.put(Field.CHECKPOINTS, Integer.toString(d.checkpoints()));
        text.put(Field.INIT_FROM, "");
        text.put(Field.NAME, "");
    }

    public boolean sweep() { return sweep; }

    public String get(Field f) { return text.get(f); }

    public SpecForm set(Field f, String value) {
        text.put(f, value == null ? "" : value);
        return this;
    }

    public SpecForm batchNorm(boolean v) { batchNorm = v; return this; }

    public SpecForm shiftAugment(boolean v) { shiftAugment = v; return this; }

    public SpecForm schedule(LearningRateSchedule v) { schedule = v; return this; }

    public SpecForm snapshots(SnapshotPolicy v) { snapshots = v; return this; }

    /**
     * Tells the form the input shape of data set ids it knows (the catalog's built-in sets once
     * loaded), so image-only architectures on tabular data are refused before starting.
     */
    public SpecForm shapes(Function<String, Optional<InputShape>> known) {
        shapes = known;
        return this;
    }

    /**
     * Tells the form the number of classes of data set ids it knows, so a task naming a class the
     * data set does not have is refused before starting.
     */
    public SpecForm classCounts(Function<String, Optional<Integer>> known) {
        classCounts = known;
        return this;
    }

    /** The separator of several tasks in a sweep form's task field. */
    public static final String TASK_SEPARATOR = ";";

    /** The specs, or the problems that stop them; cheap enough to call on every keystroke. */
    public Result evaluate() {
        List<Problem> problems = new ArrayList<>();
        Reader in = new Reader(problems);

        String dataset = in.dataset();
        List<Task> tasks = in.tasks(dataset);
        List<Architecture> archs = in.list(Field.ARCHITECTURE, Architecture::fromId);
        int hidden = in.integer(Field.HIDDEN_LAYERS, 1, 16);
        int width = in.integer(Field.WIDTH, 1, 4096);
        List<OptimizerKind> optimizers = in.list(Field.OPTIMIZER, OptimizerKind::fromId);
        List<Double> rates = in.list(Field.LEARNING_RATE, s -> positive(Field.LEARNING_RATE, s));
        double warmup = in.fraction(Field.WARMUP, false);
        List<Integer> batches = in.list(Field.BATCH_SIZE, s -> (int) whole(Field.BATCH_SIZE, s, 1, 65536));
        int epochs = in.integer(Field.EPOCHS, 1, 10000);
        double decay = in.number(Field.WEIGHT_DECAY, 0);
        double randomLabels = in.fraction(Field.RANDOM_LABELS, true);
        List<Long> seeds = in.list(Field.SEED, s -> whole(Field.SEED, s, 0, Long.MAX_VALUE));
        int checkpoints = in.integer(Field.CHECKPOINTS, 2, 10000);
        InitFrom start = in.start();
        String name = in.name();

        int count = in.count(Field.TASK) * in.count(Field.ARCHITECTURE) * in.count(Field.OPTIMIZER) * in.count(Field.LEARNING_RATE)
                * in.count(Field.BATCH_SIZE) * in.count(Field.SEED);
        if (dataset != null && archs != null) checkShapes(dataset, archs, problems);
        if (!problems.isEmpty()) return new Result(List.of(), sorted(problems), count);

        TrainingSpec base = TrainingSpec.builder(dataset).hiddenLayers(hidden).width(width).batchNorm(batchNorm)
                .schedule(schedule).warmupFraction(warmup).epochs(epochs).weightDecay(decay).randomLabels(randomLabels)
                .shiftAugment(shiftAugment).checkpoints(checkpoints).snapshots(snapshots).build();
        if (start != null) base = start.applyTo(base.toBuilder()).build();
        List<TrainingSpec> specs = new ArrayList<>();
        List<TrainingSpec> product;
        try {
            product = new Sweep(base, tasks, archs, optimizers, rates, batches, seeds).specs();
        } catch (IllegalArgumentException e) { // a task and its preset name listed both: the same runs twice
            return new Result(List.of(), List.of(new Problem(Field.TASK, e.getMessage())), count);
        }
        for (TrainingSpec s : product) {
            try {
                if (sweep) {
                    specs.add(s.toBuilder().name(name + s.name()).build());
                } else {
                    specs.add(name.isEmpty() ? s : s.toBuilder().name(name).build());
                }
            } catch (IllegalArgumentException e) { // the prefix is fine, the whole name too long
                return new Result(List.of(), List.of(new Problem(Field.NAME, e.getMessage())), count);
            }
        }
        return new Result(List.copyOf(specs), List.of(), count);
    }

    private void checkShapes(String dataset, List<Architecture> archs, List<Problem> problems) {
        Optional<InputShape> shape = shapes.apply(dataset);
        if (shape.isEmpty()) return;
        TrainingSpec.Builder probe = TrainingSpec.builder(dataset);
        for (Architecture a : archs) {
            try {
                ArchitectureFit.check(probe.architecture(a).shiftAugment(false).build(), shape.get());
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(Field.ARCHITECTURE, e.getMessage()));
            }
        }
        if (shiftAugment && !shape.get().image()) {
            problems.add(new Problem(null, "shift augmentation needs image data, but " + dataset + " has " + shape.get()));
        }
    }

    /** The last start resolved, kept while its text and the parent's committed steps are unchanged: evaluate() runs per keystroke. */
    private String startKey;
    private InitFrom startResolved;
    private String startProblem;

    private InitFrom resolvedStart(String text) {
        InitFrom typed = InitFrom.parse(text);
        Path steps = typed.dir().resolve("steps.npy");
        String key;
        try {
            key = text + "\n" + (Files.exists(steps) ? Files.getLastModifiedTime(steps).toMillis() : -1);
        } catch (IOException e) {
            key = null;
        }
        if (key == null || !key.equals(startKey)) {
            startKey = key;
            startResolved = null;
            startProblem = null;
            try {
                startResolved = typed.resolved();
            } catch (IllegalArgumentException e) {
                startProblem = e.getMessage();
            }
        }
        if (startProblem != null) throw new IllegalArgumentException(startProblem);
        return startResolved;
    }

    private static List<Problem> sorted(List<Problem> problems) {
        List<Problem> out = new ArrayList<>(problems);
        out.sort((a, b) -> Integer.compare(order(a), order(b)));
        return List.copyOf(out);
    }

    private static int order(Problem p) { return p.field() == null ? Field.values().length : p.field().ordinal(); }

    private static double positive(Field f, String s) {
        double v = decimal(f, s);
        if (!(v > 0)) throw new IllegalArgumentException(f.label() + " must be > 0, got " + s);
        return v;
    }

    private static double decimal(Field f, String s) {
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // reported below with the field's name
        }
        throw new IllegalArgumentException(f.label() + " " + InputText.quote(s) + " is not a number");
    }

    private static long whole(Field f, String s, long min, long max) {
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(f.label() + " " + InputText.quote(s) + " is not a whole number");
        }
        if (v < min || v > max) {
            String range = max == Long.MAX_VALUE ? "at least " + min : "in " + min + ".." + max;
            throw new IllegalArgumentException(f.label() + " must be " + range + ", got " + s);
        }
        return v;
    }

    /** Reads the fields one by one, collecting a problem instead of a value where one is wrong. */
    private final class Reader {
        private final List<Problem> problems;

        Reader(List<Problem> problems) { this.problems = problems; }

        private String trimmed(Field f) { return text.getOrDefault(f, "").trim(); }

        String dataset() {
            String id = trimmed(Field.DATASET);
            String problem = datasetProblem(id);
            if (problem == null) return id;
            problems.add(new Problem(Field.DATASET, problem));
            return null;
        }

        private String datasetProblem(String id) {
            if (id.isEmpty()) return "choose a data set";
            if (id.startsWith("csv:") || id.startsWith("idx:")) {
                String path = id.substring(4).replaceFirst("^label=(first|last):", "");
                boolean folder = id.startsWith("idx:");
                if (path.isBlank()) return id.substring(0, 4) + " needs a " + (folder ? "folder" : "file") + " after the colon";
                Path p = Path.of(path);
                if (folder ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
                    return "no " + (folder ? "folder " : "file ") + path;
                }
                return null;
            }
            if (DatasetCatalog.builtInIds().contains(id)) return null;
            return "unknown data set " + InputText.quote(id) + "; use one of " + String.join(", ", DatasetCatalog.builtInIds())
                    + ", csv:FILE or idx:FOLDER";
        }

        /**
         * The tasks of the task field on {@code dataset} (null while the data set is wrong): one,
         * or several separated by ';' in a sweep; empty means the full problem.
         */
        List<Task> tasks(String dataset) {
            List<String> texts = tokens(Field.TASK);
            if (texts.isEmpty()) return List.of(Task.ALL);
            if (texts.size() > 1 && !sweep) {
                problems.add(new Problem(Field.TASK, "give one task (several tasks make a sweep: use Sweep…)"));
                return null;
            }
            List<Task> tasks = new ArrayList<>();
            for (String t : texts) {
                try {
                    Task task = Task.parse(t, dataset);
                    if (dataset != null) {
                        Optional<Integer> classes = classCounts.apply(dataset);
                        if (classes.isPresent()) task.check(classes.get(), dataset);
                    }
                    if (tasks.contains(task)) throw new IllegalArgumentException("task " + task.id() + " is listed twice");
                    tasks.add(task);
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(Field.TASK, e.getMessage()));
                    return null;
                }
            }
            return tasks;
        }

        /** The comma-separated values of a list field (a single value outside sweeps). */
        <T> List<T> list(Field f, Function<String, T> parse) {
            List<String> tokens = tokens(f);
            if (tokens.isEmpty()) {
                problems.add(new Problem(f, "give " + (sweep ? "at least one " : "a ") + f.label()));
                return null;
            }
            if (tokens.size() > 1 && !(sweep && f.listInSweep())) {
                problems.add(new Problem(f, "give one " + f.label() + " (several values make a sweep: use Sweep…)"));
                return null;
            }
            List<T> values = new ArrayList<>();
            Set<T> seen = new HashSet<>();
            for (String t : tokens) {
                try {
                    T v = parse.apply(t);
                    if (!seen.add(v)) {
                        problems.add(new Problem(f, f.label() + " " + t + " is listed twice"));
                        return null;
                    }
                    values.add(v);
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(f, e.getMessage()));
                    return null;
                }
            }
            return values;
        }

        /** Number of values typed, at least 1, so a count is shown while a value is still wrong. */
        int count(Field f) { return Math.max(1, tokens(f).size()); }

        private List<String> tokens(Field f) {
            List<String> out = new ArrayList<>();
            String separator = f == Field.TASK ? TASK_SEPARATOR : ",";
            for (String t : trimmed(f).split(separator)) {
                if (!t.isBlank()) out.add(t.trim());
            }
            return out;
        }

        int integer(Field f, int min, int max) {
            try {
                return (int) whole(f, trimmed(f), min, max);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(f, e.getMessage()));
                return min;
            }
        }

        double number(Field f, double min) {
            try {
                double v = decimal(f, trimmed(f));
                if (v < min) throw new IllegalArgumentException(f.label() + " must be >= " + TrainingSpec.compact(min) + ", got " + trimmed(f));
                return v;
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(f, e.getMessage()));
                return min;
            }
        }

        /** A fraction in [0, 1], or [0, 1) when one is meaningless (a warm-up of every step). */
        double fraction(Field f, boolean oneAllowed) {
            try {
                double v = decimal(f, trimmed(f));
                if (v < 0 || v > 1 || (v == 1 && !oneAllowed)) {
                    throw new IllegalArgumentException(f.label() + " must be in [0, 1" + (oneAllowed ? "]" : ")") + ", got " + trimmed(f));
                }
                return v;
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(f, e.getMessage()));
                return 0;
            }
        }

        /**
         * The run the form's runs start from, its step resolved (the last snapshot unless one is
         * named) so run.json records it; null when the field is empty or wrong.
         */
        InitFrom start() {
            String t = trimmed(Field.INIT_FROM);
            if (t.isEmpty()) return null;
            try {
                return resolvedStart(t);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(Field.INIT_FROM, e.getMessage()));
                return null;
            }
        }

        String name() {
            String n = trimmed(Field.NAME);
            String problem = n.isEmpty() ? null : TrainingSpec.nameProblem(sweep ? "name prefix" : "name", n);
            if (problem != null) problems.add(new Problem(Field.NAME, problem));
            return n;
        }
    }
}
