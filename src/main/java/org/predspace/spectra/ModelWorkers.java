package org.predspace.spectra;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.platform.NativeLibraries;
import org.predspace.platform.Workers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Gradient passes spread over the cores: one worker per network copy (DL4J networks are not
 * thread-safe), the first on the calling thread with the caller's own network, the others on
 * daemon threads with {@link CheckpointModel#copy()}s.
 *
 * <p>Memory: DL4J keeps a network's working arrays in ND4J workspaces that belong to the thread
 * that ran the pass (LeNet in double, 250 samples a pass: about 125 MB a thread). The workspaces
 * of a thread that has ended are freed only when the garbage collector finds them, which a small
 * Java heap seldom needs: when each Hessian-vector product ran on fresh helper threads, a
 * helper's workspaces piled up per product (LeNet: 9.2 GB resident after 330 products, 6.1 GB
 * for the density's 500), and freeing and reallocating them per product still let resident
 * memory creep (malloc keeps the freed pieces). So the helpers stay from one run to the next,
 * reusing their workspaces, and every helper destroys its workspaces before it ends: after
 * {@value #IDLE_SECONDS} s without work, at {@link #close()}, or when a run failed.
 */
final class ModelWorkers implements AutoCloseable {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    /** How long an idle helper waits for the next run before it ends and frees its workspaces. */
    static final long IDLE_SECONDS = 10;

    private final List<CheckpointModel> models;
    private final String role;
    private ThreadPoolExecutor helpers;
    /** The helper threads started, to wait at close until each has freed its workspaces. */
    private final List<Thread> started = new CopyOnWriteArrayList<>();

    /** Workers on {@code models}: the first is run on the calling thread, each other one on a helper of {@code role}. */
    ModelWorkers(List<CheckpointModel> models, String role) {
        this.models = List.copyOf(models);
        this.role = role;
    }

    /** {@code model} followed by {@code workers - 1} independent copies of it (at its current parameters). */
    static List<CheckpointModel> withCopies(CheckpointModel model, int workers) {
        List<CheckpointModel> models = new ArrayList<>();
        models.add(model);
        for (int w = 1; w < workers; w++) models.add(model.copy());
        return models;
    }

    /** Runs {@code work} once per model on throw-away helpers (one computation), and returns when all are done. */
    static void run(List<CheckpointModel> models, String threadName, Consumer<CheckpointModel> work) {
        try (ModelWorkers workers = new ModelWorkers(models, threadName)) {
            workers.run(work);
        }
    }

    /**
     * Runs {@code work} once per model, all at once, and returns when all are done, helpers
     * included (even when one failed: no helper is left working on a model the caller reuses);
     * rethrows the first failure.
     */
    void run(Consumer<CheckpointModel> work) {
        if (models.size() == 1) {
            work.accept(models.get(0));
            return;
        }
        if (helpers == null) helpers = pool();
        List<Future<?>> others = new ArrayList<>();
        boolean failed = true;
        try {
            for (CheckpointModel m : models.subList(1, models.size())) others.add(helpers.submit(() -> work.accept(m)));
            work.accept(models.get(0));
            for (Future<?> f : others) f.get();
            failed = false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } finally {
            if (failed) {
                for (Future<?> f : others) awaitQuietly(f);
                close();
            }
        }
    }

    /** Ends the helpers (each destroys its workspaces); a later run starts new ones. The calling thread keeps its own. */
    @Override
    public void close() {
        if (helpers == null) return;
        helpers.shutdown();
        helpers = null;
        // the pool counts a helper as ended before the helper has freed its workspaces: wait for the threads
        try {
            for (Thread t : started) t.join(TimeUnit.SECONDS.toMillis(30));   // idle ones end at once; bounded all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        started.clear();
    }

    /** ND4J workspace bytes held by the calling thread: what one worker's passes keep between runs. */
    static long workspaceBytesOfThisThread() {
        long sum = 0;
        for (MemoryWorkspace w : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) sum += w.getCurrentSize();
        return sum;
    }

    private ThreadPoolExecutor pool() {
        // the helpers run as the computation does: lowered under the window's tasks, normal on the command line
        ThreadFactory base = Workers.factory(role, Workers.Priority.AS_CALLER);
        ThreadFactory freeing = task -> base.newThread(() -> {
            try {
                task.run();
            } finally {
                Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
            }
        });
        return Workers.idling(models.size() - 1, IDLE_SECONDS, task -> {
            Thread t = freeing.newThread(task);
            started.removeIf(s -> s.getState() == Thread.State.TERMINATED);
            started.add(t);
            return t;
        });
    }

    /** Waits for a helper's share after a failure elsewhere; its own failure is not the one to report. */
    private static void awaitQuietly(Future<?> f) {
        boolean interrupted = false;
        while (true) {
            try {
                f.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                break;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
