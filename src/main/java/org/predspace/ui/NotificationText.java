package org.predspace.ui;

import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.predspace.runs.InputText;

/**
 * A message laid out for a ControlsFX notification, which sizes itself to its text on one line
 * and so ran past the window's edge with a long message (a file path and its problem): the text
 * is broken into lines no wider than the window allows, at most {@link #MAX_LINES} of them, and
 * control characters quoted from files are escaped.
 */
final class NotificationText {
    /** Widest line: a comfortable reading width. */
    static final double MAX_LINE_WIDTH = 440;
    /** What the popup adds beside its text: icon, close button, padding and the gap to the window's edge. */
    static final double CHROME = 160;
    static final int MAX_LINES = 8;
    /** ControlsFX's notificationpopup.css sets the text 1.166667em. */
    private static final double FONT_SCALE = 1.166667;

    private NotificationText() {}

    /** {@code message} broken into lines that fit a window {@code windowWidth} wide. */
    static String layout(String message, double windowWidth) {
        Font base = Font.getDefault();
        Font font = Font.font(base.getFamily(), base.getSize() * FONT_SCALE);
        double width = Math.max(120, Math.min(MAX_LINE_WIDTH, windowWidth - CHROME));
        return wrap(InputText.escape(message), font, width);
    }

    static String wrap(String text, Font font, double width) {
        Text measure = new Text();
        measure.setFont(font);
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder();
        int lines = 0;
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (width(measure, candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                if (++lines == MAX_LINES) return out.append(line).append(" …").toString();
                out.append(line).append('\n');
                line.setLength(0);
            }
            // a word wider than a line (a long path) is broken where it must be
            for (int i = 0; i < word.length(); i++) {
                if (line.length() > 0 && width(measure, line.toString() + word.charAt(i)) > width) {
                    if (++lines == MAX_LINES) return out.append(line).append(" …").toString();
                    out.append(line).append('\n');
                    line.setLength(0);
                }
                line.append(word.charAt(i));
            }
        }
        return out.append(line).toString();
    }

    private static double width(Text measure, String s) {
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }
}
