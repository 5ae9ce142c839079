package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** File failures in plain words on one line, as the command line and the window both say them. */
class FailureTextTest {
    @Test
    void aFileProblemSaysTheReasonAndThePath(@TempDir Path tmp) throws IOException {
        Path missing = tmp.resolve("gone.npy");
        NoSuchFileException gone = assertThrows(NoSuchFileException.class, () -> Files.readAllBytes(missing));
        assertEquals("no such file or folder: " + missing, FailureText.describe(gone));
        assertEquals("permission denied: /x", FailureText.describe(new AccessDeniedException("/x")));
        Path folder = Files.createDirectory(tmp.resolve("out"));
        assertEquals(folder + ": already exists", FailureText.describe(new FileAlreadyExistsException(folder.toString())));
        Path file = Files.writeString(tmp.resolve("out.csv"), "x");
        assertEquals(file + ": already exists and is not a folder",
                FailureText.describe(new FileAlreadyExistsException(file.toString())));
    }

    @Test
    void aWrapperWithoutItsOwnWordsGivesItsCauseOnOneLine() {
        UncheckedIOException wrapped = new UncheckedIOException(new IOException("disk full\nwhile writing"));
        String said = FailureText.describe(new RuntimeException(null, wrapped));
        assertTrue(said.contains("disk full"), said);
        assertFalse(said.contains("\n"), "one line: " + said);
        assertEquals("IllegalStateException", FailureText.describe(new IllegalStateException()));
    }
}
