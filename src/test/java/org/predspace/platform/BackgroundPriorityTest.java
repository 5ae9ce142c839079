package org.predspace.platform;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"), LowerCompilers.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        Map<String, String> lines = new HashMap<>();
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
            List<String> nice = new ArrayList<>(), gc = new ArrayList<>(), workers = new ArrayList<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path t : (Iterable<Path>) tasks::iterator) {
                    String name = Files.readString(t.resolve("comm")).strip();
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
