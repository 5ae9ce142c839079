package org.predspace.ui;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import javafx.scene.paint.Color;
import org.predspace.data.DatasetCatalog;
import org.predspace.platform.Workers;
import org.predspace.runs.Run;
import org.predspace.runs.RunFolders;
import org.predspace.runs.RunFormatException;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.FolderFollower;
import org.predspace.session.LearningRule;
import org.predspace.session.PredictionPicture;
import org.predspace.session.RunState;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.chapters.Chapter;
import org.predspace.ui.charts.ColourPalette;
import org.predspace.ui.workspace.SavedView;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The explorer's one observable model (after AtlantaFX's MainModel): the runs, what is
 * selected, how the picture is drawn and where its camera stands, and the commands that change
 * them. Views bind to these properties and call the commands; no view reaches into another
 * (ArchitectureTest keeps the panels to the model). State is read-only outside (read-only
 * properties, unmodifiable lists) and changes only through the named commands below. JavaFX
 * thread only, except where noted.
 */
public final class ExplorerModel {
    /**
     * Hues for runs: the 3D palette's first twelve categorical colours (Okabe-Ito, then Tableau),
     * so a run's swatch and its points are the same entry.
     */
    static final List<Color> RUN_COLOURS = ColourPalette.CATEGORICAL.subList(0, 12);

    private final ExplorerSession session;
    private final DatasetCatalog catalog;
    private final Path trainingOutput;
    private final BackgroundTasks tasks;

    private final ObservableList<RunItem> runs = FXCollections.observableArrayList();
    /** One read-only view, kept: a fresh unmodifiable wrapper per call would drop listeners when collected. */
    private final ObservableList<RunItem> runsView = FXCollections.unmodifiableObservableList(runs);
    private final Map<String, RunItem> byName = new LinkedHashMap<>();
    private final ReadOnlyObjectWrapper<RunItem> selectedRun = new ReadOnlyObjectWrapper<>(this, "selectedRun");
    private final ReadOnlyObjectWrapper<Path> following = new ReadOnlyObjectWrapper<>(this, "following");
    private final ReadOnlyObjectWrapper<CheckpointRef> selectedCheckpoint = new ReadOnlyObjectWrapper<>(this, "selectedCheckpoint");
    /** Checkpoints pinned for comparison (Spectrum overlays); the selected one is always compared too. */
    private final ObservableList<CheckpointRef> pinned = FXCollections.observableArrayList();
    private final ObservableList<CheckpointRef> pinnedView = FXCollections.unmodifiableObservableList(pinned);
    private final ObservableList<SavedView> savedViews = FXCollections.observableArrayList();
    private final ObservableList<SavedView> savedViewsView = FXCollections.unmodifiableObservableList(savedViews);
    private final ObservableList<Chapter> chapters = FXCollections.observableArrayList();
    private final ObservableList<Chapter> chaptersView = FXCollections.unmodifiableObservableList(chapters);
    private final ObservableSet<PanelOption> panelModes = FXCollections.observableSet();
    private final ObservableSet<PanelOption> panelModesView = FXCollections.unmodifiableObservableSet(panelModes);
    private final ReadOnlyBooleanWrapper parametersWanted = new ReadOnlyBooleanWrapper(this, "parametersWanted", false);
    /** The line or plane the Landscape panel last computed, drawn in the 3D picture; null when none. */
    private final ReadOnlyObjectWrapper<LandscapeOverlay> landscapeOverlay = new ReadOnlyObjectWrapper<>(this, "landscapeOverlay");
    private final ReadOnlyBooleanWrapper landscapeShown = new ReadOnlyBooleanWrapper(this, "landscapeShown", true);

