package org.predspace.data;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** Lets a test state "this must fail" and then check what the message says. */
final class Failures {
    private Failures() {}

    interface Load {
        Object run() throws Exception;
    }

    /** The message of the DataFormatException that {@code load} must throw. */
    static String fails(Load load) {
        return assertThrows(DataFormatException.class, load::run).getMessage();
    }
}
