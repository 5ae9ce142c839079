package org.predspace.platform;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BackgroundPriorityTest {
    @Test
    void aLoweredThreadRunsAtTheNewNiceValueAndOthersDoNot() throws Exception {
        Integer mine = BackgroundPriority.currentNiceness();
        assumeTrue(mine != null, "no /proc/thread-self: not Linux");
        AtomicReference<Integer> inside = new AtomicReference<>();
        Thread t = new Thread(() -> {
            assertTrue(BackgroundPriority.lowerCurrentThread(BackgroundPriority.BACKGROUND), "setpriority refused");
            inside.set(BackgroundPriority.currentNiceness());
        });
        t.start();
        t.join();
        assertEquals(Math.min(19, mine + BackgroundPriority.BACKGROUND), inside.get());
        assertEquals(mine, BackgroundPriority.currentNiceness(), "only the background thread was lowered");
    }

    /** In a JVM of its own, so this test JVM's compilers keep their priority. */
    @Test
    void jitCompilerAndConcurrentGcThreadsAreLoweredAndNothingElse() throws Exception {
        assumeTrue(BackgroundPriority.currentNiceness() != null, "no /proc/thread-self: not Linux");
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"), LowerCompilers.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        java.util.Map<String, String> lines = new java.util.HashMap<>();
        for (String l : out.strip().split("\n")) lines.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
        int before = Integer.parseInt(lines.get("main"));
        assertTrue(Integer.parseInt(lines.get("lowered")) >= 1, out);
        for (String nice : lines.get("compilers").split(",")) {
            assertEquals(Math.min(19, before + BackgroundPriority.COMPILERS), Integer.parseInt(nice), out);
        }
        assertFalse(lines.get("concurrentGc").isEmpty(), "G1 has concurrent threads: " + out);
        for (String nice : lines.get("concurrentGc").split(",")) {
            assertEquals(Math.min(19, before + BackgroundPriority.COMPILERS), Integer.parseInt(nice), out);
        }
        assertFalse(lines.get("gcWorkers").isEmpty(), out);
        // the stop-the-world workers stop every Java thread while they run: slowing them would lengthen the pause
        for (String nice : lines.get("gcWorkers").split(",")) assertEquals(before, Integer.parseInt(nice), out);
        assertEquals(before, Integer.parseInt(lines.get("mainAfter")), "the calling thread keeps its priority: " + out);
    }

    /** Lowers its JVM's compilers and prints the nice values it then reads from /proc. */
    public static final class LowerCompilers {
        public static void main(String[] args) throws Exception {
            System.out.println("main=" + BackgroundPriority.currentNiceness());
            System.out.println("lowered=" + BackgroundPriority.lowerCompilersAndConcurrentGc());
            java.util.List<String> nice = new java.util.ArrayList<>(), gc = new java.util.ArrayList<>(), workers = new java.util.ArrayList<>();
            try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
                for (java.nio.file.Path t : (Iterable<java.nio.file.Path>) tasks::iterator) {
                    String name = java.nio.file.Files.readString(t.resolve("comm")).strip();
                    String tid = t.getFileName().toString();
                    if (name.contains("CompilerThre")) nice.add(String.valueOf(BackgroundPriority.nicenessOf(tid)));
                    if (name.startsWith("G1 Conc#") || name.startsWith("G1 Refine#")) gc.add(String.valueOf(BackgroundPriority.nicenessOf(tid)));
                    if (name.startsWith("GC Thread#")) workers.add(String.valueOf(BackgroundPriority.nicenessOf(tid)));
                }
            }
            System.out.println("compilers=" + String.join(",", nice));
            System.out.println("concurrentGc=" + String.join(",", gc));
            System.out.println("gcWorkers=" + String.join(",", workers));
            System.out.println("mainAfter=" + BackgroundPriority.currentNiceness());
        }
    }
}
