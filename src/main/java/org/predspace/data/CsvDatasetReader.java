package org.predspace.data;

import org.predspace.runs.InputText;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads a labelled table from CSV (raw or gzip): one sample per line, numeric feature cells and
 * one label cell.
 * <ul>
 * <li>Separator: ',' if the first line has one, else ';', else tab. Cells are trimmed and may be
 *     wrapped in double quotes; quoted separators are not supported.</li>
 * <li>Label column: the last by default ({@link LabelColumn#FIRST} for files that lead with it).</li>
 * <li>Labels: whole numbers 0, 1, ... are class indices (classes = largest + 1, each with a sample;
 *     "2.0" is 2);
 *     if any label is not a number, all labels are names and classes are the sorted names.</li>
 * <li>Header: the first line is a header when one of its feature cells is not a number, or its
 *     label is not a number while every other label is. scikit-learn's own header
 *     ({@code rows,features,name0,name1,...}, as in iris.csv) is recognised and names the classes.</li>
 * <li>Blank lines are skipped. Rows and columns in messages count from 1, rows as lines of the file.</li>
 * </ul>
 * Features are returned raw; {@link #readSplit} splits and standardises them.
 */
public final class CsvDatasetReader {
    public enum LabelColumn { FIRST, LAST }

    /** Plain decimal numbers, so "NaN", "Infinity" and Java's "1d"/"0x1p3" are not taken as data. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}");
    /** Numeric labels are class indices; beyond this they are surely not. */
    private static final int MAX_CLASSES = 10_000;

    private CsvDatasetReader() {}

    private record Row(int line, String[] cells) {}

    /** A user's CSV file: parsed, split 80/20 per class by {@link StratifiedSplit}, standardised on the training part. */
    public static DatasetSplit readSplit(String id, Path file, LabelColumn labelColumn) throws DataFormatException {
        Dataset all = read(file, labelColumn);
        String description = "CSV " + file + " (label in the " + labelColumn.name().toLowerCase(Locale.ROOT) + " column), split 80/20 per class"
                + " with seed " + StratifiedSplit.SEED + ", features standardised with the training mean/std";
        return Standardizer.standardise(StratifiedSplit.of(id, all, all.name(), description));
    }

    public static Dataset read(Path file, LabelColumn labelColumn) throws DataFormatException {
        return parse(DataBytes.readFile(file), file.toString(), String.valueOf(file.getFileName()), labelColumn);
    }

    /** @param resource an absolute classpath name such as {@code /assets/iris/iris.csv} */
    public static Dataset readResource(String resource, String name, LabelColumn labelColumn) throws DataFormatException {
        return parse(DataBytes.readResource(resource), resource, name, labelColumn);
    }

    static Dataset parse(byte[] bytes, String source, String name, LabelColumn labelColumn) throws DataFormatException {
        List<Row> rows = rows(new String(bytes, StandardCharsets.UTF_8));
        if (rows.isEmpty()) {
            throw new DataFormatException(source + ": no data rows (the file is empty)");
        }
        List<String> headerClassNames = List.of();
        int start = 0;
        if (isSklearnHeader(rows)) {
            String[] first = rows.get(0).cells;
            headerClassNames = Arrays.asList(first).subList(2, first.length);
            start = 1;
        } else if (isHeader(rows, labelColumn)) {
            start = 1;
        }
        List<Row> data = rows.subList(start, rows.size());
        if (data.isEmpty()) {
            throw new DataFormatException(source + ": no data rows after the header line");
        }
        int columns = data.get(0).cells.length;
        if (columns < 2) {
            throw new DataFormatException(source + ": row " + data.get(0).line + " has 1 column; need at least one feature"
                    + " and a label, separated by ',', ';' or tabs");
        }
        int labelAt = labelColumn == LabelColumn.FIRST ? 0 : columns - 1;
        int features = columns - 1;
        float[] x = new float[data.size() * features];
        String[] labelCells = new String[data.size()];
        for (int i = 0; i < data.size(); i++) {
            Row row = data.get(i);
            if (row.cells.length != columns) {
                throw new DataFormatException(source + ": wrong column count, row " + row.line + " has " + row.cells.length
                        + " columns but row " + data.get(0).line + " has " + columns);
            }
            int k = i * features;
            for (int j = 0; j < columns; j++) {
                if (j == labelAt) {
                    labelCells[i] = row.cells[j];
                } else {
                    x[k++] = number(row.cells[j], row, j, source);
                }
            }
        }
        return labelled(name, source, x, features, data, labelCells, labelAt, headerClassNames);
    }

    private static Dataset labelled(String name, String source, float[] x, int features, List<Row> data, String[] cells,
                                    int labelAt, List<String> headerClassNames) throws DataFormatException {
        int[] labels = new int[cells.length];
        List<String> classNames;
        if (Arrays.stream(cells).allMatch(c -> NUMBER.matcher(c).matches())) {
            int max = -1;
            for (int i = 0; i < cells.length; i++) {
                double v = Double.parseDouble(cells[i]);
                String where = source + ": row " + data.get(i).line + ", column " + (labelAt + 1) + ": label " + InputText.quote(cells[i]);
                if (v != Math.rint(v)) {
                    throw new DataFormatException(where + " is not an integer; numeric labels must be class indices 0, 1, 2, ...");
                }
                if (v < 0 || v >= MAX_CLASSES) {
                    throw new DataFormatException(where + " is not a class index 0.." + (MAX_CLASSES - 1));
                }
                labels[i] = (int) v;
                max = Math.max(max, labels[i]);
            }
            if (headerClassNames.isEmpty()) {
                classNames = Dataset.numberedClassNames(ClassLabels.count(new String[] {source}, labels));
            } else if (max < headerClassNames.size()) {
                classNames = headerClassNames;
            } else {
                throw new DataFormatException(source + ": label " + max + " but the header names only "
                        + headerClassNames.size() + " classes " + headerClassNames);
            }
        } else {
            // Names: sorted, so the class index does not depend on which row comes first.
            classNames = List.copyOf(new TreeSet<>(Arrays.asList(cells)));
            Map<String, Integer> index = new HashMap<>();
            for (String c : classNames) {
                index.put(c, index.size());
            }
            for (int i = 0; i < cells.length; i++) {
                labels[i] = index.get(cells[i]);
            }
        }
        if (classNames.size() < 2) {
            throw new DataFormatException(source + ": every row has the label " + InputText.quote(cells[0]) + "; a classifier needs at least 2 classes");
        }
        return new Dataset(name, x, labels, classNames.size(), InputShape.tabular(features), classNames);
    }

    private static float number(String cell, Row row, int column, String source) throws DataFormatException {
        String where = source + ": row " + row.line + ", column " + (column + 1) + ": ";
        if (cell.isEmpty()) {
            throw new DataFormatException(where + "empty cell, expected a number");
        }
        if (!NUMBER.matcher(cell).matches()) {
            throw new DataFormatException(where + InputText.quote(cell) + " is not a number");
        }
        float v = (float) Double.parseDouble(cell);
        if (!Float.isFinite(v)) {
            throw new DataFormatException(where + InputText.quote(cell) + " is too large for a 32-bit float");
        }
        return v;
    }

    /** scikit-learn's layout: "n_samples,n_features,class names..." matching the rows that follow. */
    private static boolean isSklearnHeader(List<Row> rows) {
        String[] first = rows.get(0).cells;
        if (rows.size() < 2 || first.length < 2 || !COUNT.matcher(first[0]).matches() || !COUNT.matcher(first[1]).matches()) {
            return false;
        }
        boolean namesAreText = Arrays.stream(first, 2, first.length).noneMatch(c -> NUMBER.matcher(c).matches());
        return namesAreText && Integer.parseInt(first[0]) == rows.size() - 1
                && Integer.parseInt(first[1]) == rows.get(1).cells.length - 1;
    }

    private static boolean isHeader(List<Row> rows, LabelColumn labelColumn) {
        String[] first = rows.get(0).cells;
        int labelAt = labelColumn == LabelColumn.FIRST ? 0 : first.length - 1;
        for (int j = 0; j < first.length; j++) {
            if (j != labelAt && !NUMBER.matcher(first[j]).matches()) {
                return true;
            }
        }
        if (NUMBER.matcher(first[labelAt]).matches() || rows.size() < 2) {
            return false;
        }
        // A text label above numeric labels is a column name, not a class.
        return rows.stream().skip(1).allMatch(r -> {
            int at = labelColumn == LabelColumn.FIRST ? 0 : r.cells.length - 1;
            return NUMBER.matcher(r.cells[at]).matches();
        });
    }

    private static List<Row> rows(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // byte-order mark written by some spreadsheet programs
        }
        String[] lines = text.split("\r\n|\n|\r");
        String separator = null;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            if (separator == null) {
                separator = lines[i].contains(",") ? "," : lines[i].contains(";") ? ";" : "\t";
            }
            String[] cells = lines[i].split(Pattern.quote(separator), -1);
            for (int j = 0; j < cells.length; j++) {
                cells[j] = unquote(cells[j].trim());
            }
            rows.add(new Row(i + 1, cells));
        }
        return rows;
    }

    private static String unquote(String cell) {
        return cell.length() >= 2 && cell.startsWith("\"") && cell.endsWith("\"") ? cell.substring(1, cell.length() - 1).trim() : cell;
    }
}
