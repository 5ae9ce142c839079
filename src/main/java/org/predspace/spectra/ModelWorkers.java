package org.predspace.spectra;

import org.predspace.platform.Workers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Gradient passes spread over the cores: one worker per network copy (DL4J networks are not
 * thread-safe), the first on the calling thread with the caller's own network, the others on
 * daemon threads with {@link CheckpointModel#copy()}s.
 */
final class ModelWorkers {
    private ModelWorkers() {}

    /** {@code model} followed by {@code workers - 1} independent copies of it (at its current parameters). */
    static List<CheckpointModel> withCopies(CheckpointModel model, int workers) {
        List<CheckpointModel> models = new ArrayList<>();
        models.add(model);
        for (int w = 1; w < workers; w++) models.add(model.copy());
        return models;
    }

    /** Runs {@code work} once per model, all at once, and returns when all are done; rethrows the first failure. */
    static void run(List<CheckpointModel> models, String threadName, Consumer<CheckpointModel> work) {
        if (models.size() == 1) {
            work.accept(models.get(0));
            return;
        }
        // the helpers run as the computation does: lowered under the window's tasks, normal on the command line
        ExecutorService pool = Workers.pool(threadName, models.size() - 1, Workers.Priority.AS_CALLER);
        try {
            List<Future<?>> others = new ArrayList<>();
            for (CheckpointModel m : models.subList(1, models.size())) others.add(pool.submit(() -> work.accept(m)));
            work.accept(models.get(0));
            for (Future<?> f : others) f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } finally {
            pool.shutdownNow();
        }
    }
}
