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
        if (t < 0 || t >= checkpoints) throw new IndexOutOfBoundsException("checkpoint " + t + " of " + checkpoints);
        int size = rows * classes;
        float[] out = new float[size];
        try (FileChannel ch = Npy.openForRead(file)) {
            Npy.readFloats(ch, header, (long) t * size, out, 0, size);
        } catch (IOException e) {
            throw Npy.unreadable(file, e);
        }
        String problem = ProbabilityRows.firstProblem(out, classes);
        if (problem != null) throw new RunFormatException(file + ": checkpoint " + t + ", probe " + problem);
        return out;
    }
}
