package org.predspace.export;

import org.predspace.runs.AtomicFiles;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes an exported file whole or not at all ({@link AtomicFiles}: a temp file beside the
 * target renamed over it), so a failure (disk full, folder not writable) never leaves half a
 * figure or table under the chosen name, and an older file of that name survives.
 */
public final class ExportFiles {
    private ExportFiles() {}

    public static void write(Path target, byte[] content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (absolute.getParent() == null) throw new NoSuchFileException(absolute.toString(), null, "no folder to write in");
        AtomicFiles.write(absolute, content);
    }

    /** A plain reason for a failed write, for a notification: "permission denied", "the folder does not exist". */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "the folder does not exist";
        if (e instanceof NotDirectoryException) return "the folder is not a folder";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason().toLowerCase(Locale.ROOT);
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
