package org.predspace.runs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file replacement that a reader (or a crash) never sees half done: write a temp file in
 * the same folder, force it to disk, rename it over the target. The rename is atomic on every
 * local file system we target; forcing first keeps a power cut from exposing an empty file.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Replaces {@code target} with {@code content}; on failure the target is untouched and no temp file is left. */
    public static void write(Path target, byte[] content) throws IOException {
        Path temp = temp(target);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ChannelIo.writeFully(ch, ByteBuffer.wrap(content), 0);
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
        forceDirectory(target.getParent());
    }

    /** The temp file {@link #write} renames onto {@code target}: hidden, beside it. */
    static Path temp(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".tmp");
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException ignored) {
            // the folder refused the temp file in the first place: nothing to clean
        }
    }

    /** Makes a rename durable where the OS allows it (Linux, macOS); Windows cannot open folders, which is fine. */
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // durability against power loss is best effort; atomicity does not depend on it
        }
    }
}
