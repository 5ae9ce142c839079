package org.predspace.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * .npy files as another framework would save them, of any shape and dtype, for import tests:
 * the header from the project's Npy writer, the data from plain values in the dtype's byte order.
 */
public final class LooseArrays {
    public static final Npy.DType FLOAT64 = new Npy.DType('f', 8, ByteOrder.LITTLE_ENDIAN);

    private LooseArrays() {}

    /** Writes {@code values} (row-major, as many as the shape holds) as {@code dtype}. */
    public static Path save(Path file, Npy.DType dtype, long[] shape, double... values) throws IOException {
        int header = 128;
        ByteBuffer b = ByteBuffer.allocate(header + values.length * dtype.size()).order(dtype.order());
        b.put(Npy.header(dtype, shape, header));
        for (double v : values) {
            switch (dtype.kind() + "" + dtype.size()) {
                case "f4" -> b.putFloat((float) v);
                case "f8" -> b.putDouble(v);
                case "i4" -> b.putInt((int) v);
                case "i8" -> b.putLong((long) v);
                case "u1" -> b.put((byte) v);
                default -> throw new IllegalArgumentException("no test writer for " + dtype.descr());
            }
        }
        Files.createDirectories(file.getParent());
        Files.write(file, b.array());
        return file;
    }

    public static Path ints(Path file, long... values) throws IOException {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return save(file, Npy.DType.INT64, new long[]{values.length}, d);
    }

    public static Path floats(Path file, long t, long n, long c, double... values) throws IOException {
        return save(file, FLOAT64, new long[]{t, n, c}, values);
    }
}
