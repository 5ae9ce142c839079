package org.predspace.spectra;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** The rows of the Fisher's G, in double or (to halve the memory) float; see FisherSpectrum. */
abstract class GradientRows implements GramMatrix.Rows {
    private final int columns;

    private GradientRows(int columns) { this.columns = columns; }

    static GradientRows allocate(int rows, int columns, boolean inDouble) {
        return inDouble ? new InDouble(rows, columns) : new InFloat(rows, columns);
    }

    /** Stores scale * values as row {@code row}; different threads may set different rows at once. */
    abstract void set(int row, double[] values, double scale);

    abstract boolean isDouble();

    @Override
    public int columns() { return columns; }

    /** F v = G^T (G v), the Fisher's product with a weight-space vector, one pass over the rows. */
    double[] fisherTimes(double[] v) {
        double[] out = new double[columns];
        double[] row = new double[columns];
        for (int r = 0; r < count(); r++) {
            copy(r, 0, columns, row, 0);
            Vectors.axpy(Vectors.dot(row, v), row, out);
        }
        return out;
    }

    private static final class InDouble extends GradientRows {
        private final double[][] rows;

        InDouble(int count, int columns) {
            super(columns);
            rows = new double[count][columns];
        }

        @Override void set(int row, double[] values, double scale) {
            for (int a = 0; a < values.length; a++) rows[row][a] = scale * values[a];
        }

        @Override public void copy(int row, int from, int width, double[] dest, int offset) {
            System.arraycopy(rows[row], from, dest, offset, width);
        }

        @Override public int count() { return rows.length; }
        @Override boolean isDouble() { return true; }
    }

    /**
     * Off-heap, so the Java heap (and with it the resident size the garbage collector lets it
     * grow to) stays small while G takes most of the memory: 0.9 GB for LeNet at n = 500.
     */
    private static final class InFloat extends GradientRows {
        private final FloatBuffer data;
        private final int count;
        /** Per thread: rows are written by several gradient workers at once (absolute puts, disjoint rows). */
        private final ThreadLocal<float[]> buffer;

        InFloat(int count, int columns) {
            super(columns);
            long bytes = (long) count * columns * Float.BYTES;
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the Fisher's G would take " + (bytes >> 20) + " MB; use fewer samples");
            }
            this.data = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder()).asFloatBuffer();
            this.count = count;
            this.buffer = ThreadLocal.withInitial(() -> new float[columns]);
        }

        @Override void set(int row, double[] values, double scale) {
            float[] b = buffer.get();
            for (int a = 0; a < values.length; a++) b[a] = (float) (scale * values[a]);
            data.put(row * columns(), b, 0, values.length);
        }

        @Override public void copy(int row, int from, int width, double[] dest, int offset) {
            float[] b = buffer.get();
            data.get(row * columns() + from, b, 0, width);
            for (int a = 0; a < width; a++) dest[offset + a] = b[a];
        }

        @Override public int count() { return count; }
        @Override boolean isDouble() { return false; }
    }
}
