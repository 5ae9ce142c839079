package org.predspace.ui.workspace;

import java.io.IOException;

/** A file that is not a readable workspace; the message names the file and the problem. */
public final class WorkspaceFormatException extends IOException {
    public WorkspaceFormatException(String message) { super(message); }
}
