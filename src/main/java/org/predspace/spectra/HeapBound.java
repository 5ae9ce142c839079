package org.predspace.spectra;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the Java heap small during thousands of DL4J back-propagations. Each pass leaves a few
 * dozen small ND4J arrays behind; their off-heap memory is freed only after the garbage collector
 * has found them and ND4J's deallocator has processed their references, which pile up in the old
 * generation. With the JVM's default maximum heap (a quarter of the machine's memory) G1 answers
 * that garbage by growing the heap instead: LeNet's 5,000 Fisher rows took the process from 1.9 GB
 * (with -Xmx512m) to 2.6 GB resident. So the gradient loop asks for a full collection whenever
 * the heap in use passes a cap: twice what the last collection left alive, at least
 * {@value #FLOOR_MB} MB. Measured on LeNet, one thread, 3,000 rows: resident 1.15 GB without,
 * 0.5 GB with collections every 250 rows, each taking about 80 ms.
 */
final class HeapBound {
    static final long FLOOR_MB = 256;
    /**
     * The desktop explorer turns this off (-Dpredspace.spectra.boundHeap=false): a full
     * collection stops every thread, the JavaFX one included, and a picture that freezes for
     * the better part of a second is worse there than a larger heap.
     */
    static final String PROPERTY = "predspace.spectra.boundHeap";
    private final boolean enabled = !"false".equals(System.getProperty(PROPERTY));
    private final AtomicBoolean collecting = new AtomicBoolean();
    private volatile long cap = FLOOR_MB << 20;
    private volatile int collections;

    /** Call between passes, from any thread: collects when the heap in use is above the cap. */
    void check() {
        if (!enabled) return;
        Runtime rt = Runtime.getRuntime();
        if (rt.totalMemory() - rt.freeMemory() <= cap || !collecting.compareAndSet(false, true)) return;
        try {
            System.gc();
            collections++;
            long live = rt.totalMemory() - rt.freeMemory();
            cap = Math.max(FLOOR_MB << 20, 2 * live);
        } finally {
            collecting.set(false);
        }
    }

    int collections() { return collections; }
}
