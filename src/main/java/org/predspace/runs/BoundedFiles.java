package org.predspace.runs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opening and reading files a user named or a folder holds, with limits counted in bytes read.
 * A file's reported size is not trusted: a link to /dev/zero reports 0 bytes and never ends, a
 * named pipe blocks whoever opens it, /proc files report 0 and hold more. So only regular files
 * are opened (after links are followed), and whole-file reads stop at their limit.
 */
public final class BoundedFiles {
    private BoundedFiles() {}

    /** Refuses anything but a regular file (a device, a pipe, a folder), before it is opened. */
    public static void requireRegular(Path file) throws IOException {
        if (Files.isRegularFile(file)) return;
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
        throw new FileSystemException(file.toString(), null, Files.isDirectory(file) ? "is a folder, expected a file"
                : "is not a regular file (a device, a pipe or a socket); refused");
    }

    public static InputStream newInputStream(Path file) throws IOException {
        requireRegular(file);
        return Files.newInputStream(file);
    }

    public static FileChannel openChannel(Path file) throws IOException {
        requireRegular(file);
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /**
     * The whole of {@code file}, at most {@code maxBytes}.
     *
     * @throws FileSystemException {@code file} holds more than {@code maxBytes} (counted while reading)
     */
    public static byte[] readAll(Path file, int maxBytes) throws IOException {
        try (InputStream in = newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes); // grows with the bytes actually read, never with a claimed size
            if (in.read() >= 0) throw new FileSystemException(file.toString(), null, "larger than " + maxBytes + " bytes; refused");
            return bytes;
        }
    }
}
