package org.predspace.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a one-channel image data set as an IDX images + labels pair that {@link IdxReader}
 * (and other MNIST readers) can load: to export a subset, and to test the reader.
 */
public final class IdxWriter {
    private IdxWriter() {}

    /** Pixels in [0, 1] are stored as round(255 x); labels must be below 256. */
    public static void write(Dataset data, Path images, Path labels, boolean gzip) throws IOException {
        InputShape shape = data.shape();
        if (!shape.image() || shape.channels() != 1) {
            throw new IllegalArgumentException(data.name() + ": IDX holds one-channel images, not " + shape);
        }
        if (data.classes() > 256) {
            throw new IllegalArgumentException(data.name() + ": IDX labels are bytes, " + data.classes() + " classes do not fit");
        }
        float[] x = data.featuresView();
        byte[] pixels = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            pixels[i] = (byte) Math.round(Math.min(1f, Math.max(0f, x[i])) * 255f);
        }
        byte[] labelBytes = new byte[data.size()];
        for (int i = 0; i < labelBytes.length; i++) {
            labelBytes[i] = (byte) data.label(i);
        }
        write(images, IdxReader.IMAGES_MAGIC, new int[] {data.size(), shape.height(), shape.width()}, pixels, gzip);
        write(labels, IdxReader.LABELS_MAGIC, new int[] {data.size()}, labelBytes, gzip);
    }

    /** A raw IDX file: magic, dimensions, bytes; no checks, so tests can also write broken files. */
    public static void write(Path file, int magic, int[] dims, byte[] body, boolean gzip) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer); // big-endian, as IDX requires
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(body);
        out.flush();
        try (OutputStream file0 = Files.newOutputStream(file);
             OutputStream sink = gzip ? new GZIPOutputStream(file0) : file0) {
            buffer.writeTo(sink);
        }
    }
}
