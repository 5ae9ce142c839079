package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.session.TestRuns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunFoldersTest {
    @Test
    void aRunIsItselfAndAFolderOfRunsIsItsRuns(@TempDir Path tmp) throws Exception {
        List<Path> runs = TestRuns.writeSynthetic(tmp, 2, 3);
        Files.createDirectories(tmp.resolve("notes"));
        assertEquals(List.of(runs.get(1)), RunFolders.find(runs.get(1)));
        assertEquals(runs, RunFolders.find(tmp));
        assertEquals(List.of(), RunFolders.find(tmp.resolve("notes")));
        assertEquals(List.of(), RunFolders.find(tmp.resolve("missing")));
    }
}
