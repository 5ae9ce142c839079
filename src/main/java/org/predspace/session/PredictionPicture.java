package org.predspace.session;

import org.predspace.geometry.distance.Anchors;
import org.predspace.geometry.distance.BhattacharyyaDistance;
import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.inpca.Embedding;
import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.geometry.inpca.PlacementResidual;
import org.predspace.geometry.trajectory.Geodesic;
import org.predspace.geometry.trajectory.Progress;
import org.predspace.platform.JobFailure;
import org.predspace.platform.Workers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One live InPCA picture over one probe set (the training probe or the held-out one): the
 * ignorance and truth anchors, every checkpoint added so far, and the geodesic between the
 * anchors placed out of sample in the current frame (docs/science.md sections 4 and 6).
 *
 * <p>The first run added fixes the probe; a run on another probe is refused with a message
 * naming both, since Bhattacharyya distances only compare predictions on the same samples.
 * {@link #add} is called from worker threads; {@link #frame()} never blocks on geometry.
 */
public final class PredictionPicture implements AutoCloseable {
    private final String title;
    private final LiveEmbedding.Settings settings;
    private final Object lock = new Object();
    private final ExecutorService geodesicPlacer = Workers.single("geodesic-placement", Workers.Priority.BACKGROUND);
    /** Set once under lock; volatile so frame() reads it without the lock. */
    private volatile LiveEmbedding live;
    /** Guarded by lock. */
    private ProbeShape shape;
    private int[] labels;
    private String firstRun;
    private Progress progress;
    /** The truth anchor, for each point's distance to it (a colouring). */
    private SqrtProbabilities truth;
    private List<SqrtProbabilities> geodesicPoints = List.of();
    /** The geodesic's drawn points, for distances to them by the blocked kernel (a tenth of the time of plain pairs). */
    private DistanceMatrix geodesicDistances;
    private final List<PointInfo> points = new ArrayList<>();
    /**
     * d_B from every point (in order) to each of the geodesic's drawn points, computed once when
     * the point is added (100 N C work): placing the geodesic in a new eigenbasis then needs
     * no distance at all, only m x 100 x k arithmetic. Guarded by lock.
     */
    private final List<double[]> toGeodesic = new ArrayList<>();
    /** The basis the placed geodesic belongs to, and its coordinates. */
    private volatile Placed geodesic = new Placed(null, new double[0][], 0);

    private record Placed(Embedding basis, double[][] coordinates, long version) {}

    /** A point of the picture by identity: run name and checkpoint index (anchors have negative indices). */
    public record PointKey(String run, int checkpoint) {
        public static PointKey of(PointInfo p) { return new PointKey(p.run(), p.checkpoint()); }
    }

    /** Where failures of the picture's background work go (a session passes them to the user). */
    private volatile Consumer<String> problems = m -> {};

    /** Stored coordinates that give new eigenbases their axes' signs (see {@link #orientBy}); empty: none. */
    private volatile Map<PointKey, double[]> orientation = Map.of();

    /** @param title "training probe" or "held-out probe": used in messages */
    public PredictionPicture(String title, LiveEmbedding.Settings settings) {
        this.title = title;
        this.settings = settings;
    }

    public String title() { return title; }

    /**
     * Where a failed refresh or geodesic placement is reported, in a sentence for the user, on
     * the thread that failed. The picture then keeps its last frame.
     */
    public void onProblem(Consumer<String> sink) { this.problems = sink; }

    /** The probe this picture is on, or null before the first run. */
    public ProbeShape shape() {
        synchronized (lock) { return shape; }
    }

    /**
     * Checks that a run on {@code runShape} with these labels can join the picture, and fixes
     * the probe if it is the first; adds the anchors then.
     *
     * @throws IllegalArgumentException naming both runs and probes if it cannot
     */
    public void admit(String run, ProbeShape runShape, int[] runLabels) {
        synchronized (lock) {
            if (shape == null) {
                shape = runShape;
                labels = runLabels.clone();
                firstRun = run;
                progress = Progress.ignoranceToTruth(shape, labels);
                truth = Anchors.truth(shape, labels);
                geodesicPoints = progress.geodesic().points(Geodesic.DRAWN_POINTS);
                geodesicDistances = DistanceMatrix.of(geodesicPoints, Parallelism.serial());
                live = new LiveEmbedding(shape, settings);
                live.addListener(s -> placeGeodesicIfNeeded());
                live.addFailureListener(e -> problems.accept("The " + title + " picture could not be recomputed ("
                        + JobFailure.describe(e) + "); it shows its last frame."));
                if (!orientation.isEmpty()) live.orientBy(this::referenceOf);
                SqrtProbabilities ignorance = Anchors.ignorance(shape);
                addLocked(new PointInfo(Anchors.IGNORANCE, -1, -1, 0, 0, Double.NaN, Double.NaN, Double.NaN,
                        BhattacharyyaDistance.between(ignorance, truth)), ignorance);
                addLocked(new PointInfo(Anchors.TRUTH, -2, -1, 1, 0, Double.NaN, Double.NaN, Double.NaN, 0), truth);
                return;
            }
            if (!shape.equals(runShape)) {
                throw new IllegalArgumentException(String.format(
                        "%s is on %s %s (%d samples, %d classes) but the %s picture shows %s's %s (%d samples, %d classes);"
                                + " open it in a separate workspace", run, title, runShape.probeId(), runShape.samples(),
                        runShape.classes(), title, firstRun, shape.probeId(), shape.samples(), shape.classes()));
            }
            if (!Arrays.equals(labels, runLabels)) {
                throw new IllegalArgumentException(run + " has probe id " + runShape.probeId()
                        + " but other labels than " + firstRun + " on the " + title + "; its folder is inconsistent");
            }
        }
    }

    /**
     * Adds checkpoint {@code checkpoint} of {@code run} (probabilities N x C, row-major); the run
     * must have been {@link #admit admitted}. Call from a worker thread: this computes a distance row.
     */
    public void add(String run, int checkpoint, long step, double trainAccuracy, double accuracy, double loss,
                    float[] probabilities) {
        ProbeShape s = shape();
        if (s == null) throw new IllegalStateException("no run admitted to the " + title + " picture yet");
        SqrtProbabilities sqrt = SqrtProbabilities.of(run, s, probabilities);
        Progress.Projection p = progress.project(sqrt);
        double toTruth = BhattacharyyaDistance.between(sqrt, truth);
        synchronized (lock) {
            addLocked(new PointInfo(run, checkpoint, step, p.progress(), p.distance(), trainAccuracy, accuracy, loss, toTruth),
                    sqrt);
        }
    }

    /** Caller holds lock (which orders additions); points has its own lock so frame() never waits for a distance row. */
    private void addLocked(PointInfo info, SqrtProbabilities sqrt) {
        toGeodesic.add(geodesicDistances.distancesFrom(sqrt));
        live.add(sqrt);
        synchronized (points) {
            points.add(info);
        }
    }

    /** One checkpoint for {@link #addAll}: as the arguments of {@link #add}. */
    public record Addition(String run, int checkpoint, long step, double trainAccuracy, double accuracy, double loss,
                           float[] probabilities) {}

    /**
     * Adds many checkpoints of admitted runs, in order, as one change: their distances in one
     * pass and one eigendecomposition (see {@link LiveEmbedding#addAll}), so the picture shows
     * all of them at once, placed exactly. Call from a worker thread.
     *
     * @return completes when the picture holds them (fails if the eigendecomposition failed)
     */
    public CompletableFuture<?> addAll(List<Addition> additions) {
        if (additions.isEmpty()) return CompletableFuture.completedFuture(null);
        ProbeShape s;
        Progress onGeodesic;
        DistanceMatrix toGeodesicPoints;
        SqrtProbabilities truthAnchor;
        synchronized (lock) {
            s = shape;
            onGeodesic = progress;
            truthAnchor = truth;
            toGeodesicPoints = geodesicDistances;
        }
        if (s == null) throw new IllegalStateException("no run admitted to the " + title + " picture yet");
        List<SqrtProbabilities> sqrt = new ArrayList<>(additions.size());
        List<PointInfo> infos = new ArrayList<>(additions.size());
        List<double[]> distances = new ArrayList<>(additions.size());
        for (Addition a : additions) {
            SqrtProbabilities q = SqrtProbabilities.of(a.run(), s, a.probabilities());
            Progress.Projection p = onGeodesic.project(q);
            sqrt.add(q);
            infos.add(new PointInfo(a.run(), a.checkpoint(), a.step(), p.progress(), p.distance(), a.trainAccuracy(),
                    a.accuracy(), a.loss(), BhattacharyyaDistance.between(q, truthAnchor)));
            distances.add(toGeodesicPoints.distancesFrom(q));
        }
        synchronized (lock) {
            toGeodesic.addAll(distances);
            // described before the embedding publishes them (a frame draws the shorter of the two), and
            // there for referenceOf while the refresh orients its axes
            synchronized (points) {
                points.addAll(infos);
            }
            return live.addAll(sqrt);
        }
    }

    /** The latest picture; cheap, never blocks on a computation. */
    public PictureFrame frame() {
        LiveEmbedding l = live;
        if (l == null) return PictureFrame.empty(settings.axes());
        List<PointInfo> copy;
        synchronized (points) {
            copy = Collections.unmodifiableList(new ArrayList<>(points));
        }
        LiveEmbedding.Snapshot snap = l.snapshot();
        Placed g = geodesic;
        return new PictureFrame(snap, copy, g.coordinates, g.version, g.basis != null && g.basis == snap.basis());
    }

    /**
     * Shows each axis with the sign it had when {@code reference} (point coordinates by identity)
     * was taken from a frame: every later eigenbasis takes its signs from those points (signs
     * only: the axes stay the InPCA axes). A reopened workspace uses it, since the axes' signs
     * depend on the order the runs arrive in.
     */
    public void orientBy(Map<PointKey, double[]> reference) {
        Map<PointKey, double[]> copy = new HashMap<>();
        reference.forEach((k, v) -> copy.put(k, v.clone()));
        orientation = Map.copyOf(copy);
        LiveEmbedding l = live;
        if (l != null) {
            l.orientBy(this::referenceOf);
            l.requestRefresh();
        }
    }

    private double[] referenceOf(int index) {
        PointInfo p;
        synchronized (points) {
            if (index >= points.size()) return null;
            p = points.get(index);
        }
        return orientation.get(PointKey.of(p));
    }

    /** Asks for a fresh eigendecomposition now (e.g. once a batch of runs has been opened). */
    public void refresh() {
        LiveEmbedding l = live;
        if (l != null) l.requestRefresh();
    }

    private void placeGeodesicIfNeeded() {
        try {
            geodesicPlacer.execute(this::placeGeodesicReported);
        } catch (RejectedExecutionException closed) {
            // the picture was closed while a refresh finished: nobody will draw it
        }
    }

    /** The placement job's boundary: a failure leaves the geodesic where it was, and says so. */
    private void placeGeodesicReported() {
        try {
            placeGeodesic();
        } catch (Throwable e) {
            problems.accept("The ignorance-to-truth geodesic of the " + title + " picture could not be placed ("
                    + JobFailure.describe(e) + ").");
            JobFailure.rethrowIfFatal(e);
        }
    }

    private void placeGeodesic() {
        Embedding basis = live.snapshot().basis();
        if (basis == null || basis == geodesic.basis) return;
        int m = basis.size();
        double[][] columns;
        synchronized (lock) {
            columns = new double[geodesicPoints.size()][m];
            for (int i = 0; i < m; i++) {
                double[] d = toGeodesic.get(i);
                for (int j = 0; j < d.length; j++) columns[j][i] = d[j];
            }
        }
        double[][] coordinates = new double[columns.length][];
        for (int j = 0; j < columns.length; j++) {
            coordinates[j] = Arrays.copyOf(basis.place(columns[j]), settings.axes());
        }
        geodesic = new Placed(basis, coordinates, geodesic.version + 1);
    }

    /**
     * Models that are not checkpoints (a landscape's line or plane), on this picture's probe, ready
     * to be {@link #place placed}: softmax rows N x C each, as {@link #add} takes them.
     *
     * @throws IllegalStateException    before the first run fixed the probe
     * @throws IllegalArgumentException a row set is not N x C probabilities of this probe
     */
    public OutOfSamplePoints outOfSample(String name, List<float[]> probabilities) {
        ProbeShape s = shape();
        if (s == null) throw new IllegalStateException("no run admitted to the " + title + " picture yet");
        List<SqrtProbabilities> points = new ArrayList<>(probabilities.size());
        for (float[] p : probabilities) points.add(SqrtProbabilities.of(name, s, p));
        return new OutOfSamplePoints(name, points);
    }

    /**
     * Places {@code points} in the current basis, as the geodesic is placed (docs/science.md
     * section 6), with each one's residual. Distances to checkpoints not seen by an earlier call
     * are computed here (m N C per point): call from a worker thread. Stops with a
     * CancellationException between points once {@code cancelled} says so.
     *
     * @return null while the picture has no basis yet
     */
    public OutOfSamplePoints.Placement place(OutOfSamplePoints points, BooleanSupplier cancelled) {
        LiveEmbedding l = live;
        if (l == null) return null;
        Embedding basis = l.snapshot().basis();
        if (basis == null) return null;
        int m = basis.size();
        double[][] coordinates = new double[points.size()][];
        double[] residuals = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            if (cancelled.getAsBoolean()) throw new CancellationException("placement superseded");
            double[] row = points.row(i);
            if (row.length < m) {
                row = l.distances().distancesFrom(points.point(i));
                points.setRow(i, row);
            }
            double[] x = basis.place(row);
            coordinates[i] = Arrays.copyOf(x, settings.axes());
            residuals[i] = PlacementResidual.of(basis, row, x);
        }
        return new OutOfSamplePoints.Placement(basis, coordinates, residuals, embeddedResidual(basis, l));
    }

    /** The median residual of the basis's own points, computed once per basis. */
    private double embeddedResidual(Embedding basis, LiveEmbedding l) {
        Residual r = embeddedResidual;
        if (r.basis == basis) return r.value;
        double value = PlacementResidual.medianOfEmbedded(basis, l.distances());
        embeddedResidual = new Residual(basis, value);
        return value;
    }

    private record Residual(Embedding basis, double value) {}

    private volatile Residual embeddedResidual = new Residual(null, Double.NaN);

    @Override
    public void close() {
        geodesicPlacer.shutdownNow();
        synchronized (lock) {
            if (live != null) live.close();
        }
    }
}
