package org.predspace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.runs.Npy;
import org.predspace.runs.Run;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Starting a run from another run's parameters: the "corner" experiments of docs/science.md section 9. */
@Tag("slow")
class InitFromTest {
    static final String[] DIGITS_MLP = {"train", "--dataset", "digits", "--arch", "mlp", "--width", "32", "--depth", "1",
            "--optimizer", "sgd", "--lr", "0.1", "--epochs", "2", "--checkpoints", "8"};

    @Test
    void aRunStartedFromAnotherBeginsWhereThatOneEnded(@TempDir Path tmp) throws Exception {
        CliRunner pre = CliRunner.run(concat(DIGITS_MLP, "--random-labels", "1", "--snapshots", "sparse", "--name", "pre",
                "--out", tmp.toString()));
        assertEquals(0, pre.exitCode(), pre.err());
        CliRunner from = CliRunner.run(concat(DIGITS_MLP, "--seed", "5", "--snapshots", "none", "--name", "corner",
                "--init-from", tmp.resolve("pre").toString(), "--out", tmp.toString()));
        assertEquals(0, from.exitCode(), from.err());
        CliRunner fresh = CliRunner.run(concat(DIGITS_MLP, "--seed", "5", "--snapshots", "none", "--name", "fresh",
                "--out", tmp.toString()));
        assertEquals(0, fresh.exitCode(), fresh.err());

        Run p = Run.open(tmp.resolve("pre")), c = Run.open(tmp.resolve("corner")), f = Run.open(tmp.resolve("fresh"));
        // same parameters, same probe: the corner run's step 0 predicts exactly what the pre-training ended with
        assertArrayEquals(p.predictions(p.checkpointCount() - 1), c.predictions(0), 1e-6f);
        assertFalse(Arrays.equals(f.predictions(0), c.predictions(0)), "a fresh start differs");
        assertEquals(tmp.resolve("pre").toString(), c.spec().get("init_from"));
        assertEquals(tmp.resolve("pre").toString(), TrainingSpec.fromMap(c.spec()).initFrom());
    }

