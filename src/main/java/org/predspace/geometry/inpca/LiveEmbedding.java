package org.predspace.geometry.inpca;

import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.platform.JobFailure;
import org.predspace.platform.Workers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * An InPCA picture that grows while training runs (docs/science.md section 3).
 *
 * <p>{@link #add} (called from training worker threads) computes only the new distance row
 * (m N C work) and places the checkpoint out of sample in the current frame (m k work), so it
 * appears at once. When the collection has grown by {@link Settings#refreshGrowth()} since the
 * last eigendecomposition, or on {@link #requestRefresh()}, a background thread recomputes the
 * eigenpairs with the {@link KrylovEigensolver}, warm-started from the previous eigenvectors.
 * Each drawn axis is then eigen-axis k of the points so far, its sign chosen to agree with
 * what was shown ({@link AxisAlignment}: signs only, never a rotation, so labels that give
 * axis k's stress share stay true; a view animates the points from old to new coordinates).
 * Once additions pause for {@link Settings#settleAfter()} (a training ended, a folder is
 * open) a settling refresh makes the picture an exact InPCA of every point, equal up to the
 * sign of each axis to {@link InPca#embed} of the same points.
 *
 * <p>Thread-safety: additions are serialised; {@link #snapshot()} never blocks and returns an
 * immutable {@link Snapshot}, so a UI thread can read it at any time and never computes
 * anything itself. Listeners run on the thread that produced the snapshot (a worker or the
 * refresh thread): a UI must hand them over to its own thread, and, since an add and a refresh
 * may notify at the same moment, keep the snapshot with the highest {@link Snapshot#version()}.
 * A live picture holds the m x m distances (and W while refreshing): a few thousand
 * checkpoints; beyond that, {@link LandmarkInPca}.
 */
public final class LiveEmbedding implements AutoCloseable {
    /**
     * @param axes                 k, axes kept (at least 3 to draw, 10 for the stress curve)
     * @param refreshGrowth        refresh the eigenpairs once the checkpoint count grew by this fraction (0.15 = 15 %)
     * @param parallelism          threads for distance rows
     * @param refreshInBackground  false runs refreshes on the adding thread (tests, CLI)
     * @param settleAfter          with background refreshes: once no checkpoint has arrived for this long and some
     *                             are placed out of sample, refresh so the picture is an exact InPCA of every point
     *                             (zero: never settle by itself)
     */
    public record Settings(int axes, double refreshGrowth, Parallelism parallelism, boolean refreshInBackground,
                           Duration settleAfter) {
        /** Long enough that a training's stream of checkpoints does not trigger it (a run's end refreshes at once anyway), short enough to follow soon. */
        public static final Duration SETTLE_AFTER = Duration.ofMillis(1500);

        public Settings {
            if (axes < 1) throw new IllegalArgumentException("need at least one axis, got " + axes);
            if (!(refreshGrowth > 0)) throw new IllegalArgumentException("refresh growth must be positive, got " + refreshGrowth);
            if (settleAfter.isNegative()) throw new IllegalArgumentException("settle delay must not be negative, got " + settleAfter);
        }

        public static Settings defaults() {
            return new Settings(InPca.DEFAULT_AXES, 0.15, Parallelism.allCores(), true, SETTLE_AFTER);
        }

        public Settings withAxes(int k) { return new Settings(k, refreshGrowth, parallelism, refreshInBackground, settleAfter); }
        public Settings inForeground() { return new Settings(axes, refreshGrowth, parallelism, false, settleAfter); }
        public Settings withRefreshGrowth(double g) { return new Settings(axes, g, parallelism, refreshInBackground, settleAfter); }
        public Settings withParallelism(Parallelism p) { return new Settings(axes, refreshGrowth, p, refreshInBackground, settleAfter); }
        public Settings withSettleAfter(Duration d) { return new Settings(axes, refreshGrowth, parallelism, refreshInBackground, d); }
    }

    /** Everything a view needs at one moment; immutable. */
    public static final class Snapshot {
        private final long version;
        private final double[][] coordinates;
        private final Embedding basis;
        private final int axes;
        private final DistanceMatrix distances;

        Snapshot(long version, double[][] coordinates, Embedding basis, int axes, DistanceMatrix distances) {
            this.version = version;
            this.coordinates = coordinates;
            this.basis = basis;
            this.axes = axes;
            this.distances = distances;
        }

        /** Run name of checkpoint {@code point} (points are numbered in the order they were added). */
        public String run(int point) {
            if (point >= coordinates.length) throw new IndexOutOfBoundsException("point " + point + " of " + coordinates.length);
            return distances.run(point);
        }

        /** Increases with every published change. */
        public long version() { return version; }

        /** Checkpoints shown. */
        public int size() { return coordinates.length; }

        /** Checkpoints in the last eigendecomposition; the rest are placed out of sample. */
        public int exactPoints() { return basis == null ? 0 : basis.size(); }

        public int axes() { return axes; }

        public double coordinate(int point, int axis) { return coordinates[point][axis]; }

        /** [point][axis], a fresh copy. */
        public double[][] coordinates() {
            double[][] out = new double[coordinates.length][];
            for (int i = 0; i < out.length; i++) out[i] = coordinates[i].clone();
            return out;
        }

        /** Signed eigenvalues (0 for axes the few points so far cannot span). */
        public double[] eigenvalues() { return pad(basis == null ? new double[0] : basis.eigenvalues(), axes); }

        public double[] explainedStress() { return pad(basis == null ? new double[0] : basis.explainedStress(), axes); }

        public boolean isTimeLike(int axis) { return eigenvalues()[axis] < 0; }

        /** ||W||_F^2 of the last eigendecomposition (0 before the first): with the eigenvalues, the stress of any axes ({@link DrawnStress}). */
        public double frobeniusSquared() { return basis == null ? 0 : basis.frobeniusSquared(); }

        /** The last eigendecomposition (with its alignment), or null before the first. */
        public Embedding basis() { return basis; }
    }

    private final Settings settings;
    private final DistanceMatrix distances;
    /**
     * Made by the first refresh, not here: its class waits for the native libraries
     * (NativeLibraries), and the thread admitting a first run, holding the picture's lock, must not.
     */
    private KrylovEigensolver solver;   // guarded by refreshing
    private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Throwable>> failureListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService refresher;
    /** Guarded by lock: the settling refresh waiting for additions to pause, or null. */
    private ScheduledFuture<?> settling;
    private final Object lock = new Object();
    /** Held for a whole refresh so two never overlap (a stale one could otherwise publish last). */
    private final Object refreshing = new Object();
    /** Guarded by lock: shown coordinates of every checkpoint, in the current frame. */
    private final List<double[]> shown = new ArrayList<>();
    /** Guarded by lock. */
    private Embedding basis;
    private Eigenpairs basisPairs;
    private boolean refreshPending;
    private long version;
    private volatile Snapshot current;
    /** Why the last refresh failed; null once one succeeds. */
    private volatile Throwable refreshFailure;
    /** Where given points should be shown (reopened workspaces), or null: align to the previous frame. */
    private volatile IntFunction<double[]> orientation;

    public LiveEmbedding(ProbeShape shape, Settings settings) {
        this.settings = settings;
        this.distances = new DistanceMatrix(shape, settings.parallelism());
        // refreshes are background work: they must not take the CPU from a UI drawing the picture
        this.refresher = settings.refreshInBackground() ? Workers.scheduled("live-embedding-refresh", Workers.Priority.BACKGROUND) : null;
        this.current = new Snapshot(0, new double[0][], null, settings.axes(), distances);
    }

    /** The distances so far (reads are safe from any thread). */
    public DistanceMatrix distances() { return distances; }

    /** The latest picture; never blocks. */
    public Snapshot snapshot() { return current; }

    public void addListener(Consumer<Snapshot> listener) { listeners.add(listener); }

    /**
     * Hears a refresh that failed (on the thread that ran it); the picture keeps its last frame
     * and later additions still trigger refreshes. Told once per run of failures, not for each:
     * a broken solver would otherwise repeat itself at every checkpoint.
     */
    public void addFailureListener(Consumer<Throwable> listener) { failureListeners.add(listener); }

    /**
     * Adds a checkpoint: computes its distance row, places it out of sample, publishes a
     * snapshot, and schedules a refresh if the collection has grown enough. Call from a
     * worker thread, never from a UI thread.
     *
     * @return the checkpoint's index in every later snapshot
     * @throws IllegalArgumentException if it is on another probe set than the earlier ones
     */
    public int add(SqrtProbabilities checkpoint) {
        Snapshot published;
        boolean refreshHere = false;
        int index;
        synchronized (lock) {
            double[] row = distances.add(checkpoint);
            index = row.length;
            shown.add(basis == null ? new double[settings.axes()] : pad(basis.place(row), settings.axes()));
            published = publish();
            if (!refreshPending && refreshDue()) {
                refreshPending = true;
                if (refresher != null) scheduleRefresh();
                else refreshHere = true;
            }
            scheduleSettling();
        }
        notifyListeners(published);
        if (refreshHere) refresh();
        return index;
    }

    /**
     * Adds many checkpoints at once (a folder of runs being opened): their distance rows in
     * one pass, then one eigendecomposition, and one published snapshot that holds them all.
     * Adding them one by one would publish a snapshot per checkpoint and refresh the
     * eigenpairs every 15 % of growth along the way (about 30 refreshes for 800 checkpoints),
     * work nobody looks at. The refresh runs where {@link #requestRefresh} runs it (the
     * background thread, if there is one: an interrupted caller cannot break it half way) and
     * aligns the new axes to the shown ones as any refresh does. Call from a worker thread.
     *
     * @return the snapshot that holds them, once computed; if the eigendecomposition fails,
     *         the checkpoints are published as placed by the last basis and the future fails
     * @throws IllegalArgumentException if one is on another probe set than the earlier ones
     */
    public CompletableFuture<Snapshot> addAll(List<SqrtProbabilities> checkpoints) {
        if (checkpoints.isEmpty()) return CompletableFuture.completedFuture(current);
        synchronized (lock) {
            int old = distances.size();
            distances.addAll(checkpoints);
            int exact = basis == null ? 0 : basis.size();
            for (int i = old; i < distances.size(); i++) {
                shown.add(basis == null ? new double[settings.axes()] : pad(basis.place(distances.row(i, exact)), settings.axes()));
            }
            // not published yet: before the first basis they would all sit at the origin until the refresh
        }
        return requestRefresh().whenComplete((published, failure) -> {
            if (failure == null) return;
            refreshFailure = failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            Snapshot placed;
            synchronized (lock) {
                refreshPending = false;
                placed = publish();
            }
            notifyListeners(placed);
        });
    }

    /** Recomputes the eigenpairs now on the calling thread and publishes the result. */
    public Snapshot refreshNow() {
        synchronized (lock) {
            refreshPending = true;
        }
        try {
            return refresh();
        } catch (RuntimeException e) {
            refreshFailure = e;
            Snapshot published;
            synchronized (lock) {
                refreshPending = false;
                published = publish();   // the checkpoints are in, placed as well as the last basis can
            }
            notifyListeners(published);
            throw e;
        }
    }

    /** Schedules a refresh (on the background thread if there is one) and returns its result. */
    public CompletableFuture<Snapshot> requestRefresh() {
        synchronized (lock) {
            refreshPending = true;
        }
        if (refresher == null) return CompletableFuture.completedFuture(refresh());
        try {
            return CompletableFuture.supplyAsync(this::refresh, refresher);
        } catch (RejectedExecutionException closed) {
            return CompletableFuture.completedFuture(current);   // closed: a window's last request after it shut
        }
    }

    /**
     * From the next refresh on, takes each axis's sign from a stored picture instead of the
     * previous frame: {@code reference} gives, for a point index, the coordinates that point had
     * (null if it has none). Eigenvector signs depend on the order in which points arrived; a
     * workspace reopened with its runs in another order still shows its saved picture this way.
     * Signs only, as between frames: the axes stay the InPCA axes. Falls back to the previous
     * frame while fewer than two of the present points have a reference.
     */
    public void orientBy(IntFunction<double[]> reference) { this.orientation = reference; }

    @Override
    public void close() {
        if (refresher != null) refresher.shutdownNow();
    }

    /** Guarded by lock. After close the refresh is dropped, not thrown at the training thread that added a point. */
    private void scheduleRefresh() {
        try {
            refresher.execute(this::refreshQuietly);
        } catch (RejectedExecutionException closed) {
            refreshPending = false;
        }
    }

    /**
     * Guarded by lock. (Re)starts the wait for a pause in additions: every addition pushes the
     * settling refresh back, so a training's steady stream of checkpoints never triggers it and
     * the last addition does.
     */
    private void scheduleSettling() {
        if (refresher == null || settings.settleAfter().isZero()) return;
        if (settling != null) settling.cancel(false);
        try {
            settling = refresher.schedule(this::settle, settings.settleAfter().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            settling = null;
        }
    }

    /**
     * On the refresh thread, after a pause in additions: refreshes if some points are placed out
     * of sample. A refresh already pending instead settles when it ends (see refreshSerially).
     */
    private void settle() {
        synchronized (lock) {
            settling = null;
            if (refreshPending || !unsettled()) return;
            refreshPending = true;
        }
        refreshQuietly();
    }

    /** Guarded by lock: some points are not in the last eigendecomposition (and could be). */
    private boolean unsettled() {
        int m = distances.size();
        return basis == null ? m >= 2 : basis.size() < m;
    }

    private boolean refreshDue() {
        int m = distances.size();
        if (basis == null) return m >= 2;
        return m >= basis.size() + Math.max(1, settings.refreshGrowth() * basis.size());
    }

    /** Why the last refresh failed, if it did (the picture keeps its last frame). */
    public Optional<Throwable> refreshFailure() { return Optional.ofNullable(refreshFailure); }

    /** A refresh the background thread started itself: nobody waits for it, so its failure is only reported. */
    private void refreshQuietly() {
        try {
            refresh();
        } catch (Throwable e) {
            JobFailure.rethrowIfFatal(e);   // reported by refresh()
        }
    }

    /**
     * The job boundary of every refresh. A failed one, an error as much as an exception, is
     * reported and clears the pending flag: left set, no refresh would ever be scheduled again
     * and the picture would stay as it was, silently.
     */
    private Snapshot refresh() {
        try {
            Snapshot done;
            synchronized (refreshing) {
                done = refreshSerially();
            }
            refreshFailure = null;
            return done;
        } catch (Throwable e) {
            synchronized (lock) {
                refreshPending = false;
            }
            boolean first = refreshFailure == null;
            refreshFailure = e;
            if (first) tellFailure(e);
            throw e;
        }
    }

    private void tellFailure(Throwable e) {
        for (Consumer<Throwable> l : failureListeners) {
            try {
                l.accept(e);
            } catch (RuntimeException inListener) {
                if (inListener != e) e.addSuppressed(inListener);
            }
        }
    }

    private Snapshot refreshSerially() {
        int m;
        double[][] before;
        double[][] start;
        boolean first;
        synchronized (lock) {
            m = distances.size();
            if (m == 0) {
                refreshPending = false;
                return current;
            }
            before = new double[m][];
            for (int i = 0; i < m; i++) before[i] = shown.get(i);
            start = warmStart(m);
            first = basis == null;
        }
        CenteredGram gram = CenteredGram.of(distances.toArray(m), m);
        if (solver == null) solver = new KrylovEigensolver();
        Eigenpairs pairs = solver.solve(gram.w(), m, Math.min(settings.axes(), m), start).pairs();
        Embedding raw = Embedding.of(pairs, gram);
        double[][] previous = new double[m][];
        for (int i = 0; i < m; i++) previous[i] = Arrays.copyOf(before[i], pairs.count());
        AxisAlignment alignment = orientedByReference(raw, m, pairs);
        if (alignment == null) {
            alignment = first ? AxisAlignment.identity(pairs.count()) : AxisAlignment.between(raw.coordinates(), previous);
        }
        Embedding fresh = Embedding.of(pairs, gram, alignment);
        Snapshot published;
        boolean again;
        synchronized (lock) {
            basis = fresh;
            basisPairs = pairs;
            double[][] exact = fresh.coordinates();
            for (int i = 0; i < m; i++) shown.set(i, pad(exact[i], settings.axes()));
            for (int i = m; i < shown.size(); i++) shown.set(i, pad(fresh.place(distances.row(i, m)), settings.axes()));
            published = publish();
            again = refreshDue();
            refreshPending = again && refresher != null;
            if (refreshPending) scheduleRefresh();
            else if (unsettled() && settling == null) scheduleSettling();   // points arrived during this refresh
        }
        notifyListeners(published);
        return published;
    }

    /** The signs that fit the reference points, or null without at least two of them. */
    private AxisAlignment orientedByReference(Embedding raw, int m, Eigenpairs pairs) {
        IntFunction<double[]> ref = orientation;
        if (ref == null) return null;
        List<double[]> fresh = new ArrayList<>();
        List<double[]> wanted = new ArrayList<>();
        double[][] rawCoordinates = raw.coordinates();
        for (int i = 0; i < m; i++) {
            double[] r = ref.apply(i);
            if (r == null) continue;
            fresh.add(rawCoordinates[i]);
            wanted.add(Arrays.copyOf(r, pairs.count()));
        }
        if (fresh.size() < 2) return null;
        return AxisAlignment.between(fresh.toArray(new double[0][]), wanted.toArray(new double[0][]));
    }

    /**
     * Start vectors for the solver: the previous eigenvectors, extended to checkpoints added
     * since by their out-of-sample coordinates (x = V sqrt|lambda| in the raw frame, shown with a sign per axis).
     */
    private double[][] warmStart(int m) {
        if (basisPairs == null) return null;
        int k = basisPairs.count();
        AxisAlignment signs = basis.alignment();
        double[][] start = new double[k][m];
        int old = basis.size();
        for (int a = 0; a < k; a++) System.arraycopy(basisPairs.vectors()[a], 0, start[a], 0, old);
        for (int i = old; i < m; i++) {
            double[] x = shown.get(i);
            for (int a = 0; a < k; a++) {
                double rawCoordinate = x[a] * signs.sign(a);   // a sign is its own inverse
                double scale = Math.sqrt(Math.abs(basisPairs.values()[a]));
                start[a][i] = scale > 0 ? rawCoordinate / scale : 0;
            }
        }
        return start;
    }

    /** Guarded by lock. */
    private Snapshot publish() {
        double[][] copy = new double[shown.size()][];
        for (int i = 0; i < copy.length; i++) copy[i] = shown.get(i).clone();
        current = new Snapshot(++version, copy, basis, settings.axes(), distances);
        return current;
    }

    private void notifyListeners(Snapshot s) {
        for (Consumer<Snapshot> l : listeners) l.accept(s);
    }

    static double[] pad(double[] values, int length) {
        return values.length == length ? values : Arrays.copyOf(values, length);
    }
}
