package org.predspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.cli.Cli;
import org.predspace.ui.GuiCommand;
import org.predspace.ui.figures.RenderCommand;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** A command's stderr holds PredSpace's own lines and nothing else: no logging set-up noise, no picocli warnings. */
@Tag("slow")
class QuietOutputTest {
    private static List<Object> uiCommands() {
        return List.of(new RenderCommand(), new GuiCommand());
    }

    @Test
    void everyCommandsHelpWritesNothingToStderr() {
        List<String> names = new ArrayList<>(Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                uiCommands()).getSubcommands().keySet());
        assertTrue(names.containsAll(List.of("train", "embed", "compare", "spectrum", "render", "gui")), names.toString());
        names.add(0, "");   // the top-level help
        PrintStream stderr = System.err;
        ByteArrayOutputStream raw = new ByteArrayOutputStream();   // picocli's own warnings go to System.err
        try {
            System.setErr(new PrintStream(raw, true, StandardCharsets.UTF_8));
            for (String name : names) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                CommandLine cl = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), uiCommands());
                int code = name.isEmpty() ? cl.execute("--help") : cl.execute(name, "--help");
                assertEquals(0, code, name + ": " + err);
                assertTrue(out.toString().startsWith("Usage: predspace"), name + ": " + out);
                assertEquals("", err.toString(), name);
                assertEquals("", raw.toString(StandardCharsets.UTF_8), name + " --help");
            }
        } finally {
            System.setErr(stderr);
        }
    }

    @Test
    void aCommandThatTrainsPrintsNothingButItsOwnLines(@TempDir Path tmp) throws Exception {
        // train loads ND4J, which logs through SLF4J: a binding of another SLF4J version prints warnings here
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "--dataset", "iris", "--arch", "linear", "--epochs", "1", "--out", tmp.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "train did not end");
        assertEquals(0, p.exitValue(), err);
        assertEquals("", err);
    }
}
