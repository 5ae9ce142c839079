package org.predspace.session;

import org.predspace.data.DatasetCatalog;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.platform.Workers;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeScore;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.runs.RunManifest;
import org.predspace.runs.RunStatus;
import org.predspace.runs.RunTail;
import org.predspace.training.TrainingEvent;
import org.predspace.training.TrainingPool;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

/**
 * The runs the explorer shows and the three pictures they feed. Runs come from disk
 * ({@link #open}) or from training now ({@link #train}); either way every checkpoint goes into
 * the training-probe picture, into the held-out picture when the run has a held-out probe, and
 * into the imprinted picture when it records imprinted predictions (all classes of the full
 * problem on the shared probe, docs/run-format.md), where runs of different tasks meet.
 *
 * <p>Listeners hear every change of a run's state and every problem (a run that cannot be
 * drawn, a failed training, a picture that could not be recomputed), on whichever thread caused
 * it: a UI hands them over to its own.
 */
public final class ExplorerSession implements AutoCloseable {
    /** Which probe a picture is drawn on. */
    public enum Probe {
        TRAINING("training probe", "Training-probe"),
        HELD_OUT("held-out probe", "Held-out"),
        /** The imprinted predictions over all classes of the full problem, on the probe every task shares. */
        IMPRINTED("all classes, imprinted", "Imprinted (all classes)");

        private final String label;
        private final String pictureName;

        Probe(String label, String pictureName) {
            this.label = label;
            this.pictureName = pictureName;
        }

        /** How the UI names the probe: "held-out probe". */
        public String label() { return label; }

        /** How a status line names the picture: "Held-out picture: ...". */
        public String pictureName() { return pictureName; }
    }

    /** In the problem told about a run of another task: it is in the imprinted picture, not the training-probe one. */
    public static final String IMPRINTED_ONLY = " drawn in the imprinted picture only: ";

    /** In every problem told about a run that the imprinted picture cannot hold: it concerns no other picture. */
    public static final String LEFT_OUT_OF_IMPRINTED = " left out of the imprinted picture";

    /** What a UI hears. */
    public interface Listener {
        void runChanged(RunState state);

        void problem(String message);

        /**
         * Runs that the imprinted picture leaves out for want of imprinted predictions, and the
         * message naming them. A UI may hold it until that picture is shown with one of those
         * runs in it; by default it is a problem like any other.
         */
        default void leftOutOfImprinted(List<String> runs, String message) { problem(message); }
    }

    private final PredictionPicture training;
    private final PredictionPicture heldOut;
    private final PredictionPicture imprinted;
    private final Map<String, RunState> runs = new LinkedHashMap<>();
    private final Map<String, TrainingPool.RunHandle> handles = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Live runs whose held-out predictions join the held-out picture. */
    private final Set<String> inHeldOut = ConcurrentHashMap.newKeySet();
    /** Live runs on the training-probe picture's probe (a run of another task is not). */
    private final Set<String> inTraining = ConcurrentHashMap.newKeySet();
    /** Live runs whose imprinted predictions join the imprinted picture. */
    private final Map<String, ImprintedLabels> inImprinted = new ConcurrentHashMap<>();

    /** The pictures each run opened from disk joined, by name: where a followed run's new checkpoints go. */
    private final Map<String, Membership> fromDisk = new ConcurrentHashMap<>();
    /** The folders followed now, each by its own follower. */
    private final List<FolderFollower> followers = new CopyOnWriteArrayList<>();

    private record Membership(boolean training, boolean heldOut, boolean imprinted) {}

    /** What scores a live run's imprinted rows: the full problem's labels of the shared probe. */
    private record ImprintedLabels(int[] labels, int classes) {}
    /** Runs left out of the imprinted picture for want of imprinted predictions, in order: see {@link ImprintedMembers}. */
    private final ImprintedMembers imprintedMembers = new ImprintedMembers();
    private final int trainingJobs;
    private TrainingPool pool;

