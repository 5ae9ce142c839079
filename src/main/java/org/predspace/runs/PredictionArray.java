package org.predspace.runs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A checked view of a [T, N, C] predictions file (float32 or float64) that reads one
 * checkpoint at a time, so a caller can stream a run too large to hold. Opening checks the
 * shape against the run; each read checks that the rows are probability distributions.
 * Rows past the committed count (an uncommitted append) are never read.
 */
public final class PredictionArray {
    private final Path file;
    private final Npy.Header header;
    private final int checkpoints;
    private final int rows;
    private final int classes;

    private PredictionArray(Path file, Npy.Header header, int checkpoints, int rows, int classes) {
        this.file = file;
        this.header = header;
        this.checkpoints = checkpoints;
        this.rows = rows;
        this.classes = classes;
    }

    /**
     * @param checkpoints committed checkpoint count T (from steps.npy); the file may hold more
     * @param rows        N, the number of labels the rows must match
     * @param labelsName  the labels file N came from, for messages
     */
    public static PredictionArray open(Path file, int checkpoints, int rows, int classes, String labelsName)
            throws RunFormatException {
        Npy.Header h = Npy.readHeader(file);
        Npy.requireFloat(h, file);
        long[] s = h.shape();
        if (s.length != 3) {
            throw new RunFormatException(file + ": expected shape (checkpoints, rows, classes), found " + h.shapeString());
        }
        if (s[1] != rows) {
            throw new RunFormatException(file + ": shape " + h.shapeString() + " has " + s[1] + " rows per checkpoint but "
                    + labelsName + " has " + rows + " labels");
        }
        if (s[2] != classes) {
            throw new RunFormatException(file + ": shape " + h.shapeString() + " has " + s[2]
                    + " classes but run.json says " + classes);
        }
        if (s[0] < checkpoints) {
            throw new RunFormatException(file + ": holds " + s[0] + " checkpoints but steps.npy commits " + checkpoints);
        }
        if ((long) rows * classes > Integer.MAX_VALUE - 8) {
            throw new RunFormatException(file + ": one checkpoint of " + rows + " x " + classes + " values is too large");
        }
        return new PredictionArray(file, h, checkpoints, rows, classes);
    }

    public int checkpoints() { return checkpoints; }

    public int rows() { return rows; }

    public int classes() { return classes; }

    /** Checkpoint {@code t} as N*C floats, row-major; float64 data is rounded to float. */
    public float[] read(int t) throws RunFormatException {
        return read(t, t + 1)[0];
    }

    /**
     * Checkpoints {@code from} to {@code to - 1}, each as {@link #read} returns it, with one
     * open file and large reads: how a whole run is loaded (parallel callers split the range).
     */
    public float[][] read(int from, int to) throws RunFormatException {
        float[][] out = new float[Math.max(0, to - from)][];
        visit(from, to, true, (t, values) -> out[t - from] = values);
        return out;
    }

    /** Receives checkpoint {@code t}'s N*C floats; the array is reused for the next checkpoint. */
    public interface CheckpointVisitor {
        void accept(int t, float[] values) throws RunFormatException;
    }

    /**
     * Hands checkpoints {@code from} to {@code to - 1} to {@code visitor} in order, checked as
     * {@link #read} checks them, through one reused array: for callers that keep something
     * derived (square roots) rather than the probabilities, so reading allocates nothing per
     * checkpoint.
     */
    public void forEach(int from, int to, CheckpointVisitor visitor) throws RunFormatException {
        visit(from, to, false, visitor);
    }

    private void visit(int from, int to, boolean fresh, CheckpointVisitor visitor) throws RunFormatException {
        if (from < 0 || to > checkpoints || from > to) {
            throw new IndexOutOfBoundsException("checkpoints " + from + " to " + to + " of " + checkpoints);
        }
        int size = rows * classes;
        try (FileChannel ch = Npy.openForRead(file)) {
            Npy.readFloatRows(ch, header, (long) from * size, to - from, size, fresh, (r, values) -> {
                String problem = ProbabilityRows.firstProblem(values, classes);
                if (problem != null) throw new RunFormatException(file + ": checkpoint " + (from + r) + ", probe " + problem);
                visitor.accept(from + r, values);
            });
        } catch (IOException e) {
            throw Npy.unreadable(file, e);
        }
    }
}
