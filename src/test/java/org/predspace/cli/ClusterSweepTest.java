package org.predspace.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.Main;
import org.predspace.runs.Run;
import org.predspace.runs.RunFolders;
import org.predspace.runs.RunRetry;
import org.predspace.runs.RunStatus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A sweep trained as a cluster trains it: the Slurm script's tasks started at once as separate
 * processes, each with its own index, into one folder, give the same runs as one process
 * training the whole sweep; a task run again keeps its finished run and trains an interrupted
 * one again; a run whose writer is killed reads as running while it lives and interrupted after.
 */
@Tag("slow")
class ClusterSweepTest {
    /** 2 x 2 = 4 tiny runs (iris: 120 training samples), so four JVMs at once stay within seconds. */
    private static final String[] SWEEP = {"train", "--dataset", "iris", "--arch", "linear,mlp", "--optimizer", "sgd,adam",
            "--lr", "0.01", "--batch", "32", "--epochs", "3", "--checkpoints", "6", "--probe-size", "30"};
    private static final int RUNS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void tasksStartedAtOnceIntoOneFolderGiveTheRunsOfOneProcessAndReRunsKeepOrRetrainThem() throws Exception {
        Path shared = tmp.resolve("shared");
        Path script = slurmScript(SWEEP, shared);

        List<Process> tasks = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) tasks.add(startTask(script, i));
        for (int i = 0; i < RUNS; i++) assertEquals(0, finish(tasks.get(i)).exit(), "task " + i);

        Path single = tmp.resolve("single");
        CliRunner one = CliRunner.run(with(SWEEP, "--out", single.toString(), "--jobs", "1"));
        assertEquals(0, one.exitCode(), one.err());

        List<Path> reference = RunFolders.find(single);
        assertEquals(RUNS, reference.size());
        assertEquals(names(reference), names(RunFolders.find(shared)));
        Set<Long> writers = new HashSet<>();
        for (Path r : reference) {
            Run cluster = Run.open(shared.resolve(r.getFileName()));
            assertSameRun(Run.open(r), cluster);
            writers.add(cluster.manifest().writer().pid());
        }
        assertEquals(RUNS, writers.size(), "each run was written by its own process");
        assertFalse(writers.contains(ProcessHandle.current().pid()));

        List<String> byIndex = CliRunner.run(with(SWEEP, "--out", shared.toString(), "--plan", "list")).out().lines()
                .skip(1).map(line -> line.split("\t")[1]).toList();
        // a requeued task whose run finished keeps it and succeeds
        Path first = shared.resolve(byIndex.get(1));
        byte[] manifest = Files.readAllBytes(first.resolve("run.json"));
        Result again = finish(startTask(script, 1));
        assertEquals(0, again.exit(), again.text());
        assertTrue(again.text().contains("already ended") && again.text().contains("kept"), again.text());
        assertArrayEquals(manifest, Files.readAllBytes(first.resolve("run.json")));

