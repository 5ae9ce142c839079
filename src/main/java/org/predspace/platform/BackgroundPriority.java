package org.predspace.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets heavy background threads (training, embedding refreshes, spectra) yield the CPU to the
 * UI. On two cores, two training threads at full speed left the JavaFX and render threads
 * (and Mesa's software rasteriser) a fair share only, and the picture stalled for hundreds of
 * milliseconds. Java's thread priorities do nothing on Linux without root; a positive nice
 * value does, and Linux applies setpriority to a single thread when given its thread id, so
 * each background thread lowers itself when it starts ({@link Workers} does it, through a
 * direct setpriority call: {@link Niceness}). Elsewhere this is a no-op (said once on stderr):
 * the work is the same, only scheduled less politely.
 */
public final class BackgroundPriority {
    /**
     * nice +19: background work runs on the CPU the UI leaves (1.5% of a normal thread's weight
     * when both want to run, and all of the CPU when the UI is idle). It was +10 (a tenth), but
     * a training start has about nine background threads runnable at once (two trainings, four
     * tasks, the embedding refresh, the compilers), which at +10 weigh as much as one normal
     * thread: the renderer then got a share, not the CPU. bench/stall-bench.sh, same build,
     * alternating: training-frame median 32-36 ms at +19 against 42-47 ms at +10, p99 77-88 against 88-125.
     */
    public static final int BACKGROUND = 19;
    /**
     * nice +10 for the JIT compilers: lower than the UI, since a training start makes them work
     * flat out, but above the background work, since they also compile the UI's own code.
     */
    public static final int COMPILERS = 10;
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private BackgroundPriority() {}

    /**
     * Lowers the calling thread's priority by {@code niceness} (to at most +19); false if the
     * platform cannot or refused. Only {@link Workers} calls it, on the worker itself.
     */
    static boolean lowerCurrentThread(int niceness) {
        Integer tid = Niceness.currentThreadId();
        return tid != null && lower(tid, niceness);
    }

    /** setpriority(PRIO_PROCESS, tid, nice + niceness): Linux applies it to that one thread. */
    private static boolean lower(int tid, int niceness) {
        Integer now = nicenessOf(Integer.toString(tid));
        if (now == null) return false;
        return Niceness.set(tid, Math.min(19, now + niceness));
    }

    /** The calling thread's nice value as the kernel reports it, or null where unknown (tests). */
    public static Integer currentNiceness() { return nicenessIn(THREAD_SELF); }

    /**
     * Lowers the JVM's JIT compiler threads and G1's concurrent threads to {@link #COMPILERS}. When training starts, the
     * C1 and C2 compilers work flat out on its fresh code for a second or two, at normal
     * priority: on two cores they took the CPU from the renderer and stalled the picture for
     * 300-800 ms (bench/stall-bench.sh with -Dbench.threads=true blamed them in every late
     * pulse). Lowered, they still compile, in the CPU the UI leaves. G1's concurrent threads
     * (marking, started by the distance blocks' large arrays; card refinement) go down with
     * them: at nice 0 they took up to 80 ms of a 300 ms window before late pulses. Its
     * stop-the-world workers keep their priority, since every Java thread waits for them.
     * (bench/stall-bench.sh, -Dpredspace.lowerGc=false the peer, 4 runs each alternating:
     * longest stall median 68 against 73 ms with the sample runs open, 71 against 80 ms in an
     * empty window: within the noise, never worse.) The threads are found by name in /proc
     * (Linux; elsewhere nothing happens).
     *
     * @return how many threads were lowered
     */
    public static int lowerCompilersAndConcurrentGc() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) return 0;
        int lowered = 0;
        try (var list = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) list::iterator) {
                String name;
                try {
                    name = Files.readString(t.resolve("comm")).strip();
                } catch (IOException e) {
                    continue;   // the thread ended
                }
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")
                        || (LOWER_GC && isConcurrentGc(name))) {
                    if (lower(Integer.parseInt(t.getFileName().toString()), COMPILERS)) lowered++;
                }
            }
        } catch (IOException e) {
            return lowered;
        }
        return lowered;
    }

    private static final boolean LOWER_GC = !"false".equals(System.getProperty("predspace.lowerGc"));

    /** G1's concurrent threads (marking, refinement, service), not its stop-the-world workers. */
    static boolean isConcurrentGc(String name) {
        return name.startsWith("G1 Conc#") || name.startsWith("G1 Refine#") || name.equals("G1 Main Marker")
                || name.equals("G1 Service");
    }

    /** The nice value of thread {@code tid} of this process, or null where unknown. */
    public static Integer nicenessOf(String tid) { return nicenessIn(Path.of("/proc/self/task", tid)); }

    /** The nice value in a thread's /proc folder, or null where unknown. */
    private static Integer nicenessIn(Path thread) {
        try {
            String stat = Files.readString(thread.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]);   // field 19 of proc(5), counted after "pid (comm) "
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
