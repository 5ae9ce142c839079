package org.predspace.runs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An .npy file that grows along its first axis, one row at a time, without rewriting earlier rows.
 *
 * <p>The header block is sized at creation for the largest possible row count, so the shape can
 * be rewritten in place as rows arrive. Each append writes the row after the existing ones,
 * forces it to disk, and only then rewrites the header: at every moment the header declares
 * only rows whose bytes are complete, which is what makes {@link Npy#readHeader} safe to trust.
 * A header rewrite is one small write inside the first page, so a killed process leaves either
 * the old or the new header.
 */
final class NpyAppender implements Closeable {
    private final Path file;
    private final FileChannel channel;
    private final Npy.DType dtype;
    private final long[] shape;
    private final int headerBlock;
    private final ByteBuffer row;

    private NpyAppender(Path file, FileChannel channel, Npy.DType dtype, long[] rowShape) {
        this.file = file;
        this.channel = channel;
        this.dtype = dtype;
        this.shape = new long[rowShape.length + 1];
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        long[] largest = shape.clone();
        largest[0] = Long.MAX_VALUE;
        this.headerBlock = Npy.headerBlockSize(dtype, largest);
        long rowElements = 1;
        for (long d : rowShape) rowElements = Math.multiplyExact(rowElements, d);
        this.row = ByteBuffer.allocateDirect(Math.toIntExact(rowElements * dtype.size())).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Creates {@code file} (which must not exist) holding zero rows of {@code rowShape}. */
    static NpyAppender create(Path file, Npy.DType dtype, long... rowShape) throws IOException {
        if (dtype.order() != ByteOrder.LITTLE_ENDIAN) throw new IllegalArgumentException("appenders write little-endian");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        NpyAppender a = new NpyAppender(file, ch, dtype, rowShape);
        try {
            a.writeHeader(0);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return a;
    }

    long rows() { return shape[0]; }

    Path file() { return file; }

    int rowElements() { return row.capacity() / dtype.size(); }

    void appendFloats(float[] values) throws IOException {
        if (!dtype.equals(Npy.DType.FLOAT32)) throw new IllegalStateException(file + " does not hold float32");
        requireRowLength(values.length);
        row.clear();
        row.asFloatBuffer().put(values);
        appendRow();
    }

    void appendLong(long value) throws IOException {
        if (!dtype.equals(Npy.DType.INT64)) throw new IllegalStateException(file + " does not hold int64");
        requireRowLength(1);
        row.clear();
        row.putLong(0, value);
        appendRow();
    }

    private void requireRowLength(int elements) {
        if (elements != rowElements()) {
            throw new IllegalArgumentException(file + ": row has " + elements + " values, expected " + rowElements());
        }
    }

    private void appendRow() throws IOException {
        row.clear();
        // Position from the committed row count, not the file end: bytes a failed append left
        // behind are simply overwritten by the next one.
        ChannelIo.writeFully(channel, row, headerBlock + shape[0] * row.capacity());
        channel.force(false);
        writeHeader(shape[0] + 1);
    }

    private void writeHeader(long rows) throws IOException {
        long[] next = shape.clone();
        next[0] = rows;
        ChannelIo.writeFully(channel, ByteBuffer.wrap(Npy.header(dtype, next, headerBlock)), 0);
        shape[0] = rows;
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel.isOpen()) channel.force(true);
        } finally {
            channel.close();
        }
    }
}
