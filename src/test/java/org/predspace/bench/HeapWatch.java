package org.predspace.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Peak heap while a computation runs: sampled used heap, and the sum of the heap pools' peaks. */
final class HeapWatch {
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peak;

    private HeapWatch() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
        sampler = new Thread(() -> {
            while (running) {
                peak = Math.max(peak, current());
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    static HeapWatch start() {
        System.gc();
        return new HeapWatch();
    }

    long current() { return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(); }

    void stop() throws InterruptedException {
        running = false;
        sampler.join();
        peak = Math.max(peak, current());
    }

    long peakSampled() { return peak; }

    /** An upper bound: the pools may have peaked at different moments. */
    long peakOfPools() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }
}
