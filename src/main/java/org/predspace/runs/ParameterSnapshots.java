package org.predspace.runs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * params/step_&lt;step&gt;.npy: one flat float32 parameter vector per snapshot. Each file is
 * written whole via temp file and atomic rename, so it is either absent or complete.
 */
final class ParameterSnapshots {
    private static final Pattern NAME = Pattern.compile("step_(-?\\d{1,18})\\.npy");

    private ParameterSnapshots() {}

    static Path file(Path runDir, long step) {
        return runDir.resolve(RunFiles.PARAMS_DIR).resolve("step_" + step + ".npy");
    }

    static void write(Path runDir, long step, float[] parameters) throws IOException {
        Files.createDirectories(runDir.resolve(RunFiles.PARAMS_DIR));
        AtomicFiles.write(file(runDir, step), Npy.encode(parameters));
    }

    /** The snapshot at {@code step}, checked as predictions are: every value finite. */
    static float[] read(Path runDir, long step, int maxParameters) throws RunFormatException {
        Path file = file(runDir, step);
        float[] parameters = Npy.readFloats(file, maxParameters);
        int bad = ProbabilityRows.firstNonFinite(parameters);
        if (bad >= 0) {
            throw new RunFormatException(file + ": parameter " + bad + " of " + parameters.length + " is " + parameters[bad]
                    + "; a snapshot must hold finite numbers (did the run diverge before it was saved?)");
        }
        return parameters;
    }

    /**
     * Steps with a snapshot, ascending, among the committed ones: a snapshot written just
     * before a crash belongs to a checkpoint that never committed, and is left out.
     */
    static long[] list(Path runDir, long[] committedSteps) throws RunFormatException {
        Path dir = runDir.resolve(RunFiles.PARAMS_DIR);
        if (!Files.isDirectory(dir)) return new long[0];
        long[] found = new long[16];
        int n = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (!m.matches()) continue; // temp files and anything else another tool put there
                long step = Long.parseLong(m.group(1));
                // canonical names only (not step_007.npy), so one step has one file
                if (!file(runDir, step).getFileName().equals(p.getFileName())) continue;
                if (Arrays.binarySearch(committedSteps, step) < 0) continue;
                if (n == found.length) found = Arrays.copyOf(found, n * 2);
                found[n++] = step;
            }
        } catch (NoSuchFileException e) {
            return new long[0];
        } catch (IOException e) {
            throw new RunFormatException(dir + ": cannot list (" + e + ")", e);
        }
        long[] steps = Arrays.copyOf(found, n);
        Arrays.sort(steps);
        return steps;
    }
}
