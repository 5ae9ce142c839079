package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

@Tag("slow")
class CrashSafetyTest {
    @TempDir Path tmp;

    /** Reopening after a kill gives exactly what the writer wrote for each committed step. */
    private static void assertMatchesWriter(Run run, SyntheticRun content) throws RunFormatException {
        assertTrue(run.interrupted());
        assertEquals(RunStatus.RUNNING, run.status());
        long[] steps = run.steps();
        for (int t = 0; t < steps.length; t++) {
            assertEquals(SyntheticRun.step(t), steps[t], "steps are committed in order with no gap");
            Checkpoint expected = content.checkpoint(steps[t]);
            assertArrayEquals(expected.probePredictions(), run.predictions(t), "checkpoint " + t);
            assertArrayEquals(expected.testPredictions(), run.testPredictions(t), "checkpoint " + t);
        }
        List<CheckpointMetrics> metrics = run.metrics();
        assertEquals(steps.length, metrics.size());
        for (int t = 0; t < steps.length; t++) assertEquals(SyntheticRun.metrics(steps[t]), metrics.get(t));
        for (long s : run.parameterSteps()) {
            assertTrue(SyntheticRun.hasParameters(s));
            assertArrayEquals(content.parameters(s), run.parameters(s), "parameters at step " + s);
        }
        long snapshots = Arrays.stream(steps).filter(SyntheticRun::hasParameters).count();
        assertEquals(snapshots, run.parameterSteps().length, "every committed snapshot step has its file");
    }

    @Test
    void killedWriterLeavesEveryCompletedCheckpointAndNoPartialOne() throws Exception {
        SyntheticRun content = SyntheticRun.REALISTIC;
        Random random = new Random(20240611);
        int kills = 10;
        int withCheckpoints = 0;
        int midAppend = 0;
        for (int k = 0; k < kills; k++) {
            Path dir = tmp.resolve("run-" + k);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashWriterMain.class.getName(), dir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                assertEquals("created", out.readLine(), "child did not start writing");
                Thread.sleep(random.nextInt(400)); // from 0 ms (mid-first-append) to many checkpoints in
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks, no flushing
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            }
            Run run = Run.open(dir);
            assertMatchesWriter(run, content);
            if (run.checkpointCount() > 0) withCheckpoints++;
            if (uncommittedBytes(run, content) > 0) midAppend++;
        }
        // Not asserted (timing decides), but shows whether kills hit an append in progress.
        System.out.println("crash test: " + midAppend + " of " + kills + " kills left uncommitted bytes behind");
        assertTrue(withCheckpoints >= kills / 2, "too few kills landed after a checkpoint: " + withCheckpoints);
    }

    /** Bytes in predictions.npy beyond the committed rows: the trace of an append cut short. */
    private static long uncommittedBytes(Run run, SyntheticRun content) throws Exception {
        Path file = run.dir().resolve(RunFiles.PREDICTIONS);
        long committed = Npy.readHeader(file).dataOffset() + (long) run.checkpointCount() * content.probeSize() * content.classes() * 4;
        return Files.size(file) - committed;
    }

    @Test
    void tornAppendsAfterTheLastCommitAreIgnored() throws Exception {
        SyntheticRun content = SyntheticRun.SMALL;
        Path dir = content.writeUnfinished(tmp.resolve("run"), 3);
        // A writer killed while appending step 40: its predictions row landed in full and the
        // header says 4, the test row is half written, the metrics line is complete, a snapshot
        // exists, and steps.npy got only part of the new step.
        int rowBytes = content.probeSize() * content.classes() * 4;
        appendRowAndHeader(dir.resolve(RunFiles.PREDICTIONS), content.checkpoint(40).probePredictions(), 4);
        append(dir.resolve(RunFiles.TEST_PREDICTIONS), new byte[rowBytes / 3]);
        append(dir.resolve(RunFiles.METRICS), MetricsCsv.line(SyntheticRun.metrics(40)).getBytes(StandardCharsets.UTF_8));
        append(dir.resolve(RunFiles.METRICS), "50,0.5,0.1".getBytes(StandardCharsets.UTF_8)); // no newline: torn
        ParameterSnapshots.write(dir, 60, content.parameters(60));
        append(dir.resolve(RunFiles.STEPS), new byte[]{40, 0, 0});

        Run run = Run.open(dir);
        assertEquals(3, run.checkpointCount());
        assertMatchesWriter(run, content);
        assertArrayEquals(new long[]{30}, run.parameterSteps(), "the snapshot of an uncommitted step is not listed");
    }

    @Test
    void aTornMetricsLineAloneIsIgnored() throws Exception {
        SyntheticRun content = SyntheticRun.SMALL;
        Path dir = content.writeUnfinished(tmp.resolve("run"), 1);
        append(dir.resolve(RunFiles.METRICS), "20,0.2,not-a-num".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(SyntheticRun.metrics(10)), Run.open(dir).metrics());
    }

    private static void append(Path file, byte[] bytes) throws Exception {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    /** What NpyAppender does for a row, done by hand so the test does not trust the code under test. */
    private static void appendRowAndHeader(Path file, float[] row, long rows) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(row.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(row);
        append(file, b.array());
        Npy.Header h = Npy.readHeader(file);
        long[] shape = h.shape().clone();
        shape[0] = rows;
        byte[] header = Npy.header(h.dtype(), shape, (int) h.dataOffset());
        try (var ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(header), 0);
        }
    }
}
