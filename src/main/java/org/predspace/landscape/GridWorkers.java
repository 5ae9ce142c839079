package org.predspace.landscape;

import org.predspace.platform.Workers;
import org.predspace.spectra.CheckpointModel;
import org.predspace.platform.JobMonitor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that score the models of one grid (a plane of {@link PlaneLandscape}, the models
 * {@link ModelPredictions} places): one network copy each, the caller's thread running the first.
 * Cells of a pass are handed out one at a time, so a slow cell does not hold back a whole share.
 * What a worker does with a cell is prepared once, on the worker's own thread (a fast path's
 * set-up takes LeNet a second or two, and the workers prepare at once). Each worker writes only its
 * own cells' results; the pass ends when every worker has returned (Future.get), which also
 * publishes their writes to the caller. Helper threads run at the calling thread's priority
 * ({@link Workers.Priority#AS_CALLER}): lowered for the window's tasks, not for the command line.
 */
final class GridWorkers {
    /** One worker's job for a cell, called on that worker's thread only. */
    @FunctionalInterface
    interface CellWork {
        void at(int row, int column);
    }

    /** Prepares a worker's {@link CellWork} on its network copy, on the worker's own thread. */
    @FunctionalInterface
    interface Preparation {
        CellWork on(CheckpointModel model);
    }

    private final CheckpointModel[] models;
    private final Preparation preparation;
    private final JobMonitor monitor;
    private final int total;
    private final String what;
    private final ExecutorService helpers;
    /** Per worker, its prepared work; each slot written and read by its worker only. */
    private final CellWork[] prepared;
    private int done;   // guarded by this

    /**
     * @param total cells over all passes, for the progress fraction
     * @param what  where the models are, for the progress line ("on the plane")
     */
    GridWorkers(CheckpointModel[] models, Preparation preparation, JobMonitor monitor, int total, String what) {
        this.models = models;
        this.preparation = preparation;
        this.monitor = monitor;
        this.total = total;
        this.what = what;
        this.prepared = new CellWork[models.length];
        this.helpers = models.length == 1 ? null : Workers.pool("landscape-grid", models.length - 1, Workers.Priority.AS_CALLER);
    }

    /** {@code workers} copies of {@code model} (the first the model itself), at most one per cell. */
    static CheckpointModel[] copies(CheckpointModel model, int workers, int cells) {
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        CheckpointModel[] copies = new CheckpointModel[Math.max(1, Math.min(workers, cells))];
        copies[0] = model;
        for (int w = 1; w < copies.length; w++) copies[w] = model.copy();
        return copies;
    }

    /** Works on {@code cells} ({row, column} pairs); throws the first failure of any worker, a cancel as CancellationException. */
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
                throw new CancellationException("the grid's evaluation was interrupted");
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
        if (prepared[w] == null) prepared[w] = preparation.on(models[w]);
        for (int k = next.getAndIncrement(); k < cells.size(); k = next.getAndIncrement()) {
            monitor.checkCancelled();
            prepared[w].at(cells.get(k)[0], cells.get(k)[1]);
            synchronized (this) {
                done++;
                monitor.progress(done / (double) total, "model " + done + " of " + total + " " + what);
            }
        }
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