    public ExplorerSession(LiveEmbedding.Settings settings, int trainingJobs) {
        this.training = new PredictionPicture("training probe", settings);
        this.heldOut = new PredictionPicture("held-out probe", settings);
        this.imprinted = new PredictionPicture("imprinted", settings);
        this.trainingJobs = trainingJobs;
        training.onProblem(this::tellProblem);
        heldOut.onProblem(this::tellProblem);
        imprinted.onProblem(this::tellProblem);
    }

    /**
     * Ten axes, background refreshes, one training per core; training and geometry threads at
     * lowered priority, since a UI shows this session (see Workers).
     */
    public static ExplorerSession withDefaults() {
        return new ExplorerSession(LiveEmbedding.Settings.defaults().withParallelism(Parallelism.allCoresInBackground()),
                Workers.cores());
    }

    public void addListener(Listener l) { listeners.add(l); }

    public PredictionPicture picture(Probe probe) {
        return switch (probe) {
            case TRAINING -> training;
            case HELD_OUT -> heldOut;
            case IMPRINTED -> imprinted;
        };
    }

    public synchronized List<RunState> runs() { return new ArrayList<>(runs.values()); }

    public synchronized RunState run(String name) { return runs.get(name); }

    /**
     * Opens a run folder and adds its checkpoints to the pictures one by one, as a training
     * would (see {@link #openAll} for a folder of runs). Slow (one distance row per
     * checkpoint): call from a background thread.
     *
     * @throws RunFormatException       the folder is not a readable run (the message names the file)
     * @throws IllegalArgumentException it is already open, or on another probe than the picture
     *                                  and without imprinted predictions that could join the imprinted one
     */
    public RunState open(Path dir) throws RunFormatException {
        return addOpened(admit(Run.open(dir), dir), RunState.Phase.INTERRUPTED, null);
    }

    /**
     * Adds an admitted run's checkpoints one by one; a run whose run.json still says running
     * gets {@code whileRunning} (with {@code message} when not null) as its phase.
     */
    private RunState addOpened(Opened opened, RunState.Phase whileRunning, String message) {
        tellImprintedOnly(List.of(opened));
        if (!opened.run().hasImprinted()) imprintedMembers.leftOut(List.of(opened.run().name())).ifPresent(this::tellLeftOut);
        Run run = opened.run();
        RunState state = opened.state();
        if (run.status() == RunStatus.RUNNING && whileRunning != RunState.Phase.INTERRUPTED) {
            state = state.with(whileRunning, message);
            publish(state);
        }
        long[] steps = run.steps();
        for (int t = 0; t < steps.length; t++) {
            CheckpointMetrics m = opened.metricsAt(steps[t]);
            if (opened.withTraining()) {
                training.add(run.name(), t, steps[t], m.trainAccuracy(), m.trainAccuracy(), m.trainLoss(), run.predictions(t));
            }
            if (opened.withHeldOut()) {
                heldOut.add(run.name(), t, steps[t], m.trainAccuracy(), m.testAccuracy(), m.testLoss(), run.testPredictions(t));
            }
            if (opened.imprinted() != null) {
                CheckpointMetrics i = opened.imprinted().metrics().get(t);
                imprinted.add(run.name(), t, steps[t], m.trainAccuracy(), i.trainAccuracy(), i.trainLoss(),
                        opened.imprinted().predictions(t));
            }
            state = state.withCheckpoint(m);
            publish(state);
        }
        return state;
    }

    /** How far {@link #openAll} has come: a fraction from 0 to 1 and what it is doing. Called on the opening thread. */
    public interface OpenProgress {
        void update(double done, String message);
    }

