package org.predspace.runs;

/**
 * Text taken from a user's files or arguments, made safe to quote in a one-line message: a
 * file can hold NUL bytes, terminal escape sequences or a megabyte without a newline, and a
 * message that echoes them raw can garble the terminal or hide the problem it names. Every
 * message that quotes input goes through here (the CLI and the window pass whole messages
 * through {@link #escape} once more, as a net).
 */
public final class InputText {
    /** Longest quoted value: enough to recognise it, short enough to keep the message one readable line. */
    public static final int MAX_QUOTED = 80;
    /** Longest whole message: a net for messages that quote without {@link #quote}. */
    public static final int MAX_MESSAGE = 2000;

    private InputText() {}

    /** {@code value} in single quotes, control characters escaped, cut to {@link #MAX_QUOTED} characters. */
    public static String quote(Object value) {
        return "'" + escape(String.valueOf(value), MAX_QUOTED) + "'";
    }

    /** {@code text} with control characters escaped, cut to {@link #MAX_MESSAGE} characters. */
    public static String escape(String text) {
        return escape(text, MAX_MESSAGE);
    }

    /**
     * Control characters (C0, DEL, C1, line and paragraph separators, bidi overrides) become
     * {@code \n}, {@code \t} or {@code \\u001b}-style escapes; beyond {@code max} characters
     * the rest is replaced by "... (N more characters)".
     */
    public static String escape(String text, int max) {
        if (text == null) return "null";
        StringBuilder b = new StringBuilder(Math.min(text.length(), max) + 16);
        int i = 0;
        for (; i < text.length() && b.length() < max; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (isControl(c)) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        if (i < text.length()) b.append("... (").append(text.length() - i).append(" more characters)");
        return b.toString();
    }

    /** Whether {@code text} holds a character {@link #escape} would escape. */
    public static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) if (isControl(text.charAt(i))) return true;
        return false;
    }

    private static boolean isControl(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
