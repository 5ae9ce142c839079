package org.predspace.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The command line a run gets builds the model of only the core command that runs, and every
 * command for anything else; a command's help and errors are the same either way.
 */
class CliCommandSelectionTest {
    /** Stands for a command from outside the core (render, gui). */
    @Command(name = "extra")
    static final class Extra implements Runnable {
        @Override
        public void run() {}
    }

    private static final List<Object> MORE = List.of(new Extra());

    private static Set<String> commands(String... args) {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        return Cli.commandLineFor(none, none, MORE, args).getSubcommands().keySet();
    }

    private static Set<String> everyCommand() {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        return Cli.commandLine(none, none, MORE).getSubcommands().keySet();
    }

    @Test
    void aCoreCommandGetsOnlyItsOwnModel() {
        Set<String> every = everyCommand();
        assertTrue(every.containsAll(List.of("train", "embed", "compare", "spectrum", "landscape", "extra")), every.toString());
        for (String name : every) {
            if (name.equals("extra")) continue;
            assertEquals(Set.of(name), commands(name, "--help"), name);
        }
    }

    @Test
    void helpVersionAndEveryOtherFirstArgumentGetEveryCommand() {
        Set<String> every = everyCommand();
        for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"--version"},
                new String[] {"trian"}, new String[] {"extra"}, new String[] {"--help", "train"})) {
            assertEquals(every, commands(args), String.join(" ", args));
        }
    }

    @Test
    void aCommandsHelpAndErrorsAreTheSameWithOnlyItsModel() {
        for (String name : everyCommand()) {
            if (name.equals("extra")) continue;
            for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "--no-such-option"},
                    new String[] {name, "--no-such-option", "train"})) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = Cli.commandLineFor(new PrintWriter(out, true), new PrintWriter(err, true), MORE, args).execute(args);
                StringWriter allOut = new StringWriter();
                StringWriter allErr = new StringWriter();
                CommandLine all = Cli.commandLine(new PrintWriter(allOut, true), new PrintWriter(allErr, true), MORE);
                int allCode = all.execute(args);
                String what = String.join(" ", args);
                assertEquals(allCode, code, what);
                assertEquals(allOut.toString(), out.toString(), what);
                assertEquals(allErr.toString(), err.toString(), what);
                assertNotEquals("", out.toString() + err.toString(), what);
            }
        }
    }
}
