package org.predspace.geometry.distance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The growing m x m matrix of d_B between checkpoints on one probe set (docs/science.md section 2).
 * Adding checkpoints computes only the new rows: m*N*C multiply-adds and m logs per new
 * checkpoint. Rows are tiled over {@link ModelBlock}s and computed in parallel.
 *
 * <p>Thread-safety: additions are serialised (one writer at a time); reads may run
 * concurrently with an addition and see the matrix as of some completed addition (each
 * stored row is immutable once published, and the size is published after it).
 */
public final class DistanceMatrix {
    /** Rows of a tile per parallel task: small enough to balance two cores, large enough to amortise. */
    private static final int ROWS_PER_TASK = 64;

    private final ProbeShape shape;
    private final Parallelism parallelism;
    private final BhattacharyyaKernel kernel = new BhattacharyyaKernel();
    private final CheckpointBlocks stored;
    private final List<String> runs = new ArrayList<>();
    /** lower[j][i] = d_B(j, i) for i < j. */
    private volatile double[][] lower = new double[16][];
    private volatile int size;

    public DistanceMatrix(ProbeShape shape, Parallelism parallelism) {
        this(shape, parallelism, new CheckpointBlocks(shape));
    }

    private DistanceMatrix(ProbeShape shape, Parallelism parallelism, CheckpointBlocks stored) {
        this.shape = shape;
        this.parallelism = parallelism;
        this.stored = stored;
    }

    /** The full matrix of {@code points} (at least one). */
    public static DistanceMatrix of(List<SqrtProbabilities> points, Parallelism parallelism) {
        if (points.isEmpty()) throw new IllegalArgumentException("no checkpoints to compare");
        ProbeShape shape = points.get(0).shape();
        DistanceMatrix d = new DistanceMatrix(shape, parallelism, new CheckpointBlocks(shape, points.size()));
        d.addAll(points);
        return d;
    }

    /**
     * The full matrix of every checkpoint of a source (held in memory: m N C floats; for
     * collections beyond that, see {@link org.predspace.geometry.inpca.LandmarkInPca}). Checkpoints are read in parallel.
     */
    public static DistanceMatrix of(CheckpointSource source, Parallelism parallelism) {
        DistanceMatrix d = new DistanceMatrix(source.shape(), parallelism);
        BatchedReads.read(source, BatchedReads.all(source), parallelism, d::addAll);
        return d;
    }

    public ProbeShape shape() { return shape; }

    public int size() { return size; }

    /** Run name of checkpoint {@code i}, as given when it was added. */
    public synchronized String run(int i) { return runs.get(i); }

    /** Logs taken so far: one per pair (see {@link BhattacharyyaKernel}). */
    public long logsComputed() { return kernel.logsComputed(); }

    /** Appends one checkpoint and returns its distances to the ones before it (length = old size). */
    public synchronized double[] add(SqrtProbabilities point) {
        addAll(List.of(point));
        int j = size - 1;
        return lower[j].clone();
    }

    /** Appends checkpoints; computes their rows against all earlier ones and among themselves. */
    public synchronized void addAll(List<SqrtProbabilities> points) {
        String firstRun = runs.isEmpty() ? null : runs.get(0);
        for (SqrtProbabilities p : points) {
            shape.requireSame(p.shape(), firstRun == null ? p.run() : firstRun, p.run());
        }
        int old = size;
        List<float[]> values = new ArrayList<>(points.size());
        for (SqrtProbabilities p : points) {
            values.add(p.values());
            runs.add(p.run());
        }
        stored.addAll(values);
        int grown = old + points.size();
        double[][] rows = lower.length >= grown ? lower : Arrays.copyOf(lower, Math.max(grown, 2 * lower.length));
        for (int j = old; j < grown; j++) rows[j] = new double[j];
        computeNewRows(old, grown, rows);
        lower = rows;
        size = grown;
    }

    /**
     * Row d_B(i, j < i) for every new checkpoint i in [old, grown): tiles pair the new rows of
     * block b with every block a <= b (below the diagonal when a = b). The new checkpoints are
     * the kernel's scalar side and the stored ones its vectorised side, so a single new
     * checkpoint still runs long vector loops.
     */
    private void computeNewRows(int old, int grown, double[][] rows) {
        int cap = ModelBlock.CAPACITY;
        List<int[]> tasks = new ArrayList<>();
        for (int b = old / cap; b <= (grown - 1) / cap; b++) {
            int first = Math.max(old - b * cap, 0);
            int count = stored.block(b).count();
            for (int a = 0; a <= b; a++) {
                for (int i0 = first; i0 < count; i0 += ROWS_PER_TASK) {
                    tasks.add(new int[] {a, b, i0, Math.min(count, i0 + ROWS_PER_TASK)});
                }
            }
        }
        parallelism.forEach(tasks.size(), t -> {
            int[] task = tasks.get(t);
            int a = task[0];
            int b = task[1];
            double[][] tile = new double[task[3] - task[2]][];
            for (int i = task[2]; i < task[3]; i++) tile[i - task[2]] = rows[b * cap + i];
            // Each row of the tile is the tail of the stored row: d(i, a * cap + j) for j in block a.
            double[][] view = new double[tile.length][];
            for (int r = 0; r < tile.length; r++) view[r] = new double[a == b ? Math.min(task[2] + r, stored.block(a).count()) : stored.block(a).count()];
            kernel.distances(stored.block(b), task[2], task[3], stored.block(a), a == b, view);
            for (int r = 0; r < tile.length; r++) System.arraycopy(view[r], 0, tile[r], a * cap, view[r].length);
        });
    }

    /** d_B from a checkpoint that is not added to every one that is (blocks in parallel). */
    public double[] distancesFrom(SqrtProbabilities point) {
        synchronized (this) {
            shape.requireSame(point.shape(), runs.isEmpty() ? point.run() : runs.get(0), point.run());
            return stored.distancesFrom(point.values(), kernel, parallelism);
        }
    }

    /** Package access for streaming callers that parallelise over query blocks themselves. */
    public CheckpointBlocks checkpoints() { return stored; }

    public BhattacharyyaKernel kernel() { return kernel; }

    /** d_B(i, j); 0 on the diagonal. */
    public double get(int i, int j) {
        if (i == j) return 0;
        return i > j ? lower[i][j] : lower[j][i];
    }

    /** d_B from checkpoint i to each of the first {@code m} checkpoints (a fresh array; i may be >= m). */
    public double[] row(int i, int m) {
        int n = size;
        if (m > n || i >= n) throw new IllegalArgumentException("row " + i + " up to " + m + " but only " + n + " checkpoints");
        double[][] rows = lower;
        double[] out = new double[m];
        for (int j = 0; j < m; j++) out[j] = i == j ? 0 : (i > j ? rows[i][j] : rows[j][i]);
        return out;
    }

    /** The first {@code m} x {@code m} entries as a dense row-major symmetric array. */
    public double[] toArray(int m) {
        if (m > size) throw new IllegalArgumentException("only " + size + " checkpoints, asked for " + m);
        double[][] rows = lower;
        double[] out = new double[m * m];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < j; i++) {
                out[j * m + i] = rows[j][i];
                out[i * m + j] = rows[j][i];
            }
        }
        return out;
    }

    public double[] toArray() { return toArray(size); }
}
