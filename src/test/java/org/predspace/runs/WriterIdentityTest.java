package org.predspace.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.platform.Workers;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * run.json's writer block (docs/run-format.md): who writes a run, so a reader tells a run still
 * being written from one whose writer died; and the claim that lets only one writer into a folder.
 */
class WriterIdentityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path tmp;
    private final SyntheticRun content = SyntheticRun.SMALL;

    @Test
    void aRunBeingWrittenHereReadsAsRunningAndAsInterruptedOnceItsWriterClosesWithoutFinishing() throws Exception {
        Path dir = tmp.resolve("run");
        try (RunWriter w = content.create(dir)) {
            w.append(content.checkpoint(10));
            Run open = Run.open(dir);
            assertTrue(open.beingWritten());
            assertFalse(open.interrupted());
            assertTrue(open.statusMessage().startsWith("Running after 1 checkpoint"), open.statusMessage());
            WriterIdentity writer = open.manifest().writer();
            assertEquals(ProcessHandle.current().pid(), writer.pid());
            assertEquals(WriterIdentity.ThisHost.NAME, writer.host());
            assertEquals(WriterIdentity.HEARTBEAT_SECONDS, writer.heartbeatSeconds());
            assertNotNull(writer.processStarted());
        }
        Run closed = Run.open(dir);
        assertFalse(closed.beingWritten());
        assertTrue(closed.interrupted());
        assertTrue(closed.statusMessage().contains("its writer, process " + ProcessHandle.current().pid()), closed.statusMessage());
    }

    @Test
    void aFinishedRunKeepsItsWriterAndIsNeitherRunningNorInterrupted() throws Exception {
        Run run = Run.open(content.writeEnded(tmp.resolve("run"), RunStatus.FINISHED, null));
        assertFalse(run.beingWritten());
        assertFalse(run.interrupted());
        assertEquals(run.manifest().finished(), run.manifest().writer().heartbeat(), "the last heartbeat is the end");
    }

    @Test
    void onThisHostTheWritersProcessDecides() throws Exception {
        Path dir = content.writeUnfinished(tmp.resolve("run"), 2);
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            String started = other.info().startInstant().orElseThrow().toString();
            setWriter(dir, WriterIdentity.ThisHost.NAME, other.pid(), started, Instant.now().minus(Duration.ofDays(1)));
            Run alive = Run.open(dir);
            assertTrue(alive.beingWritten(), "a live process on this host writes it, however old its heartbeat");
            assertTrue(alive.statusMessage().contains("being written by process " + other.pid()), alive.statusMessage());

            // the same pid, but a process that started at another time: the pid was reused
            setWriter(dir, WriterIdentity.ThisHost.NAME, other.pid(), Instant.parse(started).minus(Duration.ofHours(1)).toString(),
                    Instant.now());
            assertTrue(Run.open(dir).interrupted());
        } finally {
            other.destroyForcibly();
            assertTrue(other.waitFor(10, TimeUnit.SECONDS));
        }
        setWriter(dir, WriterIdentity.ThisHost.NAME, other.pid(), null, Instant.now());
        Run dead = Run.open(dir);
        assertTrue(dead.interrupted(), "its process is gone, however fresh its heartbeat");
        assertEquals(2, dead.checkpointCount());
    }

    @Test
    void onAnotherHostTheHeartbeatsAgeDecides() throws Exception {
        Path dir = content.writeUnfinished(tmp.resolve("run"), 1);
        Instant now = Instant.now();
        Duration limit = Duration.ofSeconds((long) WriterIdentity.HEARTBEAT_SECONDS * WriterIdentity.MISSED_BEATS);

        setWriter(dir, "node-elsewhere-17", 4242, null, now.minus(limit).plusSeconds(20));
        assertTrue(Run.open(dir).beingWritten());
        setWriter(dir, "node-elsewhere-17", 4242, null, now.minus(limit).minusSeconds(5));
        Run stale = Run.open(dir);
        assertTrue(stale.interrupted());
        assertTrue(stale.statusMessage().contains("process 4242 on node-elsewhere-17"), stale.statusMessage());
    }

    @Test
    void aRunWithoutWriterBlockStillOpensAndARunningOneCountsAsInterrupted() throws Exception {
        Path dir = content.writeUnfinished(tmp.resolve("run"), 1);
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(RunFiles.MANIFEST).toFile());
        root.remove("writer");
        Files.write(dir.resolve(RunFiles.MANIFEST), JSON.writeValueAsBytes(root));
        Run run = Run.open(dir);
        assertNull(run.manifest().writer());
        assertTrue(run.interrupted());
    }

    @Test
    void aMalformedWriterBlockIsOneLineNamingTheField() throws Exception {
        Path dir = content.writeUnfinished(tmp.resolve("run"), 1);
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(RunFiles.MANIFEST).toFile());
        ((ObjectNode) root.get("writer")).put("heartbeat", "yesterday");
        Files.write(dir.resolve(RunFiles.MANIFEST), JSON.writeValueAsBytes(root));
        RunFormatException e = assertThrows(RunFormatException.class, () -> Run.open(dir));
        assertTrue(e.getMessage().contains("writer.heartbeat") && e.getMessage().contains("yesterday"), e.getMessage());

        ((ObjectNode) root.get("writer")).put("heartbeat", Instant.now().toString()).put("pid", "many");
        Files.write(dir.resolve(RunFiles.MANIFEST), JSON.writeValueAsBytes(root));
        e = assertThrows(RunFormatException.class, () -> Run.open(dir));
        assertTrue(e.getMessage().contains("'pid'"), e.getMessage());
    }

    /** Writers racing for one folder (cluster tasks given the same index): one wins, the others write nothing. */
    @Test
    void onlyOneOfManyRacingWritersClaimsAFolder() throws Exception {
        Path dir = tmp.resolve("contested");
        int racers = 6;
        ExecutorService pool = Workers.pool("claim-race", racers, Workers.Priority.NORMAL);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RunWriter>> results = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                // each racer its own labels: the winner's folder must hold the winner's, not a loser's
                int[] mine = new int[content.probeSize()];
                for (int j = 0; j < mine.length; j++) mine[j] = (j + i) % content.classes();
                labels.add(mine);
                results.add(pool.submit(() -> {
                    start.await();
                    return RunWriter.create(dir, "racer", content.classes(), content.probe(), Map.of(), mine, null);
                }));
            }
            start.countDown();
            List<RunWriter> winners = new ArrayList<>();
            int[] winnersLabels = null;
            int refused = 0;
            for (int i = 0; i < racers; i++) {
                try {
                    winners.add(results.get(i).get(30, TimeUnit.SECONDS));
                    winnersLabels = labels.get(i);
                } catch (ExecutionException e) {
                    assertInstanceOf(FileAlreadyExistsException.class, e.getCause(), String.valueOf(e.getCause()));
                    refused++;
                }
            }
            assertEquals(1, winners.size());
            assertEquals(racers - 1, refused);
            try (RunWriter winner = winners.get(0)) {
                winner.append(withoutTest(content.checkpoint(10)));
                winner.finish(RunStatus.FINISHED, null);
            }
            Run run = Run.open(dir);
            assertEquals(1, run.checkpointCount());
            assertArrayEquals(winnersLabels, run.labels());
            assertArrayEquals(content.checkpoint(10).probePredictions(), run.predictions(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void heartbeatIsCheapBetweenRenewalsAndRewritesNothing() throws Exception {
        Path dir = tmp.resolve("run");
        try (RunWriter w = content.create(dir)) {
            byte[] before = Files.readAllBytes(dir.resolve(RunFiles.MANIFEST));
            w.heartbeat();   // the first renewal is HEARTBEAT_SECONDS away
            assertArrayEquals(before, Files.readAllBytes(dir.resolve(RunFiles.MANIFEST)));
        }
    }

    @Test
    void aRenewedHeartbeatIsWrittenByRename() throws Exception {
        Path dir = tmp.resolve("run");
        try (RunWriter w = content.create(dir)) {
            w.heartbeat();   // not yet due: the writer remembers when it will be, until the heartbeat changes
            // age the recorded heartbeat as if HEARTBEAT_SECONDS had passed
            Instant old = Instant.now().minusSeconds(WriterIdentity.HEARTBEAT_SECONDS + 1);
            w.backdateHeartbeat(old);
            Instant asked = Instant.now();
            w.heartbeat();
            Instant renewed = Run.manifest(dir).writer().heartbeatInstant();
            assertTrue(renewed.isAfter(old.plusSeconds(WriterIdentity.HEARTBEAT_SECONDS)), renewed + " after " + old);
            assertFalse(renewed.isBefore(asked), "renewed at " + renewed + ", asked at " + asked);
            assertEquals(RunStatus.RUNNING, Run.manifest(dir).status());
        }
    }

    private static Checkpoint withoutTest(Checkpoint c) {
        return new Checkpoint(c.metrics(), c.probePredictions(), null, c.parameters());
    }

    private static void setWriter(Path dir, String host, long pid, String started, Instant heartbeat) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(RunFiles.MANIFEST).toFile());
        ObjectNode w = root.putObject("writer");
        w.put("host", host).put("pid", pid);
        if (started != null) w.put("process_started", started);
        w.put("heartbeat", heartbeat.toString()).put("heartbeat_seconds", WriterIdentity.HEARTBEAT_SECONDS);
        Files.write(dir.resolve(RunFiles.MANIFEST), JSON.writeValueAsBytes(root));
    }
}
