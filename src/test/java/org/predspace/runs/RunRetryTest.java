package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** What training a run again (a cluster task re-run) does with the folder an earlier attempt left. */
class RunRetryTest {
    @TempDir Path out;
    private final SyntheticRun content = SyntheticRun.SMALL;

    @Test
    void noFolderIsFree() throws Exception {
        assertInstanceOf(RunRetry.Free.class, RunRetry.prepare(out.resolve("run"), Instant.now()));
    }

    @Test
    void aRunThatEndedIsKeptUntouched() throws Exception {
        for (RunStatus status : List.of(RunStatus.FINISHED, RunStatus.DIVERGED, RunStatus.FAILED)) {
            Path dir = content.writeEnded(out.resolve(status.jsonName()), status, Map.of("reason", "why it ended"));
            RunRetry.Outcome o = RunRetry.prepare(dir, Instant.now());
            RunRetry.Ended ended = assertInstanceOf(RunRetry.Ended.class, o);
            assertEquals(status, ended.status());
            assertTrue(ended.message().contains("why it ended"), ended.message());
            assertEquals(1, Run.open(dir).checkpointCount(), "still there, as it was");
        }
        assertFalse(Files.exists(out.resolve(RunRetry.ASIDE)));
    }

    @Test
    void aRunStillBeingWrittenIsLeftAlone() throws Exception {
        Path dir = out.resolve("run");
        try (RunWriter w = content.create(dir)) {
            w.append(content.checkpoint(10));
            RunRetry.BeingWritten o = assertInstanceOf(RunRetry.BeingWritten.class, RunRetry.prepare(dir, Instant.now()));
            assertTrue(o.writer().contains("process " + ProcessHandle.current().pid()), o.writer());
            w.append(content.checkpoint(20));
            w.finish(RunStatus.FINISHED, null);
        }
        assertEquals(2, Run.open(dir).checkpointCount());
    }

    @Test
    void anInterruptedRunIsMovedAsideWholeAndItsNameIsFreeAgain() throws Exception {
        Path dir = content.writeUnfinished(out.resolve("run"), 3);
        RunRetry.MovedAside moved = assertInstanceOf(RunRetry.MovedAside.class, RunRetry.prepare(dir, Instant.now()));
        assertTrue(moved.why().startsWith("interrupted"), moved.why());
        assertFalse(Files.exists(dir));
        assertEquals(out.resolve(RunRetry.ASIDE), moved.to().getParent());
        Run aside = Run.open(moved.to());
        assertEquals(3, aside.checkpointCount(), "nothing of the earlier attempt is lost");
        assertTrue(aside.interrupted());
        assertEquals(List.of(), RunFolders.find(out), "the library does not list attempts moved aside");

        // the run is trained again in its place; a second interruption goes aside beside the first
        content.writeUnfinished(dir, 1);
        RunRetry.MovedAside again = assertInstanceOf(RunRetry.MovedAside.class, RunRetry.prepare(dir, Instant.now()));
        assertNotEquals(moved.to(), again.to());
        assertEquals(3, Run.open(moved.to()).checkpointCount());
        assertEquals(1, Run.open(again.to()).checkpointCount());
    }

    @Test
    void aCancelledRunIsTrainedAgainSinceASchedulersStopEndsARunAsCancelled() throws Exception {
        Path dir = content.writeEnded(out.resolve("run"), RunStatus.CANCELLED, null);
        RunRetry.MovedAside moved = assertInstanceOf(RunRetry.MovedAside.class, RunRetry.prepare(dir, Instant.now()));
        assertEquals("cancelled", moved.why());
        assertEquals(RunStatus.CANCELLED, Run.open(moved.to()).status());
    }

    @Test
    void aClaimWithoutRunJsonIsAWriterCreatingItUntilItIsOld() throws Exception {
        Path dir = Files.createDirectories(out.resolve("run"));
        Path claim = Files.createFile(dir.resolve(RunFiles.STEPS));
        Instant now = Instant.now();
        assertInstanceOf(RunRetry.BeingWritten.class, RunRetry.prepare(dir, now));
        Files.setLastModifiedTime(claim, FileTime.from(now.minus(RunRetry.CREATING).minusSeconds(1)));
        RunRetry.MovedAside moved = assertInstanceOf(RunRetry.MovedAside.class, RunRetry.prepare(dir, now));
        assertTrue(Files.exists(moved.to().resolve(RunFiles.STEPS)));
    }

    @Test
    void aFolderThatIsNoRunIsNotTouched() throws Exception {
        Path dir = Files.createDirectories(out.resolve("run"));
        Files.writeString(dir.resolve("notes.txt"), "mine");
        RunRetry.Foreign o = assertInstanceOf(RunRetry.Foreign.class, RunRetry.prepare(dir, Instant.now()));
        assertTrue(o.why().contains("not a run folder"), o.why());
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }

    /**
     * A writer taken for dead (its heartbeat stale behind a hung file system) whose folder was
     * moved aside must not write into the folder of the run that replaced it under the same name.
     */
    @Test
    void aWriterWhoseFolderWasMovedAsideWritesNothingIntoItsSuccessor() throws Exception {
        Path dir = out.resolve("run");
        try (RunWriter stale = content.create(dir)) {
            stale.append(content.checkpoint(10));
            Path aside = RunRetry.moveAside(dir, Instant.now());
            try (RunWriter successor = content.create(dir)) {
                successor.append(content.checkpoint(10));
                byte[] manifest = Files.readAllBytes(dir.resolve(RunFiles.MANIFEST));

                IOException e = assertThrows(IOException.class, () -> stale.append(content.checkpoint(30)));
                assertTrue(e.getMessage().contains("no longer this writer's"), e.getMessage());
                assertThrows(IOException.class, () -> stale.finish(RunStatus.FINISHED, null));
                assertArrayEquals(manifest, Files.readAllBytes(dir.resolve(RunFiles.MANIFEST)));
                assertFalse(Files.exists(dir.resolve("params").resolve("step_30.npy")), "the stale writer's snapshot");
                successor.finish(RunStatus.FINISHED, null);
            }
            assertEquals(1, Run.open(aside).checkpointCount());
        }
        assertEquals(1, Run.open(dir).checkpointCount());
        assertEquals(RunStatus.FINISHED, Run.open(dir).status());
    }
}
