package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class RunWriterTest {
    @TempDir Path tmp;
    private final SyntheticRun content = SyntheticRun.SMALL;

    /** Every file in the folder with its bytes, to prove a refused append wrote nothing. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString(), HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    private static Checkpoint withProbe(Checkpoint c, float[] probe) {
        return new Checkpoint(c.metrics(), probe, c.testPredictions(), c.parameters());
    }

    @Test
    void nonFiniteCheckpointIsRefusedAndNothingChanges() throws Exception {
        Path dir = tmp.resolve("run");
        try (RunWriter w = content.create(dir)) {
            w.append(content.checkpoint(10));
            Map<String, String> before = snapshot(dir);

            // each case starts from a fresh copy: Checkpoint hands out its arrays, not copies
            Checkpoint nanProbe = content.checkpoint(30); // has parameters: a refused append must not write them either
            nanProbe.probePredictions()[7] = Float.NaN;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.append(nanProbe));
            assertTrue(e.getMessage().contains("step 30") && e.getMessage().contains("NaN"), e.getMessage());

            Checkpoint infTest = content.checkpoint(30);
            infTest.testPredictions()[0] = Float.POSITIVE_INFINITY;
            e = assertThrows(IllegalArgumentException.class, () -> w.append(infTest));
            assertTrue(e.getMessage().contains("test predictions") && e.getMessage().contains("Infinity"), e.getMessage());

            Checkpoint badParams = content.checkpoint(30);
            badParams.parameters()[2] = Float.NEGATIVE_INFINITY;
            e = assertThrows(IllegalArgumentException.class, () -> w.append(badParams));
            assertTrue(e.getMessage().contains("parameters value 2"), e.getMessage());

            Checkpoint good = content.checkpoint(30);
            Checkpoint badMetrics = new Checkpoint(new CheckpointMetrics(30, 1, Double.POSITIVE_INFINITY, 0, 0, 0),
                    good.probePredictions(), good.testPredictions(), null);
            assertThrows(IllegalArgumentException.class, () -> w.append(badMetrics));

            assertEquals(before, snapshot(dir), "a refused checkpoint changed the folder");
            assertEquals(1, w.checkpointCount());
            w.append(good); // the writer is still usable
            assertEquals(good.metrics(), Run.open(dir).metrics().get(1));
        }
        assertEquals(2, Run.open(dir).checkpointCount());
    }

    @Test
    void refusesStepsNotStrictlyIncreasingAndWrongShapes() throws Exception {
        try (RunWriter w = content.create(tmp.resolve("run"))) {
            w.append(content.checkpoint(20));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.append(content.checkpoint(20)));
            assertTrue(e.getMessage().contains("increase strictly"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.append(content.checkpoint(10)));

            Checkpoint c = content.checkpoint(30);
            e = assertThrows(IllegalArgumentException.class, () -> w.append(withProbe(c, new float[7])));
            assertTrue(e.getMessage().contains("expected " + content.probeSize() * content.classes()), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> w.append(new Checkpoint(c.metrics(), c.probePredictions(), null, null)));

            float[] notSummingToOne = c.probePredictions();
            notSummingToOne[5] += 0.1f;
            e = assertThrows(IllegalArgumentException.class, () -> w.append(withProbe(c, notSummingToOne)));
            assertTrue(e.getMessage().contains("row 1 sums to"), e.getMessage());
            assertEquals(1, w.checkpointCount());
        }
    }

    @Test
    void testPredictionsWithoutTestLabelsAreRefused() throws Exception {
        SyntheticRun noTest = new SyntheticRun(5, -1, 3, 4);
        try (RunWriter w = noTest.create(tmp.resolve("run"))) {
            Checkpoint c = noTest.checkpoint(10);
            Checkpoint withTest = new Checkpoint(c.metrics(), c.probePredictions(), c.probePredictions(), null);
            assertThrows(IllegalArgumentException.class, () -> w.append(withTest));
            w.append(c);
        }
    }

    @Test
    void createChecksItsArgumentsAndNeverOverwritesARun() throws Exception {
        Path dir = tmp.resolve("run");
        assertThrows(IllegalArgumentException.class, () -> RunWriter.create(dir, "x", 3, new ProbeInfo("p", 2, "train"),
                Map.of(), new int[]{0, 3}, null));
        assertThrows(IllegalArgumentException.class, () -> RunWriter.create(dir, "x", 3, new ProbeInfo("p", 3, "train"),
                Map.of(), new int[]{0, 1}, null));
        content.create(dir).close();
        assertThrows(FileAlreadyExistsException.class, () -> content.create(dir));
        assertEquals(0, Run.open(dir).checkpointCount());
    }

    @Test
    void finishRecordsStatusAndEndsAppending() throws Exception {
        Path dir = tmp.resolve("run");
        RunWriter w = content.create(dir);
        w.append(content.checkpoint(10));
        assertEquals(RunStatus.RUNNING, Run.open(dir).status());
        assertThrows(IllegalArgumentException.class, () -> w.finish(RunStatus.RUNNING, Map.of()));
        w.finish(RunStatus.DIVERGED, null);
        assertThrows(IllegalStateException.class, () -> w.append(content.checkpoint(20)));
        assertThrows(IllegalStateException.class, () -> w.finish(RunStatus.FINISHED, null));
        w.close();

        Run run = Run.open(dir);
        assertEquals(RunStatus.DIVERGED, run.status());
        assertFalse(run.interrupted());
        assertEquals(Map.of(), run.summary());
        assertFalse(Files.exists(dir.resolve(".run.json.tmp")), "temp file left behind");
    }

    @Test
    void appendDoesNotRewriteEarlierData() throws Exception {
        SyntheticRun big = SyntheticRun.REALISTIC;
        Path dir = tmp.resolve("run");
        try (RunWriter w = big.create(dir)) {
            w.append(big.checkpoint(10));
            Path predictions = dir.resolve(RunFiles.PREDICTIONS);
            byte[] before = Files.readAllBytes(predictions);
            w.append(big.checkpoint(20));
            byte[] after = Files.readAllBytes(predictions);
            int rowBytes = big.probeSize() * big.classes() * 4;
            assertEquals(before.length + rowBytes, after.length, "one checkpoint adds exactly its 40 KB");
            int header = before.length - rowBytes;
            assertArrayEquals(Arrays.copyOfRange(before, header, before.length),
                    Arrays.copyOfRange(after, header, before.length), "earlier data changed");
        }
    }
}
