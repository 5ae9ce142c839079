package org.predspace.ui;

import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.predspace.runs.InputText;

import java.util.ArrayList;
import java.util.List;

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
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(measure, candidate) <= width) {
                line = candidate;
                continue;
            }
            if (!line.isEmpty()) lines.add(line);
            line = word;
            while (width(measure, line) > width) { // a word wider than a line (a long path) is broken where it must be
                int cut = fittingPrefix(measure, line, width);
                int slash = Math.max(line.lastIndexOf('/', cut - 1), line.lastIndexOf('\\', cut - 1));
                if (slash > 0) cut = slash + 1; // after a separator, so a path breaks between its folders
                lines.add(line.substring(0, cut));
                line = line.substring(cut);
            }
        }
        if (!line.isEmpty()) lines.add(line);
        if (lines.size() > MAX_LINES) {
            lines = new ArrayList<>(lines.subList(0, MAX_LINES));
            lines.set(MAX_LINES - 1, lines.get(MAX_LINES - 1) + " …");
        }
        return String.join("\n", lines);
    }

    /** Length of the longest prefix of {@code s} no wider than {@code width}, at least 1. */
    private static int fittingPrefix(Text measure, String s, double width) {
        int n = 1;
        while (n < s.length() && width(measure, s.substring(0, n + 1)) <= width) n++;
        return n;
    }

    private static double width(Text measure, String s) {
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }
}
