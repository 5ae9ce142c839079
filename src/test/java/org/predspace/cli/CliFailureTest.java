package org.predspace.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CliFailureTest {
    /** A command whose work dies of an error, as one does when a native library fails to load. */
    @Command(name = "load-natives")
    static final class LoadNatives implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new ExceptionInInitializerError(new IllegalStateException("native cache locked"));
        }
    }

    /**
     * picocli lets errors out of execute, past the exception handler: the command then ended
     * in a stack trace, and render, whose JavaFX thread is not a daemon, never exited.
     */
    @Test
    void anErrorInACommandIsOneLineAndAFailuresExitCode() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), List.of(new LoadNatives()))
                .execute("load-natives");
        assertEquals(Cli.EXIT_FAILURE, code);
        assertEquals("predspace: a library failed to load: ExceptionInInitializerError (IllegalStateException: native cache locked)"
                + System.lineSeparator(), err.toString());
        assertEquals("", out.toString());
    }
}
