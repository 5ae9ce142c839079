package org.predspace.spectra;

/** The rows of the Fisher's G, in double or (to halve the memory) float; see FisherSpectrum. */
abstract class GradientRows implements GramMatrix.Rows {
    private final int columns;

    private GradientRows(int columns) { this.columns = columns; }

    static GradientRows allocate(int rows, int columns, boolean inDouble) {
        return inDouble ? new InDouble(rows, columns) : new InFloat(rows, columns);
    }

    /** Stores scale * values as row {@code row}. */
    abstract void set(int row, double[] values, double scale);

    abstract boolean isDouble();

    @Override
    public int columns() { return columns; }

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

    private static final class InFloat extends GradientRows {
        private final float[][] rows;

        InFloat(int count, int columns) {
            super(columns);
            rows = new float[count][columns];
        }

        @Override void set(int row, double[] values, double scale) {
            for (int a = 0; a < values.length; a++) rows[row][a] = (float) (scale * values[a]);
        }

        @Override public void copy(int row, int from, int width, double[] dest, int offset) {
            float[] r = rows[row];
            for (int a = 0; a < width; a++) dest[offset + a] = r[from + a];
        }

        @Override public int count() { return rows.length; }
        @Override boolean isDouble() { return false; }
    }
}
