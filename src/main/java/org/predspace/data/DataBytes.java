package org.predspace.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a whole data file (or bundled classpath resource) into memory, un-gzipping it when it
 * starts with the gzip magic bytes 1f 8b: users rename files, so the extension is not trusted.
 * Reading everything first lets the parsers check declared sizes against the real length
 * before they allocate anything proportional to a (possibly corrupt) header.
 */
final class DataBytes {
    /** Decompressed size limit: guards against gzip bombs and keeps array sizes within int range. */
    static final int MAX_BYTES = 1 << 30;

    private DataBytes() {}

    static byte[] readFile(Path file) throws DataFormatException {
        if (!Files.exists(file)) {
            throw new DataFormatException(file + ": file not found");
        }
        if (Files.isDirectory(file)) {
            throw new DataFormatException(file + ": is a folder, expected a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": is not a regular file (a device, a pipe or a socket); refused");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return decode(in, file.toString());
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** @param resource an absolute classpath name such as {@code /assets/iris/iris.csv} */
    static byte[] readResource(String resource) throws DataFormatException {
        InputStream in = DataBytes.class.getResourceAsStream(resource);
        if (in == null) {
            throw new DataFormatException(resource + ": bundled file not found on the classpath (assets/ missing from the jar?)");
        }
        try (in) {
            return decode(in, resource);
        } catch (IOException e) {
            throw new DataFormatException(resource + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] decode(InputStream raw, String name) throws IOException, DataFormatException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        byte[] bytes;
        try {
            // readNBytes grows its buffer with the data actually present, never with a claimed size.
            bytes = (gzip ? new GZIPInputStream(in) : in).readNBytes(MAX_BYTES + 1);
        } catch (EOFException e) {
            throw new DataFormatException(name + ": truncated gzip data (the compressed stream ends early)", e);
        } catch (ZipException e) {
            throw new DataFormatException(name + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new DataFormatException(name + ": larger than 1 GiB" + (gzip ? " after decompression" : "")
                    + ", too big for PredSpace");
        }
        return bytes;
    }
}
