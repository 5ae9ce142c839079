package org.predspace.training;

import org.predspace.data.DataFormatException;
import org.predspace.data.DatasetSplit;
import org.predspace.runs.RunStatus;

import org.predspace.platform.JobFailure;
import org.predspace.platform.JobMonitor;
import org.predspace.platform.Workers;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Runs trainings in a bounded pool of worker threads, by default one per core: each
 * training uses one native thread (see {@link NativeBackend}), so this keeps every core busy
 * without oversubscription. Data sets are loaded once and shared by the runs that use them.
 */
public final class TrainingPool implements AutoCloseable {
    private final ExecutorService workers;
    private final DatasetProvider datasets;
    private final Map<String, CompletableFuture<DatasetSplit>> loaded = new ConcurrentHashMap<>();

    public TrainingPool(int jobs, DatasetProvider datasets) {
        this(jobs, datasets, false);
    }

    /**
     * @param background lower the training threads' scheduling priority, so an interactive UI
     *                   in the same process stays responsive on a machine with few cores
     */
    public TrainingPool(int jobs, DatasetProvider datasets, boolean background) {
        if (jobs < 1) throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        this.datasets = datasets;
        this.workers = Workers.pool("training", jobs, background ? Workers.Priority.BACKGROUND : Workers.Priority.NORMAL);
    }

    /** A submitted run: cancellable (through its JobMonitor, which the run checks after every step), and a future of its final status. */
    public static final class RunHandle {
        private final TrainingSpec spec;
        private final Path dir;
        private final CompletableFuture<RunStatus> status = new CompletableFuture<>();
        private final JobMonitor job = JobMonitor.silent();

        RunHandle(TrainingSpec spec, Path dir) {
            this.spec = spec;
            this.dir = dir;
        }

        public TrainingSpec spec() { return spec; }
        public Path dir() { return dir; }
        public CompletableFuture<RunStatus> status() { return status; }

        /** Stops the run after its current step, or before it starts if it is still queued. */
        public void cancel() { job.cancel(); }
    }

    /**
     * Queues one run per spec, each in {@code outDir/<name>}. Refuses (before starting any)
     * when a run folder already exists, so nothing saved earlier is overwritten.
     */
    public List<RunHandle> submitAll(List<TrainingSpec> specs, Path outDir, Consumer<TrainingEvent> listener) {
        List<RunHandle> handles = new ArrayList<>();
        for (TrainingSpec s : specs) {
            Path dir = outDir.resolve(s.name());
            if (Files.exists(dir)) {
                throw new IllegalArgumentException("run folder " + dir + " already exists; choose another --out or remove it");
            }
            handles.add(new RunHandle(s, dir));
        }
        for (RunHandle h : handles) workers.execute(new Queued(h, listener));
        return handles;
    }

    /** A run waiting for a worker; kept as itself in the queue so that {@link #close} can end it. */
    private final class Queued implements Runnable {
        final RunHandle handle;
        final Consumer<TrainingEvent> listener;

        Queued(RunHandle handle, Consumer<TrainingEvent> listener) {
            this.handle = handle;
            this.listener = listener;
        }

        @Override
        public void run() { execute(handle, listener); }

        void tellNeverStarted() {
            listener.accept(new TrainingEvent.Finished(handle.spec.name(), RunStatus.CANCELLED, "cancelled before it started", Map.of()));
        }
    }

    /**
     * The job boundary: whatever ends the run, its handle completes (an error too: a training
     * thread killed by a library that failed to load left awaitAll waiting for ever) and the
     * listener hears why in plain words.
     */
    private void execute(RunHandle h, Consumer<TrainingEvent> listener) {
        if (h.job.isCancelled()) {
            h.status.complete(RunStatus.CANCELLED);
            listener.accept(new TrainingEvent.Finished(h.spec.name(), RunStatus.CANCELLED, "cancelled before it started", Map.of()));
            return;
        }
        try {
            DatasetSplit data = dataset(h.spec.dataset());
            h.status.complete(new TrainingRun(h.spec, data, h.dir, listener, h.job).execute());
        } catch (Throwable e) {
            try {
                listener.accept(new TrainingEvent.Failed(h.spec.name(), JobFailure.describe(e)));
            } catch (Throwable inListener) {
                if (inListener != e) e.addSuppressed(inListener);
            } finally {
                h.status.completeExceptionally(e);
            }
            JobFailure.rethrowIfFatal(e);
        }
    }

    private DatasetSplit dataset(String id) throws DataFormatException {
        CompletableFuture<DatasetSplit> mine = new CompletableFuture<>();
        CompletableFuture<DatasetSplit> existing = loaded.putIfAbsent(id, mine);
        if (existing != null) {
            try {
                return existing.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof DataFormatException d) throw d;
                throw e;
            }
        }
        try {
            DatasetSplit data = datasets.load(id);
            mine.complete(data);
            return data;
        } catch (Throwable e) {
            // the runs waiting for this load hear of its failure; a later run tries again
            loaded.remove(id, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Stops the workers; runs still queued end as cancelled, so no handle is left waiting. */
    @Override
    public void close() {
        List<Queued> neverStarted = new ArrayList<>();
        for (Runnable r : workers.shutdownNow()) {
            if (r instanceof Queued q) neverStarted.add(q);
        }
        // every handle first: a listener that throws must not leave the others waiting
        for (Queued q : neverStarted) q.handle.status.complete(RunStatus.CANCELLED);
        for (Queued q : neverStarted) q.tellNeverStarted();
    }

    /** Waits for every handle; returns their statuses (null for a run that failed with an error). */
    public static List<RunStatus> awaitAll(List<RunHandle> handles) {
        List<RunStatus> out = new ArrayList<>();
        for (RunHandle h : handles) {
            try {
                out.add(h.status().join());
            } catch (CompletionException e) {
                out.add(null);
            }
        }
        return out;
    }
}