    @Test
    void aRelativeInitFromIsRelativeToTheNewRunsFolder(@TempDir Path tmp) throws Exception {
        CliRunner pre = CliRunner.run(concat(DIGITS_MLP, "--random-labels", "1", "--snapshots", "sparse", "--name", "pre",
                "--out", tmp.toString()));
        assertEquals(0, pre.exitCode(), pre.err());
        TrainingSpec sibling = TrainingSpec.builder("digits").architecture(Architecture.MLP).width(32)
                .hiddenLayers(1).optimizer(OptimizerKind.SGD).learningRate(0.1).epochs(1).checkpoints(4)
                .snapshots(SnapshotPolicy.NONE).initFrom("../pre").name("sibling").build();
        assertTrue(SpecTrainer.train(List.of(sibling), tmp, 1,
                Cli.commandLine(new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()))));
        Run p = Run.open(tmp.resolve("pre")), c = Run.open(tmp.resolve("sibling"));
        assertArrayEquals(p.predictions(p.checkpointCount() - 1), c.predictions(0), 1e-6f);
        assertEquals("../pre", c.spec().get("init_from"), "recorded as given, so the pair can move together");
    }

    @Test
    void aStartingRunWithoutParametersIsOneClearLine(@TempDir Path tmp) throws Exception {
        CliRunner pre = CliRunner.run(concat(DIGITS_MLP, "--snapshots", "none", "--name", "bare", "--out", tmp.toString()));
        assertEquals(0, pre.exitCode(), pre.err());
        CliRunner r = CliRunner.run(concat(DIGITS_MLP, "--init-from", tmp.resolve("bare").toString(), "--name", "x",
                "--out", tmp.toString()));
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("kept no parameter snapshot"), r.err());
        CliRunner missing = CliRunner.run(concat(DIGITS_MLP, "--init-from", tmp.resolve("nope").toString(), "--name", "y",
                "--out", tmp.toString()));
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.err().contains("nope"), missing.err());
    }

    /** The snapshot training would start from is checked before anything starts, as the run reader checks it. */
    @Test
    void aStartingSnapshotWithNaNIsABadArgument(@TempDir Path tmp) throws Exception {
        CliRunner pre = CliRunner.run(concat(DIGITS_MLP, "--snapshots", "sparse", "--name", "pre", "--out", tmp.toString()));
        assertEquals(0, pre.exitCode(), pre.err());
        long[] steps = Run.open(tmp.resolve("pre")).parameterSteps();
        Path last = tmp.resolve("pre/params/step_" + steps[steps.length - 1] + ".npy");
        float[] p = Run.open(tmp.resolve("pre")).parameters(steps[steps.length - 1]);
        p[p.length / 2] = Float.NaN;
        Files.write(last, Npy.encode(p));
        CliRunner r = CliRunner.run(concat(DIGITS_MLP, "--init-from", tmp.resolve("pre").toString(), "--name", "x",
                "--out", tmp.toString()));
        assertEquals(Cli.EXIT_USAGE, r.exitCode(), r.err());
        TrainCommandTest.assertOneLine(r.err(), last + ": parameter " + p.length / 2 + " of " + p.length + " is NaN");
        assertFalse(Files.exists(tmp.resolve("x")), "no run was started");
    }

    @Test
    void anInitFromStepIsHonouredAndRecorded(@TempDir Path tmp) throws Exception {
        CliRunner pre = CliRunner.run(concat(DIGITS_MLP, "--name", "pre", "--out", tmp.toString()));
        assertEquals(0, pre.exitCode(), pre.err());
        Run p = Run.open(tmp.resolve("pre"));
        long[] saved = p.parameterSteps();
        long step = saved[2];
        CliRunner at = CliRunner.run(concat(DIGITS_MLP, "--seed", "5", "--name", "at", "--init-from",
                tmp.resolve("pre") + "@" + step, "--out", tmp.toString()));
        assertEquals(0, at.exitCode(), at.err());
        Run a = Run.open(tmp.resolve("at"));
        assertArrayEquals(p.predictions(Arrays.binarySearch(p.steps(), step)), a.predictions(0), 1e-6f);
        assertEquals(step, ((Number) a.spec().get("init_from_step")).longValue());
        assertEquals(tmp.resolve("pre").toString(), a.spec().get("init_from"), "the folder without its @step");

        CliRunner last = CliRunner.run(concat(DIGITS_MLP, "--name", "last", "--snapshots", "none", "--init-from",
                tmp.resolve("pre").toString(), "--out", tmp.toString()));
        assertEquals(0, last.exitCode(), last.err());
        assertEquals(saved[saved.length - 1], ((Number) Run.open(tmp.resolve("last")).spec().get("init_from_step")).longValue(),
                "the step it started from is recorded even when not given");
    }

    @Test
    void anInitFromStepWithoutSnapshotIsOneClearLine(@TempDir Path tmp) throws Exception {
        CliRunner pre = CliRunner.run(concat(DIGITS_MLP, "--snapshots", "sparse", "--name", "pre", "--out", tmp.toString()));
        assertEquals(0, pre.exitCode(), pre.err());
        CliRunner r = CliRunner.run(concat(DIGITS_MLP, "--init-from", tmp.resolve("pre") + "@999", "--name", "x",
                "--out", tmp.toString()));
        assertEquals(Cli.EXIT_USAGE, r.exitCode(), r.err());
        TrainCommandTest.assertOneLine(r.err(), "has no parameter snapshot at step 999; steps with one: ");
        assertFalse(Files.exists(tmp.resolve("x")), "no run was started");
    }

    @Test
    void fineTuningOnAnotherTaskFromTheCommandLine(@TempDir Path tmp) throws Exception {
        CliRunner pre = CliRunner.run(concat(DIGITS_MLP, "--task", "even-odd", "--name", "pre", "--out", tmp.toString()));
        assertEquals(0, pre.exitCode(), pre.err());
        CliRunner tuned = CliRunner.run(concat(DIGITS_MLP, "--task", "digits-0-4", "--name", "tuned", "--init-from",
                tmp.resolve("pre").toString(), "--out", tmp.toString()));
        assertEquals(0, tuned.exitCode(), tuned.err());
        Run t = Run.open(tmp.resolve("tuned"));
        assertEquals(5, t.classes(), "a head of the new task's size");
        assertEquals("classes:0,1,2,3,4", t.spec().get("task"));
        assertEquals("digits-0-4", t.spec().get("task_preset"));
    }

    @Test
    void specsWithoutInitFromStillRead() {
        TrainingSpec s = TrainingSpec.builder("digits").build();
        Map<String, Object> m = s.toMap();
        assertFalse(m.containsKey("init_from"), "older run.json files have no init_from");
        assertNull(TrainingSpec.fromMap(m).initFrom());
    }

    static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
