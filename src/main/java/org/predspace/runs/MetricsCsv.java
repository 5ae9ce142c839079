package org.predspace.runs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * metrics.csv: one line per checkpoint, appended before the checkpoint is committed.
 * Reading keeps only lines whose step is committed in steps.npy and stops at the first line
 * past the last committed step, so a torn or uncommitted tail is never read.
 */
final class MetricsCsv {
    static final String HEADER = "step,epoch,train_loss,train_accuracy,test_loss,test_accuracy";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    /** A metrics line is under 200 characters; a longer one means the file is not ours. */
    private static final int MAX_LINE = 4096;

    private MetricsCsv() {}

    /** The line for one checkpoint, newline included. NaN ("not measured") is written as NaN. */
    static String line(CheckpointMetrics m) {
        return m.step() + "," + m.epoch() + "," + m.trainLoss() + "," + m.trainAccuracy() + ","
                + m.testLoss() + "," + m.testAccuracy() + "\n";
    }

    /**
     * The committed metrics rows; empty when the file is absent (runs from other tools).
     * Columns are found by header name, so other tools may order them freely or omit all but step.
     */
    static List<CheckpointMetrics> read(Path file, long[] committedSteps) throws RunFormatException {
        return new MetricsTail(file).readNew(committedSteps);
    }

    /**
     * Every complete line of a metrics log another tool wrote (an import), whatever its steps;
     * steps must increase strictly, so that each step means one line.
     */
    static List<CheckpointMetrics> readLog(Path file) throws RunFormatException {
        List<CheckpointMetrics> rows = new ArrayList<>();
        try {
            forEachRow(file, true, (m, lineNo) -> {
                long previous = rows.isEmpty() ? Long.MIN_VALUE : rows.get(rows.size() - 1).step();
                if (m.step() <= previous) {
                    throw new RunFormatException(file + ": line " + lineNo + ": step " + m.step()
                            + " does not follow step " + previous + "; steps must increase strictly");
                }
                rows.add(m);
                return true;
            });
        } catch (IOException e) {
            throw Npy.unreadable(file, e);
        }
        return rows;
    }

    private interface RowSink {
        /** @return false to stop reading */
        boolean accept(CheckpointMetrics m, int lineNo) throws RunFormatException;
    }

    /**
     * Parses the header, then hands each non-blank line to {@code sink}.
     *
     * @param lastLineComplete whether a last line without '\n' counts: not in a run, where it is
     *                         a torn append, but in a finished log another tool wrote
     */
    private static void forEachRow(Path file, boolean lastLineComplete, RowSink sink) throws IOException, RunFormatException {
        try (InputStream in = new BufferedInputStream(BoundedFiles.newInputStream(file))) {
            LineInput lines = new LineInput(in, file);
            String header = lines.next(1, lastLineComplete);
            if (header == null) return;
            int[] index = columnIndexes(header, file);
            for (int lineNo = 2; ; lineNo++) {
                String line = lines.next(lineNo, lastLineComplete);
                if (line == null) return;
                if (line.isBlank()) continue;
                if (!sink.accept(parse(line, index, file, lineNo), lineNo)) return;
            }
        }
    }

    /**
     * Lines of a metrics file, counting the bytes of those returned, so that a reader can come
     * back to the first byte it has not used ({@link MetricsTail}).
     */
    static final class LineInput {
        private final InputStream in;
        private final Path file;
        private final byte[] buf = new byte[MAX_LINE];
        private long consumed;

        LineInput(InputStream in, Path file) {
            this.in = in;
            this.file = file;
        }

        /** Bytes read through the end of the last line returned. */
        long consumed() { return consumed; }

        /** The next line without its terminator, or null at the end; a last line without '\n' is dropped unless kept. */
        String next(int lineNo, boolean keepUnterminated) throws IOException, RunFormatException {
            int n = 0;
            for (int b; (b = in.read()) >= 0; ) {
                if (b == '\n') {
                    consumed += n + 1;
                    if (n > 0 && buf[n - 1] == '\r') n--;
                    return text(n, lineNo);
                }
                if (n == buf.length) throw new RunFormatException(file + ": line " + lineNo + " is longer than " + MAX_LINE + " bytes");
                buf[n++] = (byte) b;
            }
            if (!keepUnterminated || n == 0) return null;
            consumed += n;
            if (buf[n - 1] == '\r') n--;
            return text(n, lineNo);
        }

        private String text(int n, int lineNo) {
            String line = new String(buf, 0, n, StandardCharsets.UTF_8);
            // spreadsheets save UTF-8 with a byte-order mark
            return lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
        }
    }

    static int[] columnIndexes(String header, Path file) throws RunFormatException {
        String[] names = header.split(",", -1);
        int[] index = new int[COLUMNS.size()];
        Arrays.fill(index, -1);
        for (int i = 0; i < names.length; i++) {
            int c = COLUMNS.indexOf(names[i].trim());
            if (c >= 0) index[c] = i;
        }
        if (index[0] < 0) throw new RunFormatException(file + ": header " + InputText.quote(header) + " has no 'step' column");
        return index;
    }

    static CheckpointMetrics parse(String line, int[] index, Path file, int lineNo) throws RunFormatException {
        String[] cells = line.split(",", -1);
        double[] v = new double[index.length];
        for (int c = 0; c < index.length; c++) {
            if (index[c] >= cells.length) {
                throw new RunFormatException(file + ": line " + lineNo + " has " + cells.length + " cells, too few for the header");
            }
            v[c] = index[c] < 0 ? Double.NaN : number(cells[index[c]], file, lineNo);
        }
        CheckpointMetrics m = new CheckpointMetrics(step(cells[index[0]], file, lineNo), v[1], v[2], v[3], v[4], v[5]);
        String problem = m.problem();
        if (problem != null) throw new RunFormatException(file + ": line " + lineNo + ": " + problem);
        return m;
    }

    /** Steps are integers; "120.0" (pandas writes integer columns holding NaN that way) is accepted. */
    private static long step(String cell, Path file, int lineNo) throws RunFormatException {
        try {
            return Long.parseLong(cell.trim());
        } catch (NumberFormatException e) {
            double d = number(cell, file, lineNo);
            if (d != Math.rint(d) || Math.abs(d) > 1e15) {
                throw new RunFormatException(file + ": line " + lineNo + ": step " + InputText.quote(cell) + " is not an integer");
            }
            return (long) d;
        }
    }

    /** Java's and Python's spellings of numbers; an empty cell is "not measured". */
    private static double number(String cell, Path file, int lineNo) throws RunFormatException {
        String s = cell.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "", "nan" -> { return Double.NaN; }
            case "inf", "infinity", "+inf" -> { return Double.POSITIVE_INFINITY; }
            case "-inf", "-infinity" -> { return Double.NEGATIVE_INFINITY; }
            default -> {
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new RunFormatException(file + ": line " + lineNo + ": " + InputText.quote(cell) + " is not a number");
                }
            }
        }
    }
}