    /**
     * Opens run folders as one job: reads them all, then adds every checkpoint to the
     * training-probe picture in one pass with one eigendecomposition, then to the held-out
     * picture likewise, instead of one distance row and (every 15 % of growth) one
     * eigendecomposition per checkpoint. The picture shows all of them at once. A folder that
     * cannot be read or drawn is reported to the listeners by name; the others still open.
     * Interrupted while reading, it stops and opens nothing more. Call from a background thread.
     *
     * @return the runs opened, in the order of {@code dirs}
     */
    public List<RunState> openAll(List<Path> dirs, OpenProgress progress) throws InterruptedException {
        // reading is most of the work below 100 runs, then the distances (one picture, then the other)
        double reading = 0.4;
        double trainingPicture = 0.4;
        List<Run> read = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            if (Thread.interrupted()) throw new InterruptedException("opening cancelled");
            Path dir = dirs.get(i);
            progress.update(reading * i / dirs.size(), "Reading " + dir.getFileName());
            try {
                read.add(Run.open(dir));
            } catch (RunFormatException | RuntimeException e) {
                tellProblem(cannotOpen(dir, e));
            }
        }
        List<Opened> opened = new ArrayList<>();
        for (Run run : fullProblemFirst(read)) {
            try {
                opened.add(admit(run, run.dir()));
            } catch (IllegalArgumentException e) {
                tellProblem(cannotOpen(run.dir(), e));
            }
        }
        opened.sort(Comparator.comparingInt(o -> read.indexOf(o.run())));   // back in the order of dirs
        tellImprintedOnly(opened);
        imprintedMembers.leftOut(opened.stream().filter(o -> !o.run().hasImprinted()).map(o -> o.run().name()).toList())
                .ifPresent(this::tellLeftOut);
        progress.update(reading, "Placing " + opened.size() + " runs in the training-probe picture");
        List<PredictionPicture.Addition> onTraining = new ArrayList<>();
        List<PredictionPicture.Addition> onHeldOut = new ArrayList<>();
        List<PredictionPicture.Addition> onImprinted = new ArrayList<>();
        for (Opened o : opened) {
            long[] steps = o.run().steps();
            for (int t = 0; t < steps.length; t++) {
                CheckpointMetrics m = o.metricsAt(steps[t]);
                if (o.withTraining()) {
                    onTraining.add(new PredictionPicture.Addition(o.run().name(), t, steps[t], m.trainAccuracy(),
                            m.trainAccuracy(), m.trainLoss(), o.run().predictions(t)));
                }
                if (o.withHeldOut()) {
                    onHeldOut.add(new PredictionPicture.Addition(o.run().name(), t, steps[t], m.trainAccuracy(),
                            m.testAccuracy(), m.testLoss(), o.run().testPredictions(t)));
                }
                if (o.imprinted() != null) {
                    CheckpointMetrics i = o.imprinted().metrics().get(t);
                    onImprinted.add(new PredictionPicture.Addition(o.run().name(), t, steps[t], m.trainAccuracy(),
                            i.trainAccuracy(), i.trainLoss(), o.imprinted().predictions(t)));
                }
            }
        }
        awaitPicture(training.addAll(onTraining));
        List<RunState> states = new ArrayList<>();
        for (Opened o : opened) {
            RunState state = o.state();
            for (long step : o.run().steps()) state = state.withCheckpoint(o.metricsAt(step));
            publish(state);
            states.add(state);
        }
        progress.update(reading + trainingPicture, "Placing " + opened.size() + " runs in the held-out picture");
        awaitPicture(heldOut.addAll(onHeldOut));
        if (!onImprinted.isEmpty()) {
            progress.update(0.9, "Placing " + onImprinted.stream().map(PredictionPicture.Addition::run).distinct().count()
                    + " runs in the imprinted picture");
            awaitPicture(imprinted.addAll(onImprinted));
        }
        progress.update(1, "Opened " + states.size() + " runs");
        return states;
    }

    /**
     * {@code runs} in the order to admit them: the training-probe picture takes the probe of the
     * first run it admits, so the full problem's runs go first. Otherwise a run of another task
     * that sorts first (digits-classes... before digits-mlp...) would give the picture its head's
     * probe and push every full-problem run without imprinted predictions out.
     */
    private static List<Run> fullProblemFirst(List<Run> runs) {
        List<Run> order = new ArrayList<>(runs);
        order.sort(Comparator.comparing(r -> !RunState.isFullProblem(r.spec())));   // stable: ties keep their order
        return order;
    }

    /** Waits for a picture to hold what was added; a failed eigendecomposition is reported (the points are in, placed roughly). */
    private void awaitPicture(CompletableFuture<?> placed) throws InterruptedException {
        try {
            placed.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            tellProblem("The picture could not be computed: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        }
    }

    private static String cannotOpen(Path dir, Exception e) {
        String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return "Opening " + dir.getFileName() + ": " + why;
    }

    /**
     * A run read from disk and admitted to the pictures, its checkpoints not yet added.
     *
     * @param withTraining false for a run on another probe than the training-probe picture's (another
     *                     task's): it is drawn in the imprinted picture only
     * @param imprinted    its imprinted view ({@link Run#imprinted()}) when admitted to the imprinted picture, else null
     */
    private record Opened(Run run, RunState state, boolean withTraining, boolean withHeldOut, Run imprinted,
                          Map<Long, CheckpointMetrics> metrics) {
        /** metrics.csv may skip checkpoints (runs other tools wrote): lines are matched by step, not by position. */
        CheckpointMetrics metricsAt(long step) {
            return metrics.getOrDefault(step, new CheckpointMetrics(step, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
    }

    /**
     * Admits a run read from {@code dir} to the pictures and lists it (no checkpoints yet). A run
     * on another probe than the training-probe picture's is refused, unless it has imprinted
     * predictions: runs of another task are on another probe of their own, and meet in the
     * imprinted picture.
     *
     * @throws IllegalArgumentException it is already open, or on another probe than the picture and not imprinted
     */
    private Opened admit(Run run, Path dir) {
        String name = run.name();
        ProbeShape shape = new ProbeShape(run.probe().id(), run.labels().length, run.classes());
        String trainingRefusal = null;
        synchronized (this) {
            RunState existing = runs.get(name);
            if (existing != null) {
                throw new IllegalArgumentException(existing.dir().toAbsolutePath().normalize()
                        .equals(dir.toAbsolutePath().normalize())
                        ? name + " is already open" : "a run named " + name + " is already open (from " + existing.dir() + ")");
            }
            try {
                training.admit(name, shape, run.labels());
            } catch (IllegalArgumentException e) {
                if (!run.hasImprinted()) throw e;
                trainingRefusal = run.probe().id();
            }
        }
        long[] steps = run.steps();
        RunState state = new RunState(name, dir, run.spec(), phaseOf(run), run.statusMessage(), List.of(),
                -1, steps.length == 0 ? 0 : steps[steps.length - 1], false);
        synchronized (this) {
            if (runs.containsKey(name)) throw new IllegalArgumentException(name + " is already open");
            runs.put(name, state);
        }
        tellChanged(state);
        boolean withHeldOut = trainingRefusal == null && run.hasTestSet()
                && admitHeldOut(name, run.probe().id(), run.testLabels(), run.classes());
        Run imprintedView = imprintedViewAdmitted(run);
        Map<Long, CheckpointMetrics> metrics = new HashMap<>();
        for (CheckpointMetrics m : run.metrics()) metrics.put(m.step(), m);
        fromDisk.put(name, new Membership(trainingRefusal == null, withHeldOut, imprintedView != null));
        return new Opened(run, state, trainingRefusal == null, withHeldOut, imprintedView, metrics);
    }

    /**
     * The one problem told about runs of other tasks than the training-probe picture's (their
     * heads are on probes of their own): they are drawn in the imprinted picture only.
     */
    private void tellImprintedOnly(List<Opened> opened) {
        List<String> names = opened.stream().filter(o -> !o.withTraining()).map(o -> o.run().name()).toList();
        if (names.isEmpty()) return;
        ProbeShape shown = training.shape();
        String which = shown == null ? "" : " (the training-probe picture shows probe " + shown.probeId() + ")";
        if (names.size() == 1) {
            Opened o = opened.stream().filter(x -> !x.withTraining()).findFirst().orElseThrow();
            tellProblem(o.run().name() + " is" + IMPRINTED_ONLY + "its head is on probe " + o.run().probe().id()
                    + ", another task's" + which);
            return;
        }
        tellProblem(names.size() + " runs are" + IMPRINTED_ONLY + "their heads are on other tasks' probes" + which + ": "
                + ImprintedMembers.named(names));
    }

    /**
     * The run's imprinted view once admitted to the imprinted picture; null when it has no
     * imprinted predictions (the caller reports that, see {@link ImprintedMembers}) or they
     * cannot join (unreadable, or on another shared probe: reported here, naming the run).
     */
    private Run imprintedViewAdmitted(Run run) {
        if (!run.hasImprinted()) return null;
        Run view;
        try {
            view = run.imprinted();
        } catch (RunFormatException e) {
            tellProblem(run.name() + " is" + LEFT_OUT_OF_IMPRINTED + ": " + e.getMessage());
            return null;
        }
        return admitImprinted(run.name(), view.probe().id(), view.labels(), view.classes()) ? view : null;
    }

    private boolean admitImprinted(String name, String probeId, int[] labels, int classes) {
        try {
            synchronized (this) {
                imprinted.admit(name, new ProbeShape(probeId, labels.length, classes), labels);
            }
        } catch (IllegalArgumentException e) {
            tellProblem(name + " is" + LEFT_OUT_OF_IMPRINTED + ": " + e.getMessage());
            return false;
        }
        imprintedMembers.admitted().ifPresent(this::tellLeftOut);
        return true;
    }

    private boolean admitHeldOut(String name, String probeId, int[] labels, int classes) {
        try {
            heldOut.admit(name, new ProbeShape(probeId + "/held-out", labels.length, classes), labels);
            return true;
        } catch (IllegalArgumentException e) {
            tellProblem(name + " is drawn in the training-probe picture only: " + e.getMessage());
            return false;
        }
    }

    /**
     * Trains the specs in the background, one per core, each into {@code outDir/<name>}.
     *
     * @throws IllegalArgumentException a run of that name is open, or its folder exists
     */
    public List<RunState> train(List<TrainingSpec> specs, Path outDir, DatasetCatalog catalog) {
        List<RunState> queued = new ArrayList<>();
        synchronized (this) {
            for (TrainingSpec s : specs) {
                if (runs.containsKey(s.name())) throw new IllegalArgumentException("a run named " + s.name() + " is already open");
            }
            if (pool == null) pool = new TrainingPool(trainingJobs, catalog::load, true);
            List<TrainingPool.RunHandle> submitted = pool.submitAll(specs, outDir, this::onEvent);
            for (TrainingPool.RunHandle h : submitted) {
                handles.put(h.spec().name(), h);
                RunState s = new RunState(h.spec().name(), h.dir(), h.spec().toMap(), RunState.Phase.QUEUED, "queued",
                        List.of(), -1, 0, true);
                runs.put(s.name(), s);
                queued.add(s);
            }
        }
        queued.forEach(this::tellChanged);
        return queued;
    }

    /** Stops a training run after its current step (or before it starts). */
    public void cancel(String name) {
        TrainingPool.RunHandle h = handles.get(name);
        if (h != null) h.cancel();
    }

    /** What a training run publishes, on its thread; package-private so tests can feed events without training. */
    void onEvent(TrainingEvent event) {
        String name = event.runName();
        try {
            if (event instanceof TrainingEvent.Started s) {
                update(name, r -> new RunState(name, s.dir(), r.spec(), RunState.Phase.TRAINING, "training",
                        r.metrics(), 0, s.totalSteps(), true));
                if (admitLiveTraining(s)) {
                    inTraining.add(name);
                    if (admitHeldOut(name, s.probeId(), s.testProbeLabels(), s.classes())) inHeldOut.add(name);
                }
                if (s.imprint() == null || s.imprintLabels() == null) {
                    imprintedMembers.leftOut(List.of(name)).ifPresent(this::tellLeftOut);
                } else if (admitImprinted(name, s.imprint().probe().id(), s.imprintLabels(), s.imprint().classes())) {
                    inImprinted.put(name, new ImprintedLabels(s.imprintLabels().clone(), s.imprint().classes()));
                }
            } else if (event instanceof TrainingEvent.Progress p) {
                update(name, r -> r.withStep(p.step(), p.totalSteps()));
            } else if (event instanceof TrainingEvent.CheckpointSaved c) {
                CheckpointMetrics m = c.metrics();
                if (inTraining.contains(name)) {
                    training.add(name, c.index(), m.step(), m.trainAccuracy(), m.trainAccuracy(), m.trainLoss(), c.probePredictions());
                }
                if (inHeldOut.contains(name)) {
                    heldOut.add(name, c.index(), m.step(), m.trainAccuracy(), m.testAccuracy(), m.testLoss(), c.testProbePredictions());
                }
                ImprintedLabels shared = inImprinted.get(name);
                if (shared != null && c.imprintedPredictions() != null) {
                    ProbeScore score = ProbeScore.of(c.imprintedPredictions(), shared.labels(), shared.classes());
                    imprinted.add(name, c.index(), m.step(), m.trainAccuracy(), score.accuracy(), score.loss(),
                            c.imprintedPredictions());
                }
                update(name, r -> r.withCheckpoint(m));
            } else if (event instanceof TrainingEvent.Finished f) {
                update(name, r -> r.with(phaseOf(f.status()), f.message()));
                // the last checkpoints were placed out of sample; an exact solve settles them
                training.refresh();
                heldOut.refresh();
                imprinted.refresh();
            } else if (event instanceof TrainingEvent.Failed f) {
                update(name, r -> r.with(RunState.Phase.FAILED, f.message()));
                tellProblem(name + " could not be trained: " + f.message());
            }
        } catch (IllegalArgumentException e) {
            // A run on another probe still trains and is saved; it is just not drawn here.
            tellProblem(e.getMessage());
        }
    }

    /**
     * Admits a live run to the training-probe picture; a run on another probe is told about and
     * left out (drawn in the imprinted picture only, when it records imprinted predictions).
     */
    private boolean admitLiveTraining(TrainingEvent.Started s) {
        try {
            synchronized (this) {
                training.admit(s.runName(), new ProbeShape(s.probeId(), s.probeLabels().length, s.classes()), s.probeLabels());
            }
            return true;
        } catch (IllegalArgumentException e) {
            tellProblem(s.imprint() == null ? e.getMessage() : s.runName() + " is" + IMPRINTED_ONLY + "its head is on probe "
                    + s.probeId() + ", another task's (the training-probe picture shows probe " + training.shape().probeId() + ")");
            return false;
        }
    }

    // ---- following a folder ---------------------------------------------------------------

    /** What the library says of a followed run whose run.json still says running. */
    static final String WRITTEN_ELSEWHERE = "Being written by another process (followed)";

    /**
     * Follows {@code folder}: the runs in it (or the folder itself, if it is a run) and every run
     * that appears there later are opened, and every checkpoint that their writers (other
     * processes: cluster tasks, a PyTorch script) commit is added to the pictures as a
     * training's checkpoint is, along with their status changes (see {@link FolderFollower}).
     * Polls every {@code every} on a background thread until {@link FolderFollower#close} or
     * until this session closes. A folder already followed keeps its follower.
     */
    public FolderFollower follow(Path folder, Duration every) {
        Path key = folder.toAbsolutePath().normalize();
        synchronized (followers) {
            for (FolderFollower f : followers) {
                if (f.folder().equals(key) && !f.stopped()) return f;
            }
            FolderFollower f = new FolderFollower(this, key, every);
            followers.add(f);
            f.start();
            return f;
        }
    }

    /** The folders followed now, in the order following started. */
    public List<FolderFollower> followers() {
        return followers.stream().filter(f -> !f.stopped()).toList();
    }

    /** Called by a follower once it has stopped: its runs still running on disk read as interrupted again. */
    void followingStopped(FolderFollower follower, List<Path> dirs) {
        followers.remove(follower);
        for (Path dir : dirs) {
            RunState r = runByDir(dir);
            if (r != null && !r.live() && r.phase() == RunState.Phase.TRAINING) {
                update(r.name(), s -> s.with(RunState.Phase.INTERRUPTED, "No longer followed; it had "
                        + s.metrics().size() + " checkpoints when following stopped."));
            }
        }
    }

    /** Whether a run from {@code dir} is open (or training into it). */
    boolean isOpen(Path dir) { return runByDir(dir) != null; }

    /** The run opened from {@code dir}, or null. */
    private synchronized RunState runByDir(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        for (RunState r : runs.values()) {
            if (r.dir() != null && r.dir().toAbsolutePath().normalize().equals(key)) return r;
        }
        return null;
    }

    /**
     * Starts following the run in {@code dir}: opens it if it is not open (its committed
     * checkpoints join the pictures one by one, as {@link #open} adds them), or takes over a run
     * already opened from there. Called on the follower's thread.
     *
     * @return its tail, or null for a run trained in this session (its own events feed the pictures)
     * @throws RunFormatException       the folder is not a readable run
     * @throws IllegalArgumentException a run of that name is open from elsewhere, or it fits no picture
     */
    RunTail startFollowing(Path dir) throws RunFormatException {
        RunState existing = runByDir(dir);
        if (existing != null) {
            if (existing.live() || !fromDisk.containsKey(existing.name())) return null;
            // its checkpoints added so far are known; the tail's first poll brings the rest
            Run run = Run.open(dir);
            return RunTail.after(run, Math.min(existing.metrics().size(), run.checkpointCount()));
        }
        Run run = Run.open(dir);
        addOpened(admit(run, dir), whileRunning(dir, run.manifest()), WRITTEN_ELSEWHERE);
        return RunTail.after(run, run.checkpointCount());
    }

    /**
     * Adds what a poll of a followed run found: each new checkpoint joins the pictures the run
     * was admitted to through the same {@link PredictionPicture#add} a training's checkpoint
     * takes (a distance row and an out-of-sample place; no recomputation), then its status,
     * which is checked at every poll.
     */
    void followed(RunTail tail, RunTail.Change change) {
        String name = tail.manifest().name();
        Membership in = fromDisk.get(name);
        if (in == null) return;   // closed meanwhile
        for (RunTail.Committed c : change.checkpoints()) {
            CheckpointMetrics m = c.metrics();
            if (in.training()) training.add(name, c.index(), m.step(), m.trainAccuracy(), m.trainAccuracy(), m.trainLoss(), c.predictions());
            if (in.heldOut() && c.testPredictions() != null) {
                heldOut.add(name, c.index(), m.step(), m.trainAccuracy(), m.testAccuracy(), m.testLoss(), c.testPredictions());
            }
            if (in.imprinted() && c.imprintedPredictions() != null) {
                imprinted.add(name, c.index(), m.step(), m.trainAccuracy(), c.imprintedScore().accuracy(),
                        c.imprintedScore().loss(), c.imprintedPredictions());
            }
            update(name, r -> r.withCheckpoint(m));
        }
        RunManifest manifest = tail.manifest();
        RunStatus status = manifest.status();
        // every poll, changed or not: a writer can die without a word (after which only its heartbeat ages)
        RunState.Phase phase = status == RunStatus.RUNNING ? whileRunning(tail.dir(), manifest) : phaseOf(status);
        String message = phase == RunState.Phase.TRAINING ? WRITTEN_ELSEWHERE : endedMessage(manifest, tail.checkpointCount());
        RunState now = run(name);
        // a listener hears of a change only: this runs every second for every followed run
        if (now != null && (now.phase() != phase || !message.equals(now.message()))) update(name, r -> r.with(phase, message));
        if (change.manifest() != null && status != RunStatus.RUNNING) {
            // as when a training finishes: the last checkpoints were placed out of sample
            training.refresh();
            heldOut.refresh();
            imprinted.refresh();
        }
    }

    /**
     * The phase of a followed run whose run.json says running. Without a writer block (a tool
     * that does not write one) a writer at work cannot be told from one that died, so while
     * followed such a run counts as being written (its new checkpoints show it); with the block
     * (pid and heartbeat, docs/run-format.md) a dead writer turns it to INTERRUPTED.
     */
    static RunState.Phase whileRunning(Path dir, RunManifest manifest) {
        if (manifest.writer() == null) return RunState.Phase.TRAINING;
        return Run.beingWritten(dir, manifest, Instant.now()) ? RunState.Phase.TRAINING : RunState.Phase.INTERRUPTED;
    }

    /** How a followed run ended, worded as {@link Run#statusMessage} words it for an opened run. */
    private static String endedMessage(RunManifest manifest, int checkpoints) {
        if (manifest.status() == RunStatus.RUNNING) {
            return "Interrupted after " + checkpoints + " checkpoint" + (checkpoints == 1 ? "" : "s")
                    + ": its writer stopped without finishing; every checkpoint it committed is shown.";
        }
        String how = manifest.status().jsonName();
        Object reason = manifest.summary().get("reason");
        return how.substring(0, 1).toUpperCase(Locale.ROOT) + how.substring(1) + " after " + checkpoints + " checkpoint"
                + (checkpoints == 1 ? "" : "s") + (reason instanceof String r && !r.isBlank() ? ": " + r : ".");
    }

    /** A problem of a follower, told to the listeners like every other. */
    void followProblem(String message) { tellProblem(message); }

    private void update(String name, UnaryOperator<RunState> change) {
        RunState next;
        synchronized (this) {
            RunState r = runs.get(name);
            if (r == null) return;
            next = change.apply(r);
            runs.put(name, next);
        }
        tellChanged(next);
    }

    private void publish(RunState state) {
        synchronized (this) {
            runs.put(state.name(), state);
        }
        tellChanged(state);
    }

    private void tellChanged(RunState s) {
        for (Listener l : listeners) l.runChanged(s);
    }

    private void tellProblem(String message) {
        for (Listener l : listeners) l.problem(message);
    }

    private void tellLeftOut(ImprintedMembers.LeftOut leftOut) {
        for (Listener l : listeners) l.leftOutOfImprinted(leftOut.runs(), leftOut.message());
    }

    /** A saved run's phase: running on disk is training while its writer lives (another process), interrupted once it is gone. */
    static RunState.Phase phaseOf(Run run) {
        return run.beingWritten() ? RunState.Phase.TRAINING : phaseOf(run.status());
    }

    static RunState.Phase phaseOf(RunStatus status) {
        return switch (status) {
            case RUNNING -> RunState.Phase.INTERRUPTED;
            case FINISHED -> RunState.Phase.FINISHED;
            case CANCELLED -> RunState.Phase.CANCELLED;
            case DIVERGED -> RunState.Phase.DIVERGED;
            case FAILED -> RunState.Phase.FAILED;
        };
    }

    @Override
    public void close() {
        followers.forEach(FolderFollower::close);
        handles.values().forEach(TrainingPool.RunHandle::cancel);
        synchronized (this) {
            if (pool != null) pool.close();
        }
        training.close();
        heldOut.close();
        imprinted.close();
    }
}
