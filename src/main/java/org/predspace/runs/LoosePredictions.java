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

    int classes() { return classes; }

    /** Checkpoint {@code t} (at {@code step}) as N*C probabilities, row-major. */
    float[] checkpoint(int t, long step, Rows mode) throws RunFormatException {
        float[] values = new float[rows * classes];
        try {
            Npy.readFloats(channel, header, (long) t * values.length, values, 0, values.length);
        } catch (IOException e) {
            throw Npy.unreadable(file, e);
        }
        String at = file + ": " + role + " at checkpoint " + t + " (step " + step + "), sample ";
        for (int i = 0, base = 0; i < rows; i++, base += classes) {
            String problem = switch (mode) {
                case PROBABILITIES -> null;
                case NORMALIZE -> normalize(values, base);
                case LOGITS -> softmax(values, base);
            };
            if (problem != null) throw new RunFormatException(at + i + problem);
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

    /** Divides the row at {@code base} by its sum; a description of why it cannot be, or null. */
    private String normalize(float[] v, int base) {
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            float x = v[base + c];
            if (!Float.isFinite(x)) return ", class " + c + " is " + x;
            if (x < 0) return ", class " + c + " is negative (" + x + "); --normalize needs non-negative scores";
            sum += x;
        }
        if (sum == 0) return " is all zeros; it cannot be normalised";
        for (int c = 0; c < classes; c++) v[base + c] = (float) (v[base + c] / sum);
        return null;
    }

    /** Replaces the row at {@code base} by its softmax; -inf (log 0) is allowed, NaN and +inf are not. */
    private String softmax(float[] v, int base) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            float x = v[base + c];
            if (Float.isNaN(x) || x == Float.POSITIVE_INFINITY) return ", class " + c + " is " + x;
            max = Math.max(max, x);
        }
        if (max == Float.NEGATIVE_INFINITY) return " is -Infinity in every class; it has no softmax";
        double sum = 0;
        for (int c = 0; c < classes; c++) sum += Math.exp((double) v[base + c] - max);
        for (int c = 0; c < classes; c++) v[base + c] = (float) (Math.exp((double) v[base + c] - max) / sum);
        return null;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
