package org.predspace.ui.compare;

import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.trajectory.Geodesic;
import org.predspace.geometry.trajectory.Progress;
import org.predspace.geometry.trajectory.ProgressGrid;
import org.predspace.geometry.trajectory.ProgressObjective;
import org.predspace.geometry.trajectory.ReindexedTrajectory;
import org.predspace.geometry.trajectory.Trajectory;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.session.ExplorerSession.Probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pairwise trajectory distances of runs on disk, built as the {@code compare} command builds
 * them (CompareCommand): each checkpoint as {@link SqrtProbabilities}, its {@link Progress} from
 * ignorance to truth, the run re-indexed on an even {@link ProgressGrid}, then
 * {@link TrajectoryComparison} and its complete-linkage dendrogram.
 *
 * <p>Re-indexed runs are cached by folder, probe and checkpoint count, so a recompute while
 * runs train re-reads only the runs that gained checkpoints. Runs on another probe set than
 * the first one are left out with a note rather than spoiling the whole comparison, as are runs
 * without the predictions the picture shows (no held-out probe, no imprinted predictions).
 * Thread-safe; no JavaFX, so it is tested without a display.
 */
final class TrajectoryDistances {
    /** A run to compare: its folder and the checkpoints the UI knows it has. */
    record RunSource(String name, Path dir, int checkpoints) {}

    /**
     * @param comparison the runs compared, in the order they were asked for (those left out removed)
     * @param notes      why runs were left out, one sentence each
     * @param objective  how progress was measured, which sets where runs are compared
     * @param reindexed  the compared runs re-indexed by progress, in the comparison's order
     * @param geodesic   the ignorance-to-truth geodesic of their probe; null when no run was compared
     */
    record Result(Face face, TrajectoryComparison comparison, List<String> notes, ProgressObjective objective,
                  List<ReindexedTrajectory> reindexed, Geodesic geodesic) {}

    /**
     * Which predictions of a run folder a picture shows: the head's on its own probe, on its
     * held-out probe, or the imprinted ones on the shared probe (docs/run-format.md).
     */
    enum Face {
        TRAINING("training probe"), HELD_OUT("held-out probe"), IMPRINTED("shared probe, imprinted");

        final String label;

        Face(String label) { this.label = label; }

        /**
         * The face of one of the session's pictures, by its name: the imprinted picture
         * (ExplorerSession.Probe.IMPRINTED) maps here without a change to this class.
         *
         * @throws IllegalArgumentException a picture this class does not know (a test checks every one)
         */
        static Face of(Probe probe) {
            return valueOf(probe.name());
        }
    }

    private record Key(String name, Path dir, Face face, ProgressObjective objective) {}

    private record Prepared(ProbeShape shape, int[] labels, int checkpoints, ReindexedTrajectory reindexed) {}

    private final ProgressGrid grid = ProgressGrid.evenly(ProgressGrid.DEFAULT_POINTS);
    private final Map<Key, Prepared> cache = new ConcurrentHashMap<>();

    /** Forgets every re-indexed run: the next computation reads all folders again. */
    void clearCache() { cache.clear(); }

    ProgressGrid grid() { return grid; }

    Result compute(List<RunSource> sources, Probe probe) throws RunFormatException {
        return compute(sources, probe, ProgressObjective.BHATTACHARYYA);
    }

    Result compute(List<RunSource> sources, Probe probe, ProgressObjective objective) throws RunFormatException {
        return compute(sources, Face.of(probe), objective);
    }

    Result compute(List<RunSource> sources, Face probe, ProgressObjective objective) throws RunFormatException {
        List<String> notes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Prepared> prepared = new ArrayList<>();
        for (RunSource s : sources) {
            Prepared p = prepare(s, probe, objective, notes);
            if (p == null) continue;
            names.add(s.name());
            prepared.add(p);
        }
        List<ReindexedTrajectory> compared = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            Prepared first = prepared.get(0);
            Prepared p = prepared.get(i);
            if (p.shape().equals(first.shape()) && Arrays.equals(p.labels(), first.labels())) {
                compared.add(p.reindexed());
            } else {
                notes.add(names.get(i) + " is on another probe set (" + describe(p.shape()) + ") than " + names.get(0)
                        + " (" + describe(first.shape()) + ") and is left out");
            }
        }
        Geodesic geodesic = prepared.isEmpty() ? null
                : Geodesic.ignoranceToTruth(prepared.get(0).shape(), prepared.get(0).labels());
        return new Result(probe, TrajectoryComparison.of(compared, Parallelism.allCores()), List.copyOf(notes), objective,
                List.copyOf(compared), geodesic);
    }

    private Prepared prepare(RunSource s, Face face, ProgressObjective objective, List<String> notes) throws RunFormatException {
        Key key = new Key(s.name(), s.dir(), face, objective);
        Prepared cached = cache.get(key);
        if (cached != null && cached.checkpoints() >= s.checkpoints()) return cached;
        Run run = Run.open(s.dir());
        if (face == Face.IMPRINTED && !run.hasImprinted()) {
            notes.add(s.name() + " has no imprinted predictions and is left out");
            return null;
        }
        Run shown = face == Face.IMPRINTED ? run.imprinted() : run;
        if (face == Face.HELD_OUT && !run.hasTestSet()) {
            notes.add(s.name() + " has no held-out probe and is left out");
            return null;
        }
        int checkpoints = shown.checkpointCount();
        if (checkpoints < 2) return null; // the UI counted a checkpoint not yet committed to disk
        boolean heldOut = face == Face.HELD_OUT;
        int[] labels = heldOut ? shown.testLabels() : shown.labels();
        // The session names the held-out probe this way too, so the two never pass for one probe.
        // The imprinted view's probe is the shared probe, its classes the full problem's.
        ProbeShape shape = new ProbeShape(heldOut ? shown.probe().id() + "/held-out" : shown.probe().id(), labels.length,
                shown.classes());
        List<SqrtProbabilities> points = new ArrayList<>();
        for (int t = 0; t < checkpoints; t++) {
            points.add(SqrtProbabilities.of(s.name(), shape, heldOut ? shown.testPredictions(t) : shown.predictions(t)));
        }
        // progress on the geodesic of this picture's own truth: in the imprinted picture, the full task's
        Trajectory trajectory = Trajectory.of(s.name(), points, Progress.ignoranceToTruth(shape, labels, objective));
        Prepared p = new Prepared(shape, labels, checkpoints, trajectory.reindex(grid));
        cache.put(key, p);
        return p;
    }

    private static String describe(ProbeShape s) {
        return s.probeId() + ", " + s.samples() + " samples, " + s.classes() + " classes";
    }
}
