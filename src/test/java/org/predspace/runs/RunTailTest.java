package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Reading a run while its writer goes on ({@link RunTail}): only committed checkpoints, each once, and the status. */
class RunTailTest {
    private static final SyntheticRun RUN = SyntheticRun.SMALL;

    @TempDir Path tmp;

    @Test
    void eachPollReturnsTheCheckpointsCommittedSinceTheLastAndThenTheFinalStatus() throws Exception {
        Path dir = tmp.resolve("run");
        try (RunWriter w = RUN.create(dir)) {
            w.append(RUN.checkpoint(SyntheticRun.step(0)));
            w.append(RUN.checkpoint(SyntheticRun.step(1)));
            RunTail tail = RunTail.after(Run.open(dir), 2);
            assertTrue(tail.poll().isEmpty(), "nothing committed since it was opened");

            w.append(RUN.checkpoint(SyntheticRun.step(2)));
            w.append(RUN.checkpoint(SyntheticRun.step(3)));
            RunTail.Change change = tail.poll();
            assertEquals(2, change.checkpoints().size());
            for (int k = 0; k < 2; k++) {
                RunTail.Committed c = change.checkpoints().get(k);
                Checkpoint written = RUN.checkpoint(SyntheticRun.step(2 + k));
                assertEquals(2 + k, c.index());
                assertEquals(written.metrics(), c.metrics());
                assertArrayEquals(written.probePredictions(), c.predictions());
                assertArrayEquals(written.testPredictions(), c.testPredictions());
                assertNull(c.imprintedPredictions());
            }
            assertNull(change.manifest(), "run.json was not replaced");
            assertTrue(tail.poll().isEmpty(), "each checkpoint is returned once");

            w.finish(RunStatus.FINISHED, Map.of("test_accuracy", 0.5));
            RunTail.Change end = tail.poll();
            assertTrue(end.checkpoints().isEmpty());
            assertEquals(RunStatus.FINISHED, end.manifest().status());
            assertEquals(4, tail.checkpointCount());
        }
    }

    @Test
    void rowsAppendedButNotYetCommittedAreNotRead() throws Exception {
        Path dir = tmp.resolve("run");
        try (RunWriter w = RUN.create(dir)) {
            w.append(RUN.checkpoint(SyntheticRun.step(0)));
            RunTail tail = RunTail.after(Run.open(dir), 0);
            assertEquals(1, tail.poll().checkpoints().size());
            // a writer between its data and its header: a prediction row and a step after the declared data
            appendBytes(dir.resolve("predictions.npy"), RUN.probeSize() * RUN.classes() * 4);
            appendBytes(dir.resolve("steps.npy"), 8);
            assertTrue(tail.poll().isEmpty(), "a step whose header is not written is not committed");
            FileTime torn = Files.getLastModifiedTime(dir.resolve("steps.npy"));
            w.append(RUN.checkpoint(SyntheticRun.step(1)));   // writes over the torn bytes, then commits
            // same size as with the torn bytes; and a file system with coarse times (NFS, FAT) may show the old time
            Files.setLastModifiedTime(dir.resolve("steps.npy"), torn);
            RunTail.Change change = tail.poll();
            assertEquals(1, change.checkpoints().size());
            assertArrayEquals(RUN.checkpoint(SyntheticRun.step(1)).probePredictions(), change.checkpoints().get(0).predictions());
        }
    }

    @Test
    void aRunRewrittenFromItsStartIsRefusedNotReadAsALongerOne() throws Exception {
        Path dir = tmp.resolve("run");
        RUN.writeUnfinished(dir, 3);
        RunTail tail = RunTail.after(Run.open(dir), 3);
        // another writer claims the folder again (the old run moved aside) and commits two checkpoints
        moveAside(dir);
        RUN.writeUnfinished(dir, 2);
        RunFormatException fewer = assertThrows(RunFormatException.class, tail::poll);
        assertTrue(fewer.getMessage().contains("rewritten"), fewer.getMessage());

        Path other = tmp.resolve("other");
        RUN.writeUnfinished(other, 1);
        RunTail shorter = RunTail.after(Run.open(other), 1);
        moveAside(other);
        try (RunWriter w = RUN.create(other)) {   // same step count and more, but other steps
            w.append(RUN.checkpoint(5));
            w.append(RUN.checkpoint(50));
        }
        RunFormatException changed = assertThrows(RunFormatException.class, shorter::poll);
        assertTrue(changed.getMessage().contains("step 5 at index 0 was 10"), changed.getMessage());
    }

    @Test
    void aDamagedRowIsAFormatErrorNamingTheFile() throws Exception {
        Path dir = tmp.resolve("run");
        try (RunWriter w = RUN.create(dir)) {
            RunTail tail = RunTail.after(Run.open(dir), 0);
            w.append(RUN.checkpoint(SyntheticRun.step(0)));
            Npy.Header h = Npy.readHeader(dir.resolve("predictions.npy"));
            try (FileChannel ch = FileChannel.open(dir.resolve("predictions.npy"), StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0, -1f), h.dataOffset());
            }
            RunFormatException e = assertThrows(RunFormatException.class, tail::poll);
            assertTrue(e.getMessage().contains("predictions.npy"), e.getMessage());
        }
    }

    private static void appendBytes(Path file, int count) throws IOException {
        Files.write(file, new byte[count], StandardOpenOption.APPEND);
    }

    private void moveAside(Path dir) throws IOException {
        Files.move(dir, tmp.resolve(dir.getFileName() + ".old"));
    }
}
