package org.predspace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.training.TrainingEvent;
import org.predspace.training.TrainingPool;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

@Tag("slow")
class InfoCommandTest {
    private static final Path NUMPY_RUN = Path.of("src/test/resources/fixtures/numpy-run");

    @Test
    void killDashNineMidRunLeavesTheFinishedCheckpointsAndAnInterruptedStatus(@TempDir Path tmp) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.predspace.Main",
                "train", "--dataset", "mnist", "--arch", "mlp", "--epochs", "20", "--snapshots", "none",
                "--out", tmp.toString()));
        Process training = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("log.txt").toFile()).start();
        Path runDir = tmp.resolve("mnist-mlp-adam-lr0.001-b128-s0");
        int seen = waitForCheckpoints(runDir, 6, training);
        training.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(training.waitFor(20, TimeUnit.SECONDS));
        assertTrue(seen >= 6);

        CliRunner info = CliRunner.run("info", runDir.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("running (interrupted)"), info.out());

        Run run = Run.open(runDir);
        assertTrue(run.interrupted());
        assertTrue(run.checkpointCount() >= seen, "checkpoints completed before the kill are kept");
        JsonNode json = new ObjectMapper().readTree(CliRunner.run("info", "--json", runDir.toString()).out());
        assertTrue(json.get("interrupted").asBoolean());
        assertEquals(run.checkpointCount(), json.get("checkpoints").asInt());
    }

    /** A run whose training thread died of an error says so, and why, to `info`: not "interrupted". */
    @Test
    void aRunWhoseTrainingDiedOfAnErrorIsShownFailedWithTheReason(@TempDir Path tmp) throws Exception {
        TrainingSpec spec = TrainingSpec.builder("iris").architecture(Architecture.LINEAR).optimizer(OptimizerKind.SGD)
                .learningRate(0.5).batchSize(16).epochs(2).checkpoints(6).probeSize(30).seed(1).name("iris-dies").build();
        AtomicBoolean thrown = new AtomicBoolean();
        Path runDir;
        try (TrainingPool pool = new TrainingPool(1, new DatasetCatalog()::load)) {
            List<TrainingPool.RunHandle> handles = pool.submitAll(List.of(spec), tmp, e -> {
                if (e instanceof TrainingEvent.CheckpointSaved && thrown.compareAndSet(false, true)) {
                    throw new ExceptionInInitializerError(new IllegalStateException("native cache locked"));
                }
            });
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> TrainingPool.awaitAll(handles));
            runDir = handles.get(0).dir();
        }
        String reason = "a library failed to load: ExceptionInInitializerError (IllegalStateException: native cache locked)";

        CliRunner info = CliRunner.run("info", runDir.toString());
        assertEquals(0, info.exitCode(), info.err());
        assertTrue(info.out().contains("status       failed\n"), info.out());
        assertTrue(info.out().contains("Failed after 1 checkpoint (last step 0): " + reason), info.out());
        JsonNode json = new ObjectMapper().readTree(CliRunner.run("info", "--json", runDir.toString()).out());
        assertEquals("failed", json.get("status").asText());
        assertFalse(json.get("interrupted").asBoolean());
        assertEquals(reason, json.get("summary").get("reason").asText());
    }

    private static int waitForCheckpoints(Path runDir, int wanted, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertTrue(p.isAlive(), "training stopped early");
            if (Files.exists(runDir.resolve("run.json"))) {
                try {
                    int t = Run.open(runDir).checkpointCount();
                    if (t >= wanted) return t;
                } catch (RunFormatException stillStarting) {
                    // files appear one by one during create; poll again
                }
            }
            Thread.sleep(100);
        }
        fail("no " + wanted + " checkpoints within 2 minutes");
        return -1;
    }

    @Test
    void opensARunWrittenByNumpyAndReportsItsShape() throws Exception {
        CliRunner text = CliRunner.run("info", NUMPY_RUN.toString());
        assertEquals(0, text.exitCode(), text.err());
        Run run = Run.open(NUMPY_RUN);
        assertTrue(text.out().contains("T = " + run.checkpointCount() + " checkpoints, N = 12 probe samples, C = 3 classes"), text.out());
        assertTrue(text.out().contains("fixture-probe-12"));

        JsonNode json = new ObjectMapper().readTree(CliRunner.run("info", "--json", NUMPY_RUN.toString()).out());
        assertEquals("numpy fixture", json.get("name").asText());
        assertEquals(3, json.get("classes").asInt());
        assertEquals(12, json.get("samples").asInt());
        assertEquals("fixture-probe-12", json.get("probe").get("id").asText());
        assertEquals("finished", json.get("status").asText());
        assertFalse(json.get("interrupted").asBoolean());
    }

    /** info says whether a run has imprinted predictions, on which shared probe, and why not when it has none. */
    @Test
    void saysWhetherARunHasImprintedPredictions(@TempDir Path tmp) throws Exception {
        CliRunner mlp = CliRunner.run(InitFromTest.concat(TrainSizeTest.DIGITS, "--name", "mlp", "--out", tmp.toString()));
        assertEquals(0, mlp.exitCode(), mlp.err());
        String[] linearArgs = TrainSizeTest.DIGITS.clone();
        linearArgs[Arrays.asList(linearArgs).indexOf("mlp")] = "linear";
        CliRunner linear = CliRunner.run(InitFromTest.concat(linearArgs, "--name", "linear", "--out", tmp.toString()));
        assertEquals(0, linear.exitCode(), linear.err());

        Run run = Run.open(tmp.resolve("mlp"));
        String probeId = run.manifest().imprint().probe().id();
        CliRunner text = CliRunner.run("info", tmp.resolve("mlp").toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("imprinted    C = 10 classes on shared probe " + probeId
                + " (N = 50); prototypes digits-train-prototypes-n1000-")), text.out());
        JsonNode json = new ObjectMapper().readTree(CliRunner.run("info", "--json", tmp.resolve("mlp").toString()).out());
        assertEquals(10, json.get("imprint").get("classes").asInt());
        assertEquals(probeId, json.get("imprint").get("probe").get("id").asText());
        assertEquals(1000, json.get("imprint").get("prototypes").get("size").asInt());

        CliRunner none = CliRunner.run("info", tmp.resolve("linear").toString());
        assertTrue(none.out().lines().anyMatch(l -> l.equals("imprinted    none (softmax regression has no hidden features to imprint)")),
                none.out());
        assertTrue(new ObjectMapper().readTree(CliRunner.run("info", "--json", tmp.resolve("linear").toString()).out())
                .get("imprint").isNull());
    }

    @Test
    void missingOrBrokenRunFolderIsOneLine(@TempDir Path tmp) throws Exception {
        CliRunner missing = CliRunner.run("info", tmp.resolve("nope").toString());
        assertEquals(Cli.EXIT_FAILURE, missing.exitCode());
        TrainCommandTest.assertOneLine(missing.err(), "nope");

        Files.writeString(tmp.resolve("run.json"), "{ not json");
        CliRunner broken = CliRunner.run("info", tmp.toString());
        assertEquals(Cli.EXIT_FAILURE, broken.exitCode());
        TrainCommandTest.assertOneLine(broken.err(), "run.json");
    }

    @Test
    void datasetsListsTheBundledSetsWithTheirSizes() {
        CliRunner r = CliRunner.run("datasets");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("mnist\\s+20000\\s+3000\\s+10\\s+1x28x28.*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("digits\\s+1438\\s+359\\s+10.*")), r.out());
        for (String id : List.of("fashion", "iris", "spirals", "gauss", "sloppy")) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(id + " ")), id);
        }
    }
}
