package org.predspace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.runs.InputText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The README's promise: a bad argument exits 2 with one line naming it, before anything is read
 * or written; 1 is kept for failures while working.
 */
class BadArgumentsTest {
    @TempDir Path tmp;

    /** Each row: the arguments (--out is added for train and import), then what the line must say. */
    private List<String[]> table() {
        String digits = "train --dataset digits --epochs 1";
        String imports = "import --predictions p.npy --labels l.npy --steps s.npy --probe-id p";
        return List.of(
                row(digits + " --batch 0", "batch size must be in 1..65536, got 0"),
                row(digits + " --batch 70000", "batch size must be in 1..65536"),
                row(digits + " --lr NaN", "learning rate must be a positive number, got NaN"),
                row(digits + " --lr -0.1", "learning rate must be a positive number"),
                row(digits + " --lr Infinity", "learning rate must be a positive number"),
                row("train --dataset digits --epochs 0", "epochs must be in 1..10000"),
                row(digits + " --checkpoints 1", "checkpoints must be in 2..10000"),
                row(digits + " --probe-size 0", "probe size must be in 1..100000"),
                row(digits + " --warmup 1", "warm-up fraction must be in [0, 1)"),
                row(digits + " --random-labels 1.5", "random-label fraction must be in [0, 1]"),
                row(digits + " --weight-decay NaN", "weight decay must be >= 0"),
                row(digits + " --depth 0", "hidden layers must be in 1..16"),
                row(digits + " --width 0", "width must be in 1..4096"),
                row(digits + " --jobs 0", "--jobs must be at least 1"),
                row(digits + " --schedule wavy", "unknown"),
                row(digits + " --snapshots some", "unknown"),
                row(digits + " --arch transformer", "unknown architecture 'transformer'"),
                row(digits + " --optimizer sdg", "unknown optimizer 'sdg'"),
                row(digits + " --seed 1,1", "the sweep lists a value twice"),
                row(digits + " --seed 0,1 --name one", "--name works for a single run; this sweep has 2"),
                row("train --dataset cifar --epochs 1", "unknown data set 'cifar'"),
                row("train --dataset iris --arch lenet --epochs 1", "lenet needs image data"),
                row(digits + " --batch x", "'x'"),
                row("train --dataset digits", "--out"),
                row(imports + " --name n --lr NaN", "learning rate must be a positive number, got NaN"),
                row(imports + " --name n --batch-size 0", "batch size must be in 1..65536, got 0"),
                row(imports + " --name n --status running", "status cannot be running"),
                row(imports + " --name n --status paused", "unknown run status 'paused'"),
                row(imports + " --name n --spec seed=1 --seed 2", "--spec seed repeats"),
                row(imports + " --name n --normalize --logits", "mutually exclusive"),
                row(imports, "--name"),
                row("info", "RUN_DIR"),
                row("info somewhere --colour", "--colour"),
                row("embed --dims x", "'x'"),
                row("compare --grid many", "'many'"),
                row("spectrum --k lots", "'lots'"),
                row("samples --out " + tmp, "exists; remove it to regenerate the samples"),
                row("nonsense", "nonsense"));
    }

    private static String[] row(String args, String says) {
        List<String> r = new ArrayList<>(List.of(args.split(" ")));
        r.add(says);
        return r.toArray(String[]::new);
    }

    @Test
    void everyBadArgumentExitsTwoWithOneLineAndWritesNothing() throws Exception {
        Path out = tmp.resolve("out");
        for (String[] row : table()) {
            List<String> args = new ArrayList<>(List.of(row).subList(0, row.length - 1));
            if (args.get(0).equals("train") && args.contains("--epochs") || args.get(0).equals("import")) {
                args.addAll(List.of("--out", out.toString()));
            }
            String what = String.join(" ", args);
            CliRunner r = CliRunner.run(args.toArray(String[]::new));
            assertEquals(Cli.EXIT_USAGE, r.exitCode(), what + ": " + r.err());
            TrainCommandTest.assertOneLine(r.err(), row[row.length - 1]);
            assertTrue(r.err().contains("--help"), what + " points to --help: " + r.err());
            assertFalse(Files.exists(out), what + " wrote " + out);
        }
    }

    /** A run's name is its folder's name: one component inside --out, never a path out of it. */
    @Test
    void aNameThatIsNotAFolderNameIsRefused() throws Exception {
        Path out = tmp.resolve("a").resolve("b");
        String[][] names = {
                {"../../escaped", "may use letters, digits, '.', '_' and '-' only, got '../../escaped'"},
                {tmp.resolve("abs").toString(), "may use letters, digits"},
                {"..", "may not start with '.'"},
                {".hidden", "may not start with '.'"},
                {"a\\b", "may use letters"},
                {"two\nlines", "got 'two\\nlines'"},
                {"nul\0byte\u001b[2J", "got 'nul\\u0000byte\\u001b[2J'"},
                {"x".repeat(101), "is 101 characters long; at most 100"}};
        for (String[] n : names) {
            CliRunner r = CliRunner.run("train", "--dataset", "iris", "--epochs", "1", "--checkpoints", "2",
                    "--name", n[0], "--out", out.toString());
            assertEquals(Cli.EXIT_USAGE, r.exitCode(), n[0] + ": " + r.err());
            TrainCommandTest.assertOneLine(r.err(), n[1]);
            assertFalse(InputText.hasControl(r.err().strip()), "no raw control characters: " + InputText.escape(r.err()));
        }
        try (Stream<Path> all = Files.walk(tmp)) {
            assertEquals(List.of(tmp), all.toList(), "nothing was written anywhere");
        }
    }

    @Test
    void fileErrorsSayWhatIsWrongWithTheFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("ok.csv"), "1,2,0\n3,4,1\n");
        CliRunner info = CliRunner.run("info", file.toString());
        assertEquals(Cli.EXIT_FAILURE, info.exitCode());
        TrainCommandTest.assertOneLine(info.err(), file + ": is a file, not a run folder");

        // --out names a file: Files.createDirectories throws FileAlreadyExistsException, whose message is only the path
        CliRunner train = CliRunner.run("train", "--dataset", "iris", "--epochs", "1", "--out", file.toString());
        assertEquals(Cli.EXIT_FAILURE, train.exitCode());
        TrainCommandTest.assertOneLine(train.err(), file + ": already exists and is not a folder");
        assertEquals("1,2,0\n3,4,1\n", Files.readString(file));
    }
}
