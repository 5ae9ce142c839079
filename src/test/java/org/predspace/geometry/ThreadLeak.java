package org.predspace.geometry;

import java.util.Timer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;

/** Test fixture only: classes that build their own threads instead of asking platform.Workers, to prove ArchitectureTest can fail. */
public final class ThreadLeak {
    private ThreadLeak() {}

    /** A plain new Thread, the commonest way round the factory. */
    public static final class NewThread {
        public Thread start(Runnable r) {
            Thread t = new Thread(r, "refresh");
            t.start();
            return t;
        }
    }

    /** A pool from Executors. */
    public static final class NewPool {
        public ExecutorService pool() { return Executors.newFixedThreadPool(2); }
    }

    /** A private fork-join pool. */
    public static final class NewForkJoinPool {
        public ForkJoinPool pool() { return new ForkJoinPool(2); }
    }

    /** A timer: a thread of its own. */
    public static final class NewTimer {
        public Timer timer() { return new Timer("drain", true); }
    }
}
