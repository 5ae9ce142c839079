package org.predspace.export;

import java.util.ArrayList;
import java.util.List;

/** An RFC 4180 reader written for the tests, independent of {@link CsvTable}: rows of cells, quotes undone. */
public final class CsvReader {
    private CsvReader() {}

    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("unterminated quote");
        if (cell.length() > 0 || !row.isEmpty()) throw new IllegalArgumentException("last line has no line end");
        return rows;
    }

    /** A cell as a number: empty is NaN, inf and -inf are the infinities. */
    public static double number(String cell) {
        return switch (cell) {
            case "" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(cell);
        };
    }
}
