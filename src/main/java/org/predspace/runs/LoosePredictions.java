package org.predspace.runs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A [T, N, C] array of model outputs another tool saved (float32 or float64, C order), read one
 * checkpoint at a time and turned into probability rows the run format accepts. Every refusal
 * names the file, the checkpoint, its step and the probe sample.
 */
final class LoosePredictions implements AutoCloseable {
    /** What the rows of the file hold, and so how they become distributions. */
    enum Rows {
        /** softmax outputs: checked, never changed */
        PROBABILITIES("softmax probabilities"),
        /** non-negative scores: each row divided by its sum */
        NORMALIZE("rows divided by their sums"),
        /** logits or log-probabilities: softmax applied */
        LOGITS("softmax of logits");

        private final String description;

        Rows(String description) { this.description = description; }

        String description() { return description; }
    }

    private final Path file;
    private final String role;
    private final Npy.Header header;
    private final FileChannel channel;
    private final int rows;
    private final int classes;

    private LoosePredictions(Path file, String role, Npy.Header header, FileChannel channel, int rows, int classes) {
        this.file = file;
        this.role = role;
        this.header = header;
        this.channel = channel;
        this.rows = rows;
        this.classes = classes;
    }

    /**
     * @param role        what the array is, for messages ("predictions", "held-out predictions")
     * @param steps       the checkpoints' steps; the array must have one row block per step
     * @param stepsFile   where the steps came from, for messages
     * @param labels      the probe labels; the array must have one row per label
     * @param labelsFile  where the labels came from, for messages
     */
    static LoosePredictions open(Path file, String role, long[] steps, Path stepsFile, int labels, Path labelsFile)
            throws RunFormatException {
        Npy.Header h = Npy.readHeader(file);
        if (!h.dtype().isFloat()) {
            throw new RunFormatException(file + ": " + role + " have dtype " + h.dtype().numpyName()
                    + "; expected float32 or float64 softmax outputs");
        }
        long[] s = h.shape();
        if (s.length != 3) {
            throw new RunFormatException(file + ": " + role + " have shape " + h.shapeString()
                    + "; expected (T, N, C): checkpoints, probe samples, classes"
                    + (s.length == 2 ? " (a single checkpoint: save p[None])" : ""));
        }
        if (s[0] != steps.length) {
            throw new RunFormatException(file + ": " + role + " have shape " + h.shapeString() + ", " + s[0]
                    + " checkpoints, but " + stepsFile + " has " + steps.length + " steps");
        }
        if (s[1] != labels) {
            throw new RunFormatException(file + ": " + role + " have shape " + h.shapeString() + ", " + s[1]
                    + " samples per checkpoint, but " + labelsFile + " has " + labels + " labels");
        }
        if (s[2] < 1 || s[1] * s[2] > Integer.MAX_VALUE - 8) {
            throw new RunFormatException(file + ": " + role + " have shape " + h.shapeString()
                    + "; one checkpoint must hold between 1 and 2^31 values");
        }
        try {
            return new LoosePredictions(file, role, h, Npy.openForRead(file), (int) s[1], (int) s[2]);
        } catch (IOException e) {
            throw Npy.unreadable(file, e);
        }
    }

    Path file() { return file; }

    /** What the array is, for messages ("predictions", "imprinted held-out predictions"). */
    String role() { return role; }

    int classes() { return classes; }

    /**
     * Checkpoint {@code t} (at {@code step}) as N*C probabilities, row-major. Rows that need
     * arithmetic (softmax, normalising) are computed from the file's values in double and only
     * the resulting probabilities are rounded to float: logits of 1e8 differ in their eighth
     * digit, which float32 does not hold, and finite float64 logits above 3.4e38 have no float32.
     */
    float[] checkpoint(int t, long step, Rows mode) throws RunFormatException {
        int size = rows * classes;
        float[] values = new float[size];
        double[] raw = mode == Rows.PROBABILITIES ? null : new double[size];
        try {
            if (raw == null) Npy.readFloats(channel, header, (long) t * size, values, 0, size);
            else Npy.readDoubles(channel, header, (long) t * size, raw);
        } catch (IOException e) {
            throw Npy.unreadable(file, e);
        }
        String at = file + ": " + role + " at checkpoint " + t + " (step " + step + "), sample ";
        if (raw != null) {
            for (int i = 0, base = 0; i < rows; i++, base += classes) {
                String problem = mode == Rows.NORMALIZE ? normalize(raw, base, values) : softmax(raw, base, values);
                if (problem != null) throw new RunFormatException(at + i + problem);
            }
        }
        ProbabilityRows.Problem p = ProbabilityRows.find(values, classes);
        if (p != null) throw new RunFormatException(at + p.row() + describe(p, mode));
        return values;
    }

    private String describe(ProbabilityRows.Problem p, Rows mode) {
        return switch (p.kind()) {
            case NON_FINITE -> ", class " + p.cls() + " is " + (float) p.value();
            case NEGATIVE -> ", class " + p.cls() + " is negative (" + (float) p.value() + "); probabilities cannot be"
                    + " (logits or log-probabilities? import them with --logits)";
            case SUM -> " sums to " + (float) p.value() + ", not 1 (tolerance " + ProbabilityRows.SUM_TOLERANCE + ")"
                    + (mode == Rows.PROBABILITIES ? "; --normalize divides each row by its sum" : "");
        };
    }

    /** Row {@code base} of {@code v} divided by its sum, into {@code out}; a description of why it cannot be, or null. */
    private String normalize(double[] v, int base, float[] out) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            double x = v[base + c];
            if (!Double.isFinite(x)) return ", class " + c + " is " + x;
            if (x < 0) return ", class " + c + " is negative (" + x + "); --normalize needs non-negative scores";
            sum += x;
        }
        if (sum == 0) return " is all zeros; it cannot be normalised";
        if (!Double.isFinite(sum)) return " sums to " + sum + "; it cannot be normalised";
        for (int c = 0; c < classes; c++) out[base + c] = (float) (v[base + c] / sum);
        return null;
    }

    /**
     * The softmax of row {@code base} of {@code v}, into {@code out}: exp(x - max) / sum, in
     * double, so no term overflows; -inf (log 0) is allowed, NaN and +inf are not.
     */
    private String softmax(double[] v, int base, float[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double x = v[base + c];
            if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY) return ", class " + c + " is " + x;
            max = Math.max(max, x);
        }
        if (max == Double.NEGATIVE_INFINITY) return " is -Infinity in every class; it has no softmax";
        double sum = 0;
        for (int c = 0; c < classes; c++) sum += Math.exp(v[base + c] - max);
        for (int c = 0; c < classes; c++) out[base + c] = (float) (Math.exp(v[base + c] - max) / sum);
        return null;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
