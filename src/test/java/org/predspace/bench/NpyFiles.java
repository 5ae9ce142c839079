package org.predspace.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The smallest .npy (format 1.0, little-endian, C order) writer this bench needs, so numpy
 * can read exactly the float32 arrays Java embeds. Test code only; the app reads run folders
 * through org.predspace.runs.
 */
public final class NpyFiles {
    private NpyFiles() {}

    /** Header for an array of the given numpy dtype ("<f4", "<f8", "<i8") and shape. */
    static byte[] header(String dtype, long... shape) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) dims += ",";
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Streams rows of float32 to a file, for arrays larger than memory. */
    public static final class FloatWriter implements AutoCloseable {
        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

        public FloatWriter(Path file, long... shape) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            channel.write(ByteBuffer.wrap(header("<f4", shape)));
        }

        public void write(float[] values) throws IOException {
            for (float v : values) {
                if (!buffer.hasRemaining()) flush();
                buffer.putFloat(v);
            }
        }

        private void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) channel.write(buffer);
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            flush();
            channel.close();
        }
    }

    public static void writeInts(Path file, int[] values) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header("<i8", values.length));
            ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : values) b.putLong(v);
            out.write(b.array());
        }
    }
}
