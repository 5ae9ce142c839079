package org.predspace.landscape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The vectors that define a line or plane, written beside its CSV so that others can recompute
 * the same slice (docs/landscape.md): a numpy .npy file (format 1.0) of float64, shape (3, P),
 * rows origin, d_x, d_y, in the order of DL4J's flat parameter vector. The model at (x, y) is
 * origin + x d_x + y d_y; a line has d_x = theta_1 - theta_0 and d_y = 0.
 */
public final class SliceDirections {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    /** numpy pads the header so that the data starts at a multiple of this. */
    private static final int ALIGN = 64;

    private SliceDirections() {}

    /** The file beside {@code csv}: its name with ".csv" (if any) replaced by ".directions.npy". */
    public static Path beside(Path csv) {
        String name = csv.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return csv.resolveSibling(stem + ".directions.npy");
    }

    /** The .npy bytes of the rows origin, d_x, d_y of {@code grid}. */
    public static byte[] npy(ModelGrid grid) {
        return npy(grid.origin(), grid.xDirection(), grid.yDirection());
    }

    public static byte[] npy(double[] origin, double[] xDirection, double[] yDirection) {
        int p = origin.length;
        if (xDirection.length != p || yDirection.length != p) {
            throw new IllegalArgumentException("the directions have " + xDirection.length + " and " + yDirection.length
                    + " parameters, the origin " + p);
        }
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3, " + p + "), }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;   // + the header length field and the closing newline
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] text = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + text.length + 3 * p * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) text.length).put(text);
        for (double[] row : new double[][] {origin, xDirection, yDirection}) {
            for (double v : row) out.putDouble(v);
        }
        return out.array();
    }
}