    private final ReadOnlyObjectWrapper<ExplorerSession.Probe> probe =
            new ReadOnlyObjectWrapper<>(this, "probe", ExplorerSession.Probe.TRAINING);
    private final ReadOnlyObjectWrapper<Colouring> colouring =
            new ReadOnlyObjectWrapper<>(this, "colouring", Colouring.ARCHITECTURE);   // the clusters of [A]
    private final ReadOnlyIntegerWrapper axisX = new ReadOnlyIntegerWrapper(this, "axisX", 0);
    private final ReadOnlyIntegerWrapper axisY = new ReadOnlyIntegerWrapper(this, "axisY", 1);
    private final ReadOnlyIntegerWrapper axisZ = new ReadOnlyIntegerWrapper(this, "axisZ", 2);
    private final ReadOnlyDoubleWrapper pointSize = new ReadOnlyDoubleWrapper(this, "pointSize", 1.0);
    private final ReadOnlyBooleanWrapper trajectoriesShown = new ReadOnlyBooleanWrapper(this, "trajectoriesShown", true);
    private final ReadOnlyBooleanWrapper darkTheme = new ReadOnlyBooleanWrapper(this, "darkTheme", false);
    /** Playback: checkpoints after this step are not drawn (Long.MAX_VALUE: all). */
    private final ReadOnlyLongWrapper shownUpToStep = new ReadOnlyLongWrapper(this, "shownUpToStep", Long.MAX_VALUE);
    /**
     * Where the picture's camera stands. The window's view follows it and reports its own moves
     * (a drag, a wheel zoom, a glide) back, so workspaces, saved views and chapters read and
     * write the camera here without knowing the view.
     */
    private final ReadOnlyObjectWrapper<CameraPose> camera = new ReadOnlyObjectWrapper<>(this, "camera", CameraPose.DEFAULT);

    /** Which runs count as not learned (marked grey in the picture, flagged in the table and Details). */
    private final ReadOnlyObjectWrapper<LearningRule> learningRule =
            new ReadOnlyObjectWrapper<>(this, "learningRule", LearningRule.DEFAULT);
    /** Runs that did not learn are left out of the picture (and of its framing). */
    private final ReadOnlyBooleanWrapper notLearnedHidden = new ReadOnlyBooleanWrapper(this, "notLearnedHidden", false);

    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<String> problemsView = FXCollections.unmodifiableObservableList(problems);
    private Consumer<String> problemSink = m -> {};
    private Consumer<String> noticeSink = m -> {};
    /**
     * Problems that concern the imprinted picture alone (runs it leaves out), told once it is
     * shown: older runs have no imprinted predictions, and a session that never looks at that
     * picture should not hear about it (JavaFX thread).
     */
    private final List<String> untoldImprintedNotes = new ArrayList<>();
    /**
     * Runs without imprinted predictions, with the message naming them, not told yet: told when
     * the imprinted picture is shown with one of them in the library's shown runs. A chapter of
     * task runs hides the others, and must not interrupt a lecture to name them (JavaFX thread).
     */
    private final List<Map.Entry<List<String>, String>> untoldLeftOut = new ArrayList<>();

    /** Pending run states from worker threads, drained in one runLater (progress events come fast). */
    private final Map<String, RunState> pending = new LinkedHashMap<>();
    private boolean drainScheduled;
    /** Folders still being opened (JavaFX thread). */
    private int opening;

    public ExplorerModel(ExplorerSession session, DatasetCatalog catalog, Path trainingOutput) {
        this.session = session;
        this.catalog = catalog;
        this.trainingOutput = trainingOutput;
        // more threads than cores: a queued spectrum must not keep run folders from opening
        this.tasks = new BackgroundTasks(4, this::reportProblem);
        probe.addListener((o, was, now) -> {
            if (now == ExplorerSession.Probe.IMPRINTED) {
                List<String> untold = List.copyOf(untoldImprintedNotes);
                untoldImprintedNotes.clear();
                untold.forEach(this::tell);
                tellLeftOutShown();
            }
        });
        session.addListener(new ExplorerSession.Listener() {
            @Override
            public void runChanged(RunState state) { enqueue(state); }

            @Override
            public void problem(String message) { reportProblem(message); }

            @Override
            public void leftOutOfImprinted(List<String> runs, String message) {
                onFx(() -> {
                    untoldLeftOut.add(Map.entry(List.copyOf(runs), message));
                    if (probe.get() == ExplorerSession.Probe.IMPRINTED) tellLeftOutShown();
                });
            }
        });
    }

