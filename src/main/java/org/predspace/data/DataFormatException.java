package org.predspace.data;

/** A data file or data set id that cannot be used; the message names the file and the problem. */
public class DataFormatException extends Exception {
    public DataFormatException(String message) { super(message); }
    public DataFormatException(String message, Throwable cause) { super(message, cause); }
}
