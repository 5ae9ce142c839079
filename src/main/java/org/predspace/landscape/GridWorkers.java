package org.predspace.landscape;

import org.predspace.runs.ProbeScore;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.Samples;
import org.predspace.spectra.TaskMonitor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one {@link PlaneLandscape} evaluation: one network copy each, the caller's
 * thread running the first. Cells of a pass are handed out one at a time, so a slow cell does
 * not hold back a whole share. Each worker writes only its own cells of the grid; the pass ends
 * when every worker has returned (Future.get), which also publishes their writes to the caller.
 */
final class GridWorkers {
    private final CheckpointModel[] models;
    private final ModelGrid planes;
    private final PlaneGrid grid;
    private final Samples train;
    private final Samples test;
    private final TaskMonitor monitor;
    private final int total;
    /** Where the models lie, for the progress stage: "plane" or "line". */
    private final String where;
    private final ExecutorService helpers;
    /** Per worker, the scorer of the train and of the test probe; each slot written and read by its worker only. */
    private final CellScore[][] scorers;
    private int done;   // guarded by this

    GridWorkers(CheckpointModel[] models, ModelGrid planes, PlaneGrid grid, Samples train, Samples test, TaskMonitor monitor, int total) {
        this(models, planes, grid, train, test, monitor, total, "plane");
    }

    GridWorkers(CheckpointModel[] models, ModelGrid planes, PlaneGrid grid, Samples train, Samples test, TaskMonitor monitor, int total,
                String where) {
        this.models = models;
        this.planes = planes;
        this.grid = grid;
        this.train = train;
        this.test = test;
        this.monitor = monitor;
        this.total = total;
        this.where = where;
        this.scorers = new CellScore[models.length][];
        AtomicInteger count = new AtomicInteger();
        this.helpers = models.length == 1 ? null : Executors.newFixedThreadPool(models.length - 1, r -> {
            Thread t = new Thread(r, "landscape-grid-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Scores {@code cells} ({row, column} pairs); throws the first failure of any worker, a cancel as CancellationException. */
    void run(List<int[]> cells) {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> others = new ArrayList<>();
        for (int w = 1; w < models.length; w++) {
            int worker = w;
            others.add(helpers.submit(() -> {
                try {
                    work(worker, cells, next);
                } catch (RuntimeException | Error e) {
                    next.set(cells.size());   // the caller's thread and the other helpers stop at their next cell
                    throw e;
                }
            }));
        }
        try {
            work(0, cells, next);
        } catch (RuntimeException | Error e) {
            next.set(cells.size());   // the others stop at their next cell
            awaitQuietly(others);
            throw e;
        }
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                next.set(cells.size());
                awaitQuietly(others);
                Thread.currentThread().interrupt();
                throw new CancellationException("the plane's evaluation was interrupted");
            } catch (ExecutionException e) {
                next.set(cells.size());
                awaitQuietly(others);
                if (e.getCause() instanceof RuntimeException r) throw r;
                if (e.getCause() instanceof Error r) throw r;
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private void work(int w, List<int[]> cells, AtomicInteger next) {
        if (scorers[w] == null) {
            // prepared on the worker's own thread, so the workers prepare at once (LeNet: a second
            // or two each); the next pass sees it through the Future.get and submit between passes
            scorers[w] = new CellScore[] {scorer(models[w], train), test == null ? null : scorer(models[w], test)};
        }
        for (int k = next.getAndIncrement(); k < cells.size(); k = next.getAndIncrement()) {
            monitor.checkCancelled();
            int i = cells.get(k)[0], j = cells.get(k)[1];
            ProbeScore tr = scorers[w][0].at(i, j);
            ProbeScore te = test == null ? null : scorers[w][1].at(i, j);
            synchronized (this) {
                grid.trainLoss()[i][j] = tr.loss();
                grid.trainAccuracy()[i][j] = tr.accuracy();
                if (te != null) {
                    grid.testLoss()[i][j] = te.loss();
                    grid.testAccuracy()[i][j] = te.accuracy();
                }
                done++;
                monitor.progress(done / (double) total, "model " + done + " of " + total + " on the " + where);
            }
        }
    }

    /** Loss and accuracy of the model in one cell on one probe. */
    @FunctionalInterface
    private interface CellScore {
        ProbeScore at(int row, int column);
    }

    /** The fast paths for plain dense and LeNet-like networks (same result to rounding), else a forward pass of the network per model. */
    private CellScore scorer(CheckpointModel model, Samples samples) {
        DenseGridForward dense = DenseGridForward.of(model, planes, samples);
        if (dense != null) return dense::score;
        ConvGridForward conv = ConvGridForward.of(model, planes, samples);
        if (conv != null) return conv::score;
        return (i, j) -> LinePath.score(model, planes.parameters(i, j), samples);
    }

    /** Waits for workers already stopping, so none is left scoring after the call returns. */
    private static void awaitQuietly(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException | CancellationException ignored) {
                // the first failure is the one reported
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void shutdown() {
        if (helpers == null) return;
        helpers.shutdownNow();
        try {
            helpers.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
