package org.predspace.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds run folders: a folder with run.json is one; otherwise its sub-folders that are. */
public final class RunFolders {
    private RunFolders() {}

    public static boolean isRun(Path dir) { return Files.isRegularFile(dir.resolve(RunFiles.MANIFEST)); }

    /**
     * The run folders {@code dir} stands for: itself if it is a run, else its immediate
     * sub-folders that are runs, sorted by name (empty if none).
     */
    public static List<Path> expand(Path dir) throws IOException {
        if (isRun(dir)) return List.of(dir);
        if (!Files.isDirectory(dir)) return List.of();
        List<Path> out = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(Files::isDirectory).filter(RunFolders::isRun).sorted().forEach(out::add);
        }
        return out;
    }
}