    // ---- runs ---------------------------------------------------------------------------

    public ObservableList<RunItem> runs() { return runsView; }

    public RunItem run(String name) { return byName.get(name); }

    /** Draws {@code run} in the picture and the panels, or leaves it out (the library's Show box). */
    public void showRun(RunItem run, boolean shown) { run.setVisible(shown); }

    public ExplorerSession session() { return session; }

    public DatasetCatalog catalog() { return catalog; }

    /** Where runs started from the UI are written. */
    public Path trainingOutput() { return trainingOutput; }

    public BackgroundTasks tasks() { return tasks; }

    /** The picture currently drawn (training or held-out probe). Any thread. */
    public PredictionPicture picture() { return session.picture(probe.get()); }

    /**
     * Opens run folders in the background as one task with one progress bar; problems are
     * reported, the rest still open.
     */
    public void openRuns(List<Path> dirs) {
        open(dirs, false);
    }

    /**
     * Opens what the folders hold: each run folder, and the runs directly inside any other
     * folder, as one background task. Runs already open are skipped; a folder with no run is
     * reported.
     */
    public void openFolders(List<Path> folders) {
        open(folders, true);
    }

    /** As {@link #openFolders}; {@code after} runs on the JavaFX thread once the runs are in, however that ended. */
    public void openFolders(List<Path> folders, Runnable after) {
        Task<?> opening = open(folders, true);
        if (opening == null) {
            after.run();
            return;
        }
        Runnable once = new Runnable() {
            private boolean ran;

            @Override
            public void run() {
                if (ran) return;
                ran = true;
                after.run();
            }
        };
        opening.addEventHandler(WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> once.run());
        opening.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> once.run());
        opening.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> once.run());
        if (opening.isDone()) once.run();
    }

    /** @return the opening task, or null if there is nothing to open (or the old path opens it) */
    private Task<?> open(List<Path> folders, boolean search) {
        if (folders.isEmpty()) return null;
        if (ONE_BY_ONE) {
            openOneByOne(folders, search);
            return null;
        }
        return tasks.submit(new RunsOpening(session, folders, search, this::reportProblem), opened -> {});
    }

    /**
     * -Dpredspace.openRunsOneByOne=true: the way runs were opened before, one task per run and
     * one distance row per checkpoint, kept as the peer bench/open-bench.sh measures against.
     */
    private static final boolean ONE_BY_ONE = Boolean.getBoolean("predspace.openRunsOneByOne");

    private void openOneByOne(List<Path> folders, boolean search) {
        if (search) {
            tasks.submit("Looking for runs", () -> {
                List<Path> found = new ArrayList<>();
                for (Path f : folders) {
                    List<Path> inside = RunFolders.find(f);
                    if (inside.isEmpty()) reportProblem("No run in " + f + ": a run folder holds a run.json");
                    found.addAll(inside);
                }
                return found;
            }, found -> {
                Set<Path> open = new HashSet<>();
                for (RunItem r : runs) {
                    if (r.state().dir() != null) open.add(r.state().dir().toAbsolutePath().normalize());
                }
                openOneByOne(found.stream().filter(d -> !open.contains(d.toAbsolutePath().normalize())).toList(), false);
            });
            return;
        }
        for (Path dir : folders) {
            opening++;
            tasks.submit("Opening " + dir.getFileName(), () -> session.open(dir), s -> {}, this::openDone);
        }
    }

    /** Once the last folder of a batch is in, an exact eigendecomposition replaces out-of-sample placements. */
    private void openDone() {
        if (--opening > 0) return;
        for (ExplorerSession.Probe probe : ExplorerSession.Probe.values()) session.picture(probe).refresh();
    }

    // ---- following a folder ----------------------------------------------------------------

    /**
     * Follows {@code folder} (File > Follow folder..., {@code gui --follow}): runs and checkpoints
     * that other processes write there appear as they are committed (ExplorerSession#follow),
     * until {@link #stopFollowing}. Following another folder stops the first. JavaFX thread.
     */
    public void follow(Path folder) {
        Path now = folder.toAbsolutePath().normalize();
        if (now.equals(following.get())) return;
        stopFollowing();
        session.follow(now, FolderFollower.EVERY_SECOND);
        following.set(now);
    }

    /** Stops following (the runs stay open); the follower's last poll ends in the background. JavaFX thread. */
    public void stopFollowing() {
        if (following.get() == null) return;
        following.set(null);
        List<FolderFollower> stopping = session.followers();
        tasks.submit("Stopping following", () -> {
            stopping.forEach(FolderFollower::close);
            return null;
        }, x -> {});
    }

    /** The folder followed, or null. */
    public ReadOnlyObjectProperty<Path> followingProperty() { return following.getReadOnlyProperty(); }

    /** What following has brought, for the status line ("Following runs: 3 runs, ..."), or null when not following. Any thread. */
    public String followingText() {
        List<FolderFollower> now = session.followers();
        return now.isEmpty() ? null : now.get(0).status().text(Instant.now());
    }

    /** Starts training in the engine's pool. @throws IllegalArgumentException on a name clash or existing folder */
    public void train(List<TrainingSpec> specs) {
        session.train(specs, trainingOutput, catalog);
    }

    public void cancel(RunItem run) { session.cancel(run.name()); }

    /**
     * Run states reach the JavaFX thread at most every {@link #DRAIN_INTERVAL_MS} ms: two
     * trainings publish progress many times a second, and each update re-lays out table rows
     * and charts; ten batched updates a second look the same and leave the thread free to draw.
     */
    private void enqueue(RunState s) {
        long delay;
        synchronized (pending) {
            pending.put(s.name(), s);
            if (drainScheduled) return;
            drainScheduled = true;
            delay = Math.max(0, DRAIN_INTERVAL_MS - (System.currentTimeMillis() - lastDrain));
        }
        if (delay == 0) Platform.runLater(this::drain);
        else DRAIN_TIMER.schedule(() -> Platform.runLater(this::drain), delay, TimeUnit.MILLISECONDS);
    }

    static final long DRAIN_INTERVAL_MS = 100;
    private static final ScheduledExecutorService DRAIN_TIMER =
            Workers.scheduled("run-state-drain", Workers.Priority.NORMAL);
    private long lastDrain;

    private void drain() {
        List<RunState> batch;
        synchronized (pending) {
            batch = List.copyOf(pending.values());
            pending.clear();
            drainScheduled = false;
            lastDrain = System.currentTimeMillis();
        }
        for (RunState s : batch) {
            RunItem item = byName.get(s.name());
            if (item == null) {
                item = new RunItem(s, RUN_COLOURS.get(runs.size() % RUN_COLOURS.size()));
                byName.put(s.name(), item);
                runs.add(item);
            } else {
                item.update(s);
            }
        }
    }

    // ---- selection ----------------------------------------------------------------------

    public ReadOnlyObjectProperty<RunItem> selectedRunProperty() { return selectedRun.getReadOnlyProperty(); }

    public RunItem selectedRun() { return selectedRun.get(); }

    public ReadOnlyObjectProperty<CheckpointRef> selectedCheckpointProperty() { return selectedCheckpoint.getReadOnlyProperty(); }

    public CheckpointRef selectedCheckpoint() { return selectedCheckpoint.get(); }

    /** Selects a run (null clears); a checkpoint of another run is deselected. */
    public void selectRun(RunItem run) {
        selectedRun.set(run);
        CheckpointRef c = selectedCheckpoint.get();
        if (run == null || (c != null && !c.run().equals(run.name()))) selectedCheckpoint.set(null);
    }

    /**
     * Whether the panel in front needs checkpoints with parameters (the Spectrum panel): a run
     * chosen as a whole then lands on one ({@link #chooseRun}). The window keeps it current
     * ({@link #wantParameters}).
     */
    public ReadOnlyBooleanProperty parametersWantedProperty() { return parametersWanted.getReadOnlyProperty(); }

    /** Whether the panel in front needs checkpoints with parameters (the window says so as tabs change). */
    public void wantParameters(boolean wanted) { parametersWanted.set(wanted); }

    /**
     * Selects a run as a user picks one from a list (the run table, the Compare panel): with a
     * checkpoint, so every linked panel has one to show ({@link RunCheckpointChoice}: the last,
     * or while the Spectrum panel is in front the one with the parameters it would use). A
     * checkpoint of this run already selected is kept; a run without checkpoints is selected alone.
     */
    public void chooseRun(RunItem run) {
        CheckpointRef current = selectedCheckpoint.get();
        if (run == null || (current != null && current.run().equals(run.name()))) {
            selectRun(run);
            return;
        }
        long[] steps = run.state().checkpointSteps();
        int at = RunCheckpointChoice.of(steps, parametersWanted.get() ? parameterSteps(run, steps) : new long[0],
                parametersWanted.get());
        if (at < 0) selectRun(run); else selectCheckpoint(new CheckpointRef(run.name(), at, steps[at]));
    }

    /**
     * The run's steps with a parameter snapshot: a listing of one small folder, done here on the
     * JavaFX thread so the selection is made at once. A folder that cannot be listed counts as
     * none; the Spectrum panel says what is wrong when it opens the run.
     */
    private static long[] parameterSteps(RunItem run, long[] steps) {
        Path dir = run.state().dir();
        if (dir == null) return new long[0];
        try {
            return Run.parameterSteps(dir, steps);
        } catch (RunFormatException e) {
            return new long[0];
        }
    }

    /** Selects a checkpoint and its run. */
    public void selectCheckpoint(CheckpointRef ref) {
        if (ref != null) selectedRun.set(byName.get(ref.run()));
        selectedCheckpoint.set(ref);
    }

    public void clearSelection() {
        selectedCheckpoint.set(null);
        selectedRun.set(null);
    }

    /** Checkpoints pinned for comparison, in pin order (read-only: {@link #pin}, {@link #pinFirst}, {@link #clearPins}). */
    public ObservableList<CheckpointRef> pinned() { return pinnedView; }

    /** Pins {@code ref} last, unless it is pinned already. */
    public void pin(CheckpointRef ref) {
        if (!pinned.contains(ref)) pinned.add(ref);
    }

    /** Pins {@code ref} first (an initialisation compared against), unless it is pinned already. */
    public void pinFirst(CheckpointRef ref) {
        if (!pinned.contains(ref)) pinned.add(0, ref);
    }

    public void clearPins() { pinned.clear(); }

    /** Saved views ("scenes") of the picture, in slot order; the workspace stores them (read-only: the view commands below). */
    public ObservableList<SavedView> savedViews() { return savedViewsView; }

    public void addView(SavedView view) { savedViews.add(view); }

    /** Puts {@code view} in place of the view at {@code index} (0-based). */
    public void replaceView(int index, SavedView view) { savedViews.set(index, view); }

    public void removeView(int index) { savedViews.remove(index); }

    public void removeView(SavedView view) { savedViews.remove(view); }

    /** Moves the view at {@code from} to {@code to} (0-based; its key changes). */
    public void moveView(int from, int to) { savedViews.add(to, savedViews.remove(from)); }

    /** Replaces all saved views (a workspace opened). */
    public void setViews(List<SavedView> views) { savedViews.setAll(views); }

    /** The lecture's chapters in tour order (a chapters file beside the runs, or the workspace; read-only: the chapter commands below). */
    public ObservableList<Chapter> chapters() { return chaptersView; }

    /** Inserts {@code chapter} at {@code index} (0-based; the size adds it last). */
    public void addChapter(int index, Chapter chapter) { chapters.add(index, chapter); }

    /** Puts {@code chapter} in place of the chapter at {@code index} (an edited caption). */
    public void replaceChapter(int index, Chapter chapter) { chapters.set(index, chapter); }

    public void removeChapter(int index) { chapters.remove(index); }

    /** Moves the chapter at {@code from} to {@code to} (0-based) in the tour. */
    public void moveChapter(int from, int to) { chapters.add(to, chapters.remove(from)); }

    /** Replaces all chapters (a chapters file or a workspace read). */
    public void setChapters(List<Chapter> all) { chapters.setAll(all); }

    /** The panels' modes that chapters set and record (read-only: {@link #setPanelMode}, {@link #setPanelModes}). */
    public ObservableSet<PanelOption> panelModes() { return panelModesView; }

    /** Turns one panel mode on or off (the panel's control was set by hand). */
    public void setPanelMode(PanelOption option, boolean on) {
        if (on) panelModes.add(option); else panelModes.remove(option);
    }

    /** Exactly {@code options} on (a chapter shown): the others go first, then these are added. */
    public void setPanelModes(Set<PanelOption> options) {
        panelModes.clear();
        panelModes.addAll(options);
    }

    // ---- how the picture is drawn -------------------------------------------------------

    /** The canyon: the Landscape panel's line or plane placed in prediction space (null: none). */
    public ReadOnlyObjectProperty<LandscapeOverlay> landscapeOverlayProperty() { return landscapeOverlay.getReadOnlyProperty(); }

    /** Places the Landscape panel's line or plane in the picture (null: none). */
    public void placeLandscape(LandscapeOverlay overlay) { landscapeOverlay.set(overlay); }

    /** Whether the 3D picture draws the landscape overlay (the toggle). */
    public ReadOnlyBooleanProperty landscapeShownProperty() { return landscapeShown.getReadOnlyProperty(); }

    public void showLandscape(boolean shown) { landscapeShown.set(shown); }

    public ReadOnlyObjectProperty<ExplorerSession.Probe> probeProperty() { return probe.getReadOnlyProperty(); }

    /** Draws the picture of {@code which} probe (training, held-out or imprinted). */
    public void showProbe(ExplorerSession.Probe which) { probe.set(which); }

    /** {@code which} if it is not shown, else back to the training picture (the H and I keys). */
    public void toggleProbe(ExplorerSession.Probe which) {
        probe.set(probe.get() == which ? ExplorerSession.Probe.TRAINING : which);
    }

    public ReadOnlyObjectProperty<Colouring> colouringProperty() { return colouring.getReadOnlyProperty(); }

    public void colourBy(Colouring how) { colouring.set(how); }

    /** The next colouring in the cycle (the C key). */
    public void nextColouring() { colouring.set(colouring.get().next()); }

    /** Which leading InPCA axes (0-based, ordered by |lambda|) are drawn as x, y, z. */
    public ReadOnlyIntegerProperty axisProperty(int i) { return axis(i).getReadOnlyProperty(); }

    private ReadOnlyIntegerWrapper axis(int i) { return i == 0 ? axisX : i == 1 ? axisY : axisZ; }

    /** Draws InPCA axis {@code axis} (0-based) as x, y or z ({@code i} 0, 1, 2). */
    public void setAxis(int i, int axis) { axis(i).set(axis); }

    /** The three drawn axes, x, y, z (0-based). */
    public int[] axes() { return new int[] {axisX.get(), axisY.get(), axisZ.get()}; }

    /** Draws axes {@code xyz[0..2]} as x, y, z (0-based). */
    public void setAxes(int[] xyz) {
        for (int i = 0; i < 3; i++) setAxis(i, xyz[i]);
    }

    public ReadOnlyDoubleProperty pointSizeProperty() { return pointSize.getReadOnlyProperty(); }

    public void setPointSize(double size) { pointSize.set(size); }

    public ReadOnlyBooleanProperty trajectoriesShownProperty() { return trajectoriesShown.getReadOnlyProperty(); }

    public void showTrajectories(boolean shown) { trajectoriesShown.set(shown); }

    public ReadOnlyBooleanProperty darkThemeProperty() { return darkTheme.getReadOnlyProperty(); }

    public void useDarkTheme(boolean dark) { darkTheme.set(dark); }

    public ReadOnlyLongProperty shownUpToStepProperty() { return shownUpToStep.getReadOnlyProperty(); }

    /** Playback: draws the checkpoints up to {@code step} (Long.MAX_VALUE: all). */
    public void showUpToStep(long step) { shownUpToStep.set(step); }

    /** Where the picture's camera stands; the window's view follows it both ways. */
    public ReadOnlyObjectProperty<CameraPose> cameraProperty() { return camera.getReadOnlyProperty(); }

    public CameraPose camera() { return camera.get(); }

    /** Puts the camera at {@code pose} (a workspace, a saved view, or the view reporting a drag). */
    public void setCamera(CameraPose pose) { camera.set(Objects.requireNonNull(pose)); }

    public ReadOnlyObjectProperty<LearningRule> learningRuleProperty() { return learningRule.getReadOnlyProperty(); }

    /** Which runs count as not learned from now on (null: the default rule). */
    public void setLearningRule(LearningRule rule) { learningRule.set(rule == null ? LearningRule.DEFAULT : rule); }

    public ReadOnlyBooleanProperty notLearnedHiddenProperty() { return notLearnedHidden.getReadOnlyProperty(); }

    public void hideNotLearned(boolean hidden) { notLearnedHidden.set(hidden); }

    /** What the did-not-learn rule says about {@code run} now. */
    public LearningRule.Verdict verdict(RunItem run) { return learningRule.get().judge(run.state()); }

    /**
     * Whether the picture draws {@code run}, given its {@link #verdict} (the view judges each run
     * once per pulse and uses the verdict twice): shown in the library, and not hidden as a run
     * that did not learn.
     */
    public boolean drawn(RunItem run, LearningRule.Verdict verdict) {
        return run.isVisible() && !(notLearnedHidden.get() && verdict.marked());
    }

    // ---- problems -----------------------------------------------------------------------

    /** Every problem reported so far (newest last); the window shows each as a notification. */
    public ObservableList<String> problems() { return problemsView; }

    public void setProblemSink(Consumer<String> sink) { problemSink = sink; }

    /** Where confirmations go (the window shows each briefly); none until a window sets one. */
    public void setNoticeSink(Consumer<String> sink) { noticeSink = sink; }

    /** Tells the user that something they asked for is done ("Saved fig.png"). Any thread. */
    public void announce(String message) {
        onFx(() -> noticeSink.accept(message));
    }

    /** Tells the user where a file they asked for went: "Saved fig.png (3840 x 2160) in /folder". Any thread. */
    public void announceSaved(Path file, String what) {
        announce("Saved " + file.getFileName() + " (" + what + ") in " + file.toAbsolutePath().getParent());
    }

    /** Any thread. */
    public void reportProblem(String message) {
        Runnable show = () -> {
            boolean imprintedOnly = message.contains(ExplorerSession.LEFT_OUT_OF_IMPRINTED);
            if (imprintedOnly && probe.get() != ExplorerSession.Probe.IMPRINTED) untoldImprintedNotes.add(message);
            else tell(message);
        };
        onFx(show);
    }

    /**
     * Tells the untold left-out notes that name a run the library shows (a run being opened is
     * not listed yet, and is shown once it is); the others wait for their runs to be shown.
     */
    private void tellLeftOutShown() {
        for (Iterator<Map.Entry<List<String>, String>> it = untoldLeftOut.iterator(); it.hasNext(); ) {
            Map.Entry<List<String>, String> note = it.next();
            boolean shown = note.getKey().stream().anyMatch(name -> {
                RunItem item = run(name);
                return item == null || item.isVisible();
            });
            if (shown) {
                it.remove();
                tell(note.getValue());
            }
        }
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) r.run(); else Platform.runLater(r);
    }

    private void tell(String message) {
        problems.add(message);
        problemSink.accept(message);
    }

    public void shutdown() {
        tasks.shutdown();
        session.close();
    }
}
