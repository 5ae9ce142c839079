package org.predspace.platform;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place that builds threads (ArchitectureTest keeps it so). Every thread it makes is
 * named "predspace-&lt;role&gt;-N", is a daemon (a program that ends must not wait for a worker;
 * the work that must finish is awaited by its owner), reports an exception that ends it on
 * stderr instead of dying silently, and runs at the {@link Priority} its caller chose, set on
 * the thread itself when it starts (see {@link BackgroundPriority}).
 *
 * <p>The core budget ({@link #cores()}) is how many CPU-bound threads one computation or pool
 * uses by default: one training per core, one distance tile per core, one gradient worker per
 * core. It is the number of processors the JVM sees, or the system property
 * {@value #CORES_PROPERTY} (e.g. -Dpredspace.cores=1 to leave a core to another program).
 * An explicit count (train --jobs, the UI's four task threads) is honoured as given.
 */
public final class Workers {
    /** How the scheduling priority of a worker is chosen. */
    public enum Priority {
        /** Normal priority: the command line, where nothing else needs the CPU. */
        NORMAL,
        /** Lowered to {@link BackgroundPriority#BACKGROUND}: work that runs beside a UI drawing. */
        BACKGROUND,
        /**
         * The priority of the thread that creates the worker: helpers of a computation run as
         * the computation does, lowered under the window's tasks, normal on the command line.
         */
        AS_CALLER
    }

    /** The system property that overrides the core budget. */
    public static final String CORES_PROPERTY = "predspace.cores";

    private Workers() {}

    /**
     * How many CPU-bound worker threads the app uses at once by default: {@value #CORES_PROPERTY}
     * if set to a whole number of at least 1, else the processors the JVM sees. A bad value is
     * said once on stderr and ignored.
     */
    public static int cores() {
        int processors = Math.max(1, Runtime.getRuntime().availableProcessors());
        String set = System.getProperty(CORES_PROPERTY);
        if (set == null || set.isBlank()) return processors;
        try {
            int n = Integer.parseInt(set.strip());
            if (n >= 1) return n;
        } catch (NumberFormatException ignored) {
            // said below
        }
        if (BAD_BUDGET_SAID.compareAndSet(0, 1)) {
            System.err.println("PredSpace: -D" + CORES_PROPERTY + "=" + set + " is not a whole number of at least 1; using "
                    + processors + " (the processors this machine has)");
        }
        return processors;
    }

    private static final AtomicInteger BAD_BUDGET_SAID = new AtomicInteger();

    /** Named, daemon threads of {@code role} at {@code priority}, numbered from 1. */
    public static ThreadFactory factory(String role, Priority priority) {
        AtomicInteger count = new AtomicInteger();
        return task -> thread(role + "-" + count.incrementAndGet(), task, priority);
    }

    /**
     * One thread, not started, named "predspace-{@code name}": for a one-off job (the native
     * libraries' loader, a shutdown hook).
     */
    public static Thread thread(String name, Runnable task, Priority priority) {
        Integer callers = priority == Priority.AS_CALLER ? BackgroundPriority.currentNiceness() : null;
        Thread t = new Thread(() -> {
            prioritise(priority, callers);
            task.run();
        }, "predspace-" + name);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler(Workers::report);
        return t;
    }

    /** A pool of {@code threads} workers of {@code role}. */
    public static ExecutorService pool(String role, int threads, Priority priority) {
        if (threads < 1) throw new IllegalArgumentException(role + ": at least one thread, got " + threads);
        return Executors.newFixedThreadPool(threads, factory(role, priority));
    }

    /**
     * A pool of {@code threads} workers kept from one job to the next and ended after
     * {@code idleSeconds} without one, built by {@code factory} (one of {@link #factory}'s, perhaps
     * wrapped to free what a worker holds as it ends).
     */
    public static ThreadPoolExecutor idling(int threads, long idleSeconds, ThreadFactory factory) {
        if (threads < 1) throw new IllegalArgumentException("at least one thread, got " + threads);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, idleSeconds, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** One worker of {@code role}: jobs run one after the other, in order. */
    public static ExecutorService single(String role, Priority priority) {
        return Executors.newSingleThreadExecutor(factory(role, priority));
    }

    /** One worker of {@code role} for delayed jobs. */
    public static ScheduledExecutorService scheduled(String role, Priority priority) {
        return Executors.newSingleThreadScheduledExecutor(factory(role, priority));
    }

    /** A fork-join pool of {@code threads} workers of {@code role}, for splitting one computation. */
    public static ForkJoinPool forkJoin(String role, int threads, Priority priority) {
        if (threads < 1) throw new IllegalArgumentException(role + ": at least one thread, got " + threads);
        AtomicInteger count = new AtomicInteger();
        return new ForkJoinPool(threads, pool -> new ForkJoinWorker(pool, "predspace-" + role + "-" + count.incrementAndGet(), priority),
                Workers::report, false);
    }

    /** A fork-join worker named, daemon and prioritised like the others. */
    private static final class ForkJoinWorker extends ForkJoinWorkerThread {
        private final Priority priority;
        private final Integer callers;

        ForkJoinWorker(ForkJoinPool pool, String name, Priority priority) {
            super(pool);
            this.priority = priority;
            // built on the thread that makes the pool grow (a submitter, or a worker that forks): its priority is the caller's
            this.callers = priority == Priority.AS_CALLER ? BackgroundPriority.currentNiceness() : null;
            setName(name);
            setDaemon(true);
        }

        @Override
        protected void onStart() {
            super.onStart();
            prioritise(priority, callers);
        }
    }

    /** Applied on the worker itself: Linux sets the priority of the calling thread only. */
    private static void prioritise(Priority priority, Integer callersNiceness) {
        switch (priority) {
            case NORMAL -> { }
            case BACKGROUND -> BackgroundPriority.lowerCurrentThread(BackgroundPriority.BACKGROUND);
            case AS_CALLER -> {
                // Linux gives a new thread its creator's nice value already; this makes it so where it does not
                Integer mine = BackgroundPriority.currentNiceness();
                if (callersNiceness != null && mine != null && callersNiceness > mine) {
                    BackgroundPriority.lowerCurrentThread(callersNiceness - mine);
                }
            }
        }
    }

    /** A worker ended by an exception nobody caught: said, never silent. */
    private static void report(Thread t, Throwable e) {
        System.err.println("PredSpace: thread " + t.getName() + " ended: " + JobFailure.describe(e));
        e.printStackTrace();
    }
}
