package org.predspace.bench;

import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Run;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.Samples;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Exports for bench/landscape-bench.sh's PyTorch peer the train probe samples the
 * {@code landscape} command scores a run's plane on: {@code samples RUN_DIR N OUT_DIR} writes
 * OUT_DIR/x.npy (float32 [n, d], as the networks take them) and OUT_DIR/y.npy (int64 labels),
 * the same class-balanced subset RunCheckpoint.samples(N) gives the command.
 */
public final class LandscapeBench {
    private LandscapeBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !args[0].equals("samples")) throw new IllegalArgumentException("usage: samples RUN_DIR N OUT_DIR");
        Run run = Run.open(Path.of(args[1]));
        long[] steps = run.parameterSteps();
        Samples s = RunCheckpoint.open(run, steps[steps.length - 1], new DatasetCatalog()).samples(Integer.parseInt(args[2]));
        Path out = Files.createDirectories(Path.of(args[3]));
        try (NpyFiles.FloatWriter x = new NpyFiles.FloatWriter(out.resolve("x.npy"), s.size(), s.dimension())) {
            x.write(s.features());
        }
        NpyFiles.writeInts(out.resolve("y.npy"), s.labels());
        System.out.println("exported " + s.size() + " samples of dimension " + s.dimension() + " to " + out);
    }
}
