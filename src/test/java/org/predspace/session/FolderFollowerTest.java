package org.predspace.session;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.Npy;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.PythonWithNumpy;
import org.predspace.runs.Run;
import org.predspace.runs.RunWriter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Following a folder ({@link ExplorerSession#follow}) while another process writes a run into it
 * with docs/examples/torch_logger.py's numpy part (a Python subprocess; skipped with the reason
 * only where no Python has numpy, failed in CI): checkpoints appear as they are committed, the
 * final picture is the one opening the finished run draws, a writer killed mid-checkpoint leaves
 * its committed prefix, and a bad run is told once and skipped.
 */
@Tag("slow")
class FolderFollowerTest {
    private static final Path EXAMPLES = Path.of("docs/examples");
    private static final Path DRIVER = Path.of("src/test/resources/follow/logger_driver.py");
    private static final Duration POLL = Duration.ofMillis(50);
    private static final long PATIENCE_MS = 30_000;

    @TempDir Path tmp;
    private Process writer;
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @AfterEach
    void endWriter() throws InterruptedException {
        if (writer != null && writer.isAlive()) {
            writer.destroyForcibly();
            writer.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private ExplorerSession session() {
        ExplorerSession s = new ExplorerSession(LiveEmbedding.Settings.defaults().withAxes(5).inForeground(), 1);
        s.addListener(new ExplorerSession.Listener() {
            @Override
            public void runChanged(RunState state) {}

            @Override
            public void problem(String message) { problems.add(message); }
        });
        return s;
    }

    /** The logger driver writing run {@code name} into {@code dir}, on the synthetic runs' probe. */
    private Logger startLogger(Path dir, String name) throws IOException {
        PythonWithNumpy python = PythonWithNumpy.require();
        writer = python.start(DRIVER.toString(), EXAMPLES.toString(), dir.toString(), name, TestRuns.PROBE,
                String.valueOf(TestRuns.N), String.valueOf(TestRuns.C));
        Logger logger = new Logger(writer);
        assertEquals("created", logger.answer());
        return logger;
    }

    private record Logger(Process process, Writer in, BufferedReader out) {
        Logger(Process p) {
            this(p, new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8),
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
        }

        String say(String command) throws IOException {
            in.write(command + "\n");
            in.flush();
            return command.equals("die-mid") ? null : answer();
        }

        String answer() throws IOException {
            String line = out.readLine();
            assertNotNull(line, "the logger driver ended early");
            return line;
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + PATIENCE_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) fail("not within " + PATIENCE_MS / 1000 + " s: " + what);
            Thread.sleep(20);
        }
    }

    private static int pointsOf(ExplorerSession s, ExplorerSession.Probe probe, String run) {
        return (int) s.picture(probe).frame().points().stream().filter(p -> p.run().equals(run)).count();
    }

    private static int checkpointsOf(ExplorerSession s, String run) {
        RunState r = s.run(run);
        return r == null ? -1 : r.metrics().size();
    }

    @Test
    void checkpointsAppearAsTheLoggerCommitsThemAndTheEndIsThePictureOfTheOpenedRun() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("shared"));
        Path earlier = TestRuns.writeSynthetic(folder, "earlier", TestRuns.PROBE, 1, 4);
        try (ExplorerSession followed = session()) {
            FolderFollower follower = followed.follow(folder, POLL);
            await("the finished run already there is opened", () -> checkpointsOf(followed, "earlier") == 4);

            Logger logger = startLogger(folder.resolve("logged"), "logged");
            await("the new run appears once its run.json is there", () -> followed.run("logged") != null);
            assertEquals(RunState.Phase.TRAINING, followed.run("logged").phase(), "running, written elsewhere");
            assertEquals(0, checkpointsOf(followed, "logged"));
            for (int k = 0; k < 6; k++) {
                assertEquals("committed " + k, logger.say("log"));
                int committed = k + 1;
                await("checkpoint " + k + " in the library and both pictures", () -> checkpointsOf(followed, "logged") == committed
                        && pointsOf(followed, ExplorerSession.Probe.TRAINING, "logged") == committed
                        && pointsOf(followed, ExplorerSession.Probe.HELD_OUT, "logged") == committed);
            }
            assertEquals("finished", logger.say("finish"));
            await("the run reads as finished", () -> followed.run("logged").phase() == RunState.Phase.FINISHED);
            assertEquals(6, checkpointsOf(followed, "logged"), "each checkpoint added once");
            await("the status line counts both runs and the six new checkpoints",
                    () -> follower.status().runs() == 2 && follower.status().checkpoints() == 6);

            try (ExplorerSession opened = session()) {
                opened.openAll(List.of(earlier, folder.resolve("logged")), (done, message) -> {});
                for (ExplorerSession.Probe probe : List.of(ExplorerSession.Probe.TRAINING, ExplorerSession.Probe.HELD_OUT)) {
                    followed.picture(probe).refresh();
                    assertSamePicture(opened.picture(probe).frame(), followed.picture(probe).frame(), probe);
                }
                assertEquals(opened.run("logged").metrics(), followed.run("logged").metrics());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aWriterKilledMidCheckpointLeavesARunThatOpensWithItsCommittedPrefix() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("shared"));
        try (ExplorerSession followed = session()) {
            followed.follow(folder, POLL);
            Logger logger = startLogger(folder.resolve("killed"), "killed");
            for (int k = 0; k < 3; k++) logger.say("log");
            logger.say("die-mid");
            assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "the driver killed itself");
            assertEquals(137, writer.exitValue(), "killed by SIGKILL (128 + 9)");
            await("the three committed checkpoints", () -> checkpointsOf(followed, "killed") == 3);
            Path dir = folder.resolve("killed");
            Npy.Header rows = Npy.readHeader(dir.resolve("predictions.npy"));
            assertEquals(4, rows.shape()[0], "the fourth checkpoint's prediction rows were written: the kill was mid-checkpoint");
            Thread.sleep(20 * POLL.toMillis());   // many polls later, still no half checkpoint
            assertEquals(3, checkpointsOf(followed, "killed"));
            assertEquals(3, pointsOf(followed, ExplorerSession.Probe.TRAINING, "killed"));
            await("its writer's process is gone: interrupted", () -> followed.run("killed").phase() == RunState.Phase.INTERRUPTED);

            Run run = Run.open(dir);
            assertEquals(3, run.checkpointCount());
            assertArrayEquals(new long[]{0, 10, 20}, run.steps());
            assertTrue(run.interrupted(), "run.json still says running");
            assertEquals(3, run.metrics().size(), "the fourth metrics line is not committed");
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aBadRunIsToldOnceAndSkippedAndFollowingGoesOn() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("shared"));
        TestRuns.writeSynthetic(folder, "good", TestRuns.PROBE, 0, 3);
        Path bad = TestRuns.writeSynthetic(folder, "bad", TestRuns.PROBE, 1, 3);
        Files.writeString(bad.resolve("labels.npy"), "not an array");
        try (ExplorerSession followed = session()) {
            FolderFollower follower = followed.follow(folder, POLL);
            await("the good run", () -> checkpointsOf(followed, "good") == 3);
            TestRuns.writeSynthetic(folder, "later", TestRuns.PROBE, 2, 2);
            await("a run written after the bad one", () -> checkpointsOf(followed, "later") == 2);
            Thread.sleep(10 * POLL.toMillis());
            assertEquals(1, problems.size(), "one line for the bad run: " + problems);
            assertTrue(problems.get(0).contains("bad") && problems.get(0).contains("labels.npy"), problems.get(0));
            assertNull(followed.run("bad"));

            follower.close();
            assertTrue(follower.stopped());
            assertEquals(List.of(), followed.followers());
            TestRuns.writeSynthetic(folder, "after-stop", TestRuns.PROBE, 3, 2);
            Thread.sleep(10 * POLL.toMillis());
            assertNull(followed.run("after-stop"), "no longer followed");
        }
    }

    @Test
    void aRunStillWrittenWhenFollowingStopsReadsAsInterrupted() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("shared"));
        try (ExplorerSession followed = session()) {
            FolderFollower follower = followed.follow(folder, POLL);
            Logger logger = startLogger(folder.resolve("long"), "long");
            logger.say("log");
            await("its first checkpoint", () -> checkpointsOf(followed, "long") == 1);
            assertEquals(RunState.Phase.TRAINING, followed.run("long").phase());
            follower.close();
            assertEquals(List.of(), problems);
            assertEquals(RunState.Phase.INTERRUPTED, followed.run("long").phase());
            logger.say("log");
            Thread.sleep(10 * POLL.toMillis());
            assertEquals(1, checkpointsOf(followed, "long"), "not followed any more");
        }
    }

    @Test
    void aRunOpenedBeforeFollowingIsTakenOverFromItsLastCheckpoint() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("shared"));
        Path dir = folder.resolve("opened-first");
        try (RunWriter writer = RunWriter.create(dir, "opened-first", TestRuns.C, new ProbeInfo(TestRuns.PROBE, TestRuns.N, "train"),
                Map.of(), TestRuns.labels(), null);
             ExplorerSession followed = session()) {
            for (int k = 0; k < 2; k++) writer.append(syntheticCheckpoint(k));
            assertEquals(RunState.Phase.TRAINING, followed.open(dir).phase(), "opened while this process writes it");
            followed.follow(folder, POLL);
            await("taken over as being written", () -> followed.run("opened-first").phase() == RunState.Phase.TRAINING);
            writer.append(syntheticCheckpoint(2));
            await("its next checkpoint", () -> checkpointsOf(followed, "opened-first") == 3
                    && pointsOf(followed, ExplorerSession.Probe.TRAINING, "opened-first") == 3);
            Thread.sleep(10 * POLL.toMillis());
            assertEquals(3, pointsOf(followed, ExplorerSession.Probe.TRAINING, "opened-first"), "the first two not added again");
        }
        assertEquals(List.of(), problems, "not refused as already open");
    }

    private static Checkpoint syntheticCheckpoint(int k) {
        double t = k / 4.0;
        return new Checkpoint(new CheckpointMetrics(10L * k, k, 1 - 0.9 * t, t, Double.NaN, Double.NaN),
                TestRuns.towardsTruth(t, 5), null, null);
    }

    /** The same checkpoints in the same order, at the same coordinates up to each axis's sign (OpenAllTest's check). */
    static void assertSamePicture(PictureFrame expected, PictureFrame actual, ExplorerSession.Probe probe) {
        assertEquals(expected.size(), actual.size(), probe + ": every checkpoint");
        assertEquals(actual.size(), actual.embedding().exactPoints(), probe + ": an exact InPCA of all of them");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(PredictionPicture.PointKey.of(expected.point(i)), PredictionPicture.PointKey.of(actual.point(i)),
                    probe + ": point " + i);
            assertEquals(expected.point(i).step(), actual.point(i).step());
            assertEquals(expected.point(i).progress(), actual.point(i).progress(), 1e-12);
        }
        for (int axis = 0; axis < 3; axis++) {
            double dot = 0, scale = 0;
            for (int i = 0; i < expected.size(); i++) {
                dot += expected.coordinate(i, axis) * actual.coordinate(i, axis);
                scale = Math.max(scale, Math.abs(expected.coordinate(i, axis)));
            }
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.coordinate(i, axis), Math.signum(dot) * actual.coordinate(i, axis), 1e-6 * scale,
                        probe + ": point " + i + " on axis " + (axis + 1));
            }
        }
    }
}
