package org.predspace.runs;

/**
 * A run folder or one of its files cannot be used. Checked, so that every caller opening a
 * folder it did not write decides what to tell the user; the message always names the file
 * and the problem.
 */
public class RunFormatException extends Exception {
    public RunFormatException(String message) { super(message); }
    public RunFormatException(String message, Throwable cause) { super(message, cause); }
}
