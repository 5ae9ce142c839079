package org.predspace.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.predspace.Main;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The window's commands on a machine without a display: one line saying how to get one, or the help. */
@Tag("slow")
class GuiCommandTest {
    private record Result(int exitCode, String out, String err) {}

    private static Result withoutDisplay(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        // small outputs: read after the end (help is a few lines, an error one)
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "hung without a display: " + String.join(" ", args));
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void assertSaysHowToGetADisplay(Result r) {
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("needs a display") && r.err().contains("xvfb-run"), r.err());
    }

    @Test
    void guiAWorkspaceFileOrNoArgumentsSayHowToGetADisplay() throws Exception {
        assertSaysHowToGetADisplay(withoutDisplay("gui"));
        assertSaysHowToGetADisplay(withoutDisplay("gui", "some-runs"));
        assertSaysHowToGetADisplay(withoutDisplay("mine.predspace"));
        assertSaysHowToGetADisplay(withoutDisplay());
    }

    @Test
    void guiHelpNeedsNoDisplay() throws Exception {
        Result r = withoutDisplay("gui", "--help");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("Usage: predspace gui"), r.out());
        Result all = withoutDisplay("--help");
        assertTrue(all.out().contains("gui") && all.out().contains("render"), all.out());
    }
}
