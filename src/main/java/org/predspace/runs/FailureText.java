package org.predspace.runs;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * A failure reading or writing files, in plain words on one line: what the command line prints
 * after "predspace: " and what the window says when a workspace or a run cannot be saved. It
 * sits beside InputText, which escapes the text it quotes, so the window need not reach into
 * the command line for it.
 */
public final class FailureText {
    private FailureText() {}

    /**
     * The message of a failure in plain words, with the cause's message where the outer one says
     * nothing new (the command line's and the window's wording for file errors).
     */
    public static String describe(Throwable ex) {
        return InputText.escape(plainMessage(ex));
    }

    private static String plainMessage(Throwable ex) {
        String m = ex.getMessage();
        if (ex instanceof FileSystemException fs) return fileProblem(fs);
        if (m == null || m.isBlank()) {
            return ex.getCause() != null ? plainMessage(ex.getCause()) : ex.getClass().getSimpleName();
        }
        return m;
    }

    /**
     * The JDK's file exceptions carry the path as their message and the reason in their type (a
     * FileAlreadyExistsException's message is just "data/ok.csv"): say both.
     */
    private static String fileProblem(FileSystemException e) {
        String file = e.getFile() == null ? "" : e.getFile();
        if (e.getOtherFile() != null) file += " -> " + e.getOtherFile();
        String reason = e.getReason();
        if (e instanceof NoSuchFileException) return "no such file or folder: " + file;
        if (e instanceof AccessDeniedException) return "permission denied: " + file;
        if (e instanceof FileAlreadyExistsException) {
            return file + ": " + (reason != null ? reason : "already exists"
                    + (Files.isDirectory(Path.of(file)) ? "" : " and is not a folder"));
        }
        if (e instanceof NotDirectoryException) return file + ": not a folder";
        if (e instanceof DirectoryNotEmptyException) return file + ": folder is not empty";
        if (e instanceof FileSystemLoopException) return file + ": links form a loop";
        return file + ": " + (reason != null ? reason : e.getClass().getSimpleName());
    }
}
