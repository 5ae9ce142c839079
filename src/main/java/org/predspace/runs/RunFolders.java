package org.predspace.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the run folders a user means when they pick or drop a folder: the folder itself if it
 * is a run (it has run.json), otherwise the runs directly inside it (a sweep's output folder),
 * in name order. Hidden folders inside are skipped: an import writes its run into one before
 * renaming it into place, and a killed import leaves it behind.
 */
public final class RunFolders {
    private RunFolders() {}

    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RunFiles.MANIFEST));
    }

    /** @throws IOException the folder cannot be listed */
    public static List<Path> find(Path dir) throws IOException {
        if (isRun(dir)) return List.of(dir);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> !p.getFileName().toString().startsWith(".")) // hidden: e.g. an import in progress
                    .filter(Files::isDirectory).filter(RunFolders::isRun).sorted().toList();
        }
    }
}
