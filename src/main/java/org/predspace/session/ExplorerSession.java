package org.predspace.session;

import org.predspace.data.DatasetCatalog;
import org.predspace.geometry.LiveEmbedding;
import org.predspace.geometry.Parallelism;
import org.predspace.geometry.ProbeShape;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.runs.RunStatus;
import org.predspace.training.TrainingEvent;
import org.predspace.training.TrainingPool;
import org.predspace.training.TrainingSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The runs the explorer shows and the two pictures they feed. Runs come from disk
 * ({@link #open}) or from training now ({@link #train}); either way every checkpoint goes into
 * the training-probe picture and, when the run has one, the held-out picture.
 *
 * <p>Listeners hear every change of a run's state and every problem (a run that cannot be
 * drawn, a failed training, a picture that could not be recomputed), on whichever thread caused
 * it: a UI hands them over to its own.
 */
public final class ExplorerSession implements AutoCloseable {
    /** Which probe a picture is drawn on. */
    public enum Probe { TRAINING, HELD_OUT }

    /** What a UI hears. */
    public interface Listener {
        void runChanged(RunState state);

        void problem(String message);
    }

    private final PredictionPicture training;
    private final PredictionPicture heldOut;
    private final Map<String, RunState> runs = new LinkedHashMap<>();
    private final Map<String, TrainingPool.RunHandle> handles = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Live runs whose held-out predictions join the held-out picture. */
    private final java.util.Set<String> inHeldOut = ConcurrentHashMap.newKeySet();
    private final int trainingJobs;
    private TrainingPool pool;

    public ExplorerSession(LiveEmbedding.Settings settings, int trainingJobs) {
        this.training = new PredictionPicture("training probe", settings);
        this.heldOut = new PredictionPicture("held-out probe", settings);
        this.trainingJobs = trainingJobs;
        training.onProblem(this::tellProblem);
        heldOut.onProblem(this::tellProblem);
    }

    /**
     * Ten axes, background refreshes, one training per core; training and geometry threads at
     * lowered priority, since a UI shows this session (see BackgroundPriority).
     */
    public static ExplorerSession withDefaults() {
        return new ExplorerSession(LiveEmbedding.Settings.defaults().withParallelism(Parallelism.allCoresInBackground()),
                Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public void addListener(Listener l) { listeners.add(l); }

    public PredictionPicture picture(Probe probe) { return probe == Probe.TRAINING ? training : heldOut; }

    public synchronized List<RunState> runs() { return new ArrayList<>(runs.values()); }

    public synchronized RunState run(String name) { return runs.get(name); }

    /**
     * Opens a run folder and adds its checkpoints to the pictures. Slow (one distance row per
     * checkpoint): call from a background thread.
     *
     * @throws RunFormatException       the folder is not a readable run (the message names the file)
     * @throws IllegalArgumentException it is already open, or on another probe than the picture
     */
    public RunState open(Path dir) throws RunFormatException {
        Run run = Run.open(dir);
        String name = run.name();
        ProbeShape shape = new ProbeShape(run.probe().id(), run.labels().length, run.classes());
        synchronized (this) {
            RunState existing = runs.get(name);
            if (existing != null) {
                throw new IllegalArgumentException(existing.dir().toAbsolutePath().normalize()
                        .equals(dir.toAbsolutePath().normalize())
                        ? name + " is already open" : "a run named " + name + " is already open (from " + existing.dir() + ")");
            }
            training.admit(name, shape, run.labels());
        }
        long[] steps = run.steps();
        RunState state = new RunState(name, dir, run.spec(), phaseOf(run.status()), run.statusMessage(), List.of(),
                -1, steps.length == 0 ? 0 : steps[steps.length - 1], false);
        synchronized (this) {
            if (runs.containsKey(name)) throw new IllegalArgumentException(name + " is already open");
            runs.put(name, state);
        }
        tellChanged(state);
        boolean withHeldOut = run.hasTestSet() && admitHeldOut(name, run.probe().id(), run.testLabels(), run.classes());
        // metrics.csv may skip checkpoints (runs other tools wrote): match lines by step, not by position
        Map<Long, CheckpointMetrics> metrics = new java.util.HashMap<>();
        for (CheckpointMetrics m : run.metrics()) metrics.put(m.step(), m);
        for (int t = 0; t < steps.length; t++) {
            CheckpointMetrics m = metrics.getOrDefault(steps[t],
                    new CheckpointMetrics(steps[t], Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
            training.add(name, t, steps[t], m.trainAccuracy(), m.trainAccuracy(), m.trainLoss(), run.predictions(t));
            if (withHeldOut) heldOut.add(name, t, steps[t], m.trainAccuracy(), m.testAccuracy(), m.testLoss(), run.testPredictions(t));
            state = state.withCheckpoint(m);
            publish(state);
        }
        return state;
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

    private void onEvent(TrainingEvent event) {
        String name = event.runName();
        try {
            if (event instanceof TrainingEvent.Started s) {
                update(name, r -> new RunState(name, s.dir(), r.spec(), RunState.Phase.TRAINING, "training",
                        r.metrics(), 0, s.totalSteps(), true));
                synchronized (this) {
                    training.admit(name, new ProbeShape(s.probeId(), s.probeLabels().length, s.classes()), s.probeLabels());
                }
                if (admitHeldOut(name, s.probeId(), s.testProbeLabels(), s.classes())) inHeldOut.add(name);
            } else if (event instanceof TrainingEvent.Progress p) {
                update(name, r -> r.withStep(p.step(), p.totalSteps()));
            } else if (event instanceof TrainingEvent.CheckpointSaved c) {
                CheckpointMetrics m = c.metrics();
                training.add(name, c.index(), m.step(), m.trainAccuracy(), m.trainAccuracy(), m.trainLoss(), c.probePredictions());
                if (inHeldOut.contains(name)) {
                    heldOut.add(name, c.index(), m.step(), m.trainAccuracy(), m.testAccuracy(), m.testLoss(), c.testProbePredictions());
                }
                update(name, r -> r.withCheckpoint(m));
            } else if (event instanceof TrainingEvent.Finished f) {
                update(name, r -> r.with(phaseOf(f.status()), f.message()));
                // the last checkpoints were placed out of sample; an exact solve settles them
                training.refresh();
                heldOut.refresh();
            } else if (event instanceof TrainingEvent.Failed f) {
                update(name, r -> r.with(RunState.Phase.FAILED, f.message()));
                tellProblem(name + " could not be trained: " + f.message());
            }
        } catch (IllegalArgumentException e) {
            // A run on another probe still trains and is saved; it is just not drawn here.
            tellProblem(e.getMessage());
        }
    }

    private void update(String name, java.util.function.UnaryOperator<RunState> change) {
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
        handles.values().forEach(TrainingPool.RunHandle::cancel);
        synchronized (this) {
            if (pool != null) pool.close();
        }
        training.close();
        heldOut.close();
    }
}
