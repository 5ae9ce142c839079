package org.predspace.ui.chapters;

import java.io.IOException;

/** A file that is not a readable chapters file; the message names the file, the chapter and the problem. */
public final class ChapterFormatException extends IOException {
    public ChapterFormatException(String message) { super(message); }
}
