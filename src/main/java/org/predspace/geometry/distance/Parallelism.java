package org.predspace.geometry.distance;

import org.predspace.platform.Workers;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * How many threads the geometry may use for one computation. Distances split into tiles
 * that run on a private fork-join pool of this size, so that training (one thread per core,
 * see org.predspace.training.TrainingPool) and embedding can be balanced by the caller.
 * Thread-safe; the pool's threads are daemons and end when idle.
 */
public final class Parallelism {
    private final int threads;
    private final ForkJoinPool pool;

    private Parallelism(int threads, boolean background) {
        if (threads < 1) throw new IllegalArgumentException("parallelism must be at least 1, got " + threads);
        this.threads = threads;
        this.pool = threads == 1 && !background ? null
                : Workers.forkJoin("geometry", threads, background ? Workers.Priority.BACKGROUND : Workers.Priority.NORMAL);
    }

    private Parallelism(int threads) { this(threads, false); }

    /**
     * Every core of the budget ({@link Workers#cores()}), on threads of lowered priority: for
     * geometry that runs beside a UI (the live picture), so distance rows never compete with
     * drawing on equal terms.
     */
    public static Parallelism allCoresInBackground() { return InBackground.INSTANCE; }

    private static final class InBackground {
        static final Parallelism INSTANCE = new Parallelism(Workers.cores(), true);
    }

    public static Parallelism of(int threads) { return new Parallelism(threads); }

    public static Parallelism serial() { return new Parallelism(1); }

    /** One shared instance (and pool) for every caller that wants the whole machine. */
    public static Parallelism allCores() { return AllCores.INSTANCE; }

    /** Created on first use only. */
    private static final class AllCores {
        static final Parallelism INSTANCE = new Parallelism(Workers.cores());
    }

    public int threads() { return threads; }

    /** Runs task(0) .. task(count - 1), possibly in parallel, and returns when all are done. */
    public void forEach(int count, IntConsumer task) {
        if (pool == null || count <= 1) {
            for (int t = 0; t < count; t++) task.accept(t);
            return;
        }
        pool.submit(() -> IntStream.range(0, count).parallel().forEach(task)).join();
    }
}