        // a requeued task whose run was interrupted (status running, its writer's process gone) trains it again
        Path interrupted = shared.resolve(byIndex.get(2));
        Path expected = single.resolve(byIndex.get(2));
        markRunningByDeadProcess(interrupted);
        assertTrue(Run.open(interrupted).interrupted());
        Result retrain = finish(startTask(script, 2));
        assertEquals(0, retrain.exit(), retrain.text());
        assertTrue(retrain.text().contains("moved aside"), retrain.text());
        assertSameRun(Run.open(expected), Run.open(interrupted));
        try (var aside = Files.list(shared.resolve(RunRetry.ASIDE))) {
            Path old = aside.findFirst().orElseThrow();
            assertEquals(Run.open(expected).checkpointCount(), Run.open(old).checkpointCount(), "kept, not deleted");
        }
        assertEquals(RUNS, RunFolders.find(shared).size(), "the attempt moved aside is not listed as a run");
    }

    /** A live writer in another process reads as running; killed (SIGKILL), its run reads as interrupted with what it committed. */
    @Test
    void aRunWhoseWriterIsKilledReadsAsRunningThenInterrupted() throws Exception {
        Path shared = tmp.resolve("shared");
        String[] slow = {"train", "--dataset", "digits", "--arch", "mlp", "--epochs", "100", "--batch", "16", "--checkpoints", "60"};
        Path script = slurmScript(slow, shared);
        Path dir = shared.resolve("digits-mlp-adam-lr0.001-b16-s0");
        Process task = startTask(script, 0);
        try {
            Run seen = awaitCheckpoint(dir, task);
            assertTrue(seen.beingWritten(), seen.statusMessage());
            assertFalse(seen.interrupted());
            assertEquals(task.pid(), seen.manifest().writer().pid(), "bash execs the launcher: the task's process is the writer");
            assertTrue(seen.statusMessage().startsWith("Running"), seen.statusMessage());
        } finally {
            task.destroyForcibly();
            assertTrue(task.waitFor(30, TimeUnit.SECONDS));
        }
        Run dead = Run.open(dir);
        assertEquals(RunStatus.RUNNING, dead.status());
        assertTrue(dead.interrupted(), dead.statusMessage());
        assertTrue(dead.checkpointCount() >= 1);
        CliRunner info = CliRunner.run("info", dir.toString());
        assertTrue(info.out().contains("running (interrupted)"), info.out());
    }

    private Path slurmScript(String[] sweep, Path out) throws IOException {
        String launcher = String.join(" ", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        CliRunner plan = CliRunner.run(with(sweep, "--out", out.toString(), "--plan", "slurm", "--launcher", launcher));
        assertEquals(0, plan.exitCode(), plan.err());
        return Files.writeString(tmp.resolve("sweep-" + out.getFileName() + ".sbatch"), plan.out());
    }

    /** The script's body as Slurm's array task {@code index} runs it, without Slurm. */
    private static Process startTask(Path script, int index) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().put("SLURM_ARRAY_TASK_ID", Integer.toString(index));
        return pb.start();
    }

    private record Result(int exit, String text) {}

    private static Result finish(Process p) throws Exception {
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "task did not end");
        return new Result(p.exitValue(), text);
    }

    private static Run awaitCheckpoint(Path dir, Process writer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertTrue(writer.isAlive(), "the task ended before it could be seen writing");
            if (RunFolders.isRun(dir)) {
                Run r = Run.open(dir);
                if (r.checkpointCount() >= 1) return r;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no checkpoint in " + dir + " within 2 minutes");
    }

    private static void markRunningByDeadProcess(Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(10, TimeUnit.SECONDS));
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve("run.json").toFile());
        root.put("status", "running");
        root.remove("finished");
        ((ObjectNode) root.get("writer")).put("pid", gone.pid()).remove("process_started");
        Files.write(dir.resolve("run.json"), JSON.writeValueAsBytes(root));
    }

    /** Everything the run format holds, bit for bit; the writer and the times differ by nature. */
    private static void assertSameRun(Run expected, Run actual) throws Exception {
        String name = expected.name();
        assertEquals(name, actual.name());
        assertEquals(RunStatus.FINISHED, expected.status(), name);
        assertEquals(expected.status(), actual.status(), name);
        assertEquals(expected.spec(), actual.spec(), name);
        assertEquals(expected.probe(), actual.probe(), name);
        assertArrayEquals(expected.steps(), actual.steps(), name);
        assertArrayEquals(expected.labels(), actual.labels(), name);
        assertEquals(expected.metrics(), actual.metrics(), name);
        for (int t = 0; t < expected.checkpointCount(); t++) {
            assertArrayEquals(expected.predictions(t), actual.predictions(t), name + " checkpoint " + t);
            assertArrayEquals(expected.testPredictions(t), actual.testPredictions(t), name + " held-out checkpoint " + t);
        }
        assertArrayEquals(expected.parameterSteps(), actual.parameterSteps(), name);
        for (long step : expected.parameterSteps()) {
            assertArrayEquals(expected.parameters(step), actual.parameters(step), name + " parameters at " + step);
        }
        assertEquals(expected.hasImprinted(), actual.hasImprinted(), name);
        if (expected.hasImprinted()) {
            for (int t = 0; t < expected.checkpointCount(); t++) {
                assertArrayEquals(expected.imprinted().predictions(t), actual.imprinted().predictions(t), name + " imprinted " + t);
            }
        }
        assertEquals(expected.summary(), actual.summary(), name);
    }

    private static List<String> names(List<Path> runs) {
        return runs.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static String[] with(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
