package org.predspace.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A table to be written as CSV: a header and rows of cells, text or numbers.
 *
 * <p>Numbers are written with {@link Double#toString} (shortest text that reads back to the
 * same double, always with a '.' whatever the locale), NaN as an empty cell (pandas, R and
 * numpy read that as missing), infinities as {@code inf} and {@code -inf} (as Python and the
 * run format's metrics.csv spell them). Text is quoted when it holds a comma, a quote or a
 * line break, quotes doubled (RFC 4180). Lines end with '\n'.
 */
public final class CsvTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public CsvTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Appends a row; each cell a String (text), a Number, or null (empty). */
    public CsvTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells for " + header.size() + " columns");
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object c : cells) row.add(cell(c));
        rows.add(row);
        return this;
    }

    public List<String> header() { return header; }

    public int rowCount() { return rows.size(); }

    public String text() {
        StringBuilder out = new StringBuilder();
        line(out, header.stream().map(CsvTable::text).toList());
        for (List<String> r : rows) line(out, r);
        return out.toString();
    }

    /** Writes the table to {@code target} whole or not at all (see {@link ExportFiles}). */
    public void writeTo(Path target) throws IOException {
        ExportFiles.write(target, text().getBytes(StandardCharsets.UTF_8));
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append(String.join(",", cells)).append('\n');
    }

    private static String cell(Object c) {
        if (c == null) return "";
        if (c instanceof Double || c instanceof Float) return number(((Number) c).doubleValue());
        if (c instanceof Number n) return n.toString();
        return text(c.toString());
    }

    /** A number as this class writes it (see the class comment). */
    public static String number(double v) {
        if (Double.isNaN(v)) return "";
        if (v == Double.POSITIVE_INFINITY) return "inf";
        if (v == Double.NEGATIVE_INFINITY) return "-inf";
        return Double.toString(v);
    }

    /** A text cell, quoted when it must be. */
    public static String text(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
