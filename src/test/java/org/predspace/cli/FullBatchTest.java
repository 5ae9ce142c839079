package org.predspace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.Run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** train --full-batch: gradient descent on the whole (limited) training set, contradictions refused. */
class FullBatchTest {
    static final String[] IRIS = {"train", "--dataset", "iris", "--arch", "mlp", "--width", "8", "--depth", "1",
            "--epochs", "6", "--checkpoints", "7", "--probe-size", "30", "--snapshots", "all", "--lr", "0.1", "--full-batch"};

    @Test
    void everyStepTakesTheWholeTrainingSetWithPlainSgd(@TempDir Path tmp) throws Exception {
        CliRunner limited = CliRunner.run(InitFromTest.concat(IRIS, "--train-size", "60", "--name", "subset", "--out", tmp.toString()));
        assertEquals(0, limited.exitCode(), limited.err());
        CliRunner whole = CliRunner.run(InitFromTest.concat(IRIS, "--name", "whole", "--out", tmp.toString()));
        assertEquals(0, whole.exitCode(), whole.err());

        Run subset = Run.open(tmp.resolve("subset"));
        assertEquals(60, subset.spec().get("batch_size"));
        assertEquals("sgd", subset.spec().get("optimizer"), "gradient descent without being told --optimizer sgd");
        assertEquals("constant", subset.spec().get("schedule"));
        assertEquals(1, ((Number) ((Map<?, ?>) subset.spec().get("engine")).get("steps_per_epoch")).intValue(), "one step per epoch: epochs are steps");
        List<Long> steps = subset.metrics().stream().map(CheckpointMetrics::step).toList();
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), steps);

        int split = new DatasetCatalog().load("iris").train().size();
        assertEquals(split, Run.open(tmp.resolve("whole")).spec().get("batch_size"), "without --train-size the batch is the whole split");
    }

    @Test
    void optionsThatContradictGradientDescentAreOneLineAndStartNothing(@TempDir Path tmp) {
        refused(tmp, "leave out --batch", "--batch", "16");
        refused(tmp, "use --optimizer sgd (or leave it out), got adam", "--optimizer", "adam");
        refused(tmp, "got nesterov", "--optimizer", "sgd,nesterov");
        refused(tmp, "leave out --schedule cosine", "--schedule", "cosine");
        refused(tmp, "leave out --warmup", "--warmup", "0.1");
        refused(tmp, "--augment would change the data every step", "--augment");
        assertFalse(Files.exists(tmp.resolve("r")), "no run was started");

        CliRunner sgd = CliRunner.run(InitFromTest.concat(IRIS, "--optimizer", "sgd", "--name", "r", "--out", tmp.toString()));
        assertEquals(0, sgd.exitCode(), "--optimizer sgd agrees with --full-batch: " + sgd.err());
    }

    private static void refused(Path tmp, String reason, String... options) {
        String[] args = InitFromTest.concat(InitFromTest.concat(IRIS, options), "--name", "r", "--out", tmp.toString());
        CliRunner r = CliRunner.run(args);
        assertEquals(Cli.EXIT_USAGE, r.exitCode(), r.err());
        TrainCommandTest.assertOneLine(r.err(), reason);
    }
}
