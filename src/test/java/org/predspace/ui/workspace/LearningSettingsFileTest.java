package org.predspace.ui.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.session.ExplorerSession;
import org.predspace.ui.Colouring;
import org.predspace.ui.CameraPose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A workspace keeps the did-not-learn threshold and whether such runs are hidden; a bad threshold is named. */
class LearningSettingsFileTest {
    @TempDir
    Path tmp;

    private static Workspace with(Workspace.Drawing d) {
        return new Workspace(List.of(), d, CameraPose.DEFAULT, null, null, List.of(), List.of(),
                new Workspace.Layout(new double[] {0.2, 0.7}, "Details", 1400, 900), Map.of(), List.of());
    }

    @Test
    void theThresholdAndTheToggleComeBack() throws IOException {
        Workspace w = with(new Workspace.Drawing(ExplorerSession.Probe.TRAINING, Colouring.RUN, new int[] {0, 1, 2}, 1, true,
                false, Long.MAX_VALUE, 0.25, true));
        Path f = tmp.resolve("w.predspace");
        WorkspaceFile.write(f, w);
        Workspace back = WorkspaceFile.read(f);
        assertEquals(0.25, back.drawing().learnThreshold());
        assertTrue(back.drawing().notLearnedHidden());
        assertEquals(w, back);
    }

    @Test
    void aFileWithoutThemGetsTheDefaults() throws IOException {
        Path f = tmp.resolve("old.predspace");
        WorkspaceFile.write(f, with(new Workspace.Drawing(ExplorerSession.Probe.TRAINING, Colouring.RUN, new int[] {0, 1, 2}, 1,
                true, false, Long.MAX_VALUE)));
        String text = Files.readString(f).replaceAll(",\\s*\"learnThreshold\"\\s*:\\s*[0-9.]+", "")
                .replaceAll(",\\s*\"notLearnedHidden\"\\s*:\\s*(true|false)", "");
        assertFalse(text.contains("learnThreshold"));
        Files.writeString(f, text);
        Workspace.Drawing d = WorkspaceFile.read(f).drawing();
        assertEquals(0.1, d.learnThreshold());
        assertFalse(d.notLearnedHidden());
    }

    @Test
    void aThresholdOutsideZeroToOneIsNamed() throws IOException {
        Path f = tmp.resolve("bad.predspace");
        WorkspaceFile.write(f, with(new Workspace.Drawing(ExplorerSession.Probe.TRAINING, Colouring.RUN, new int[] {0, 1, 2}, 1,
                true, false, Long.MAX_VALUE, 0.5, false)));
        for (String bad : new String[] {"0", "1.5", "\"high\""}) {
            Files.writeString(f, Files.readString(f).replaceAll("\"learnThreshold\"\\s*:\\s*[^,}]+", "\"learnThreshold\" : " + bad));
            WorkspaceFormatException e = assertThrows(WorkspaceFormatException.class, () -> WorkspaceFile.read(f), bad);
            assertTrue(e.getMessage().contains("learnThreshold"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
