package org.predspace.runs;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * metrics.csv read from where the last read stopped. A run being written appends one line per
 * checkpoint; a follower that re-read the whole file at each new checkpoint would spend time
 * growing with the run's length (thousands of checkpoints on a cluster), so each read starts at
 * the first byte not yet used and reads only the new lines.
 *
 * <p>The rules are those of {@link MetricsCsv#read}: only lines whose step is committed in
 * steps.npy are returned, steps increase strictly, and a line past the last committed step (or
 * a torn last line) is left unread, to be read once its checkpoint is committed. A file that was
 * replaced (another identity) or shortened is read again from its start.
 *
 * <p>Not thread-safe: one follower reads it.
 */
final class MetricsTail {
    private final Path file;
    /** Bytes used so far: the header and every line returned or skipped as blank. */
    private long offset;
    /** Column of each of {@link MetricsCsv#HEADER}'s names, null until the header line is complete. */
    private int[] columns;
    private int lineNo = 1;
    private long previousStep = Long.MIN_VALUE;
    private Object identity;

    MetricsTail(Path file) {
        this.file = file;
    }

    /**
     * The committed lines after those returned before; empty when the file is absent (runs from
     * other tools have none).
     *
     * @param committedSteps every committed step, increasing
     */
    List<CheckpointMetrics> readNew(long[] committedSteps) throws RunFormatException {
        List<CheckpointMetrics> rows = new ArrayList<>();
        long lastCommitted = committedSteps.length == 0 ? Long.MIN_VALUE : committedSteps[committedSteps.length - 1];
        try (FileChannel ch = BoundedFiles.openChannel(file)) {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            if (ch.size() < offset || (identity != null && !Objects.equals(key, identity))) restart();
            identity = key;
            long start = offset;
            ch.position(start);
            MetricsCsv.LineInput lines = new MetricsCsv.LineInput(new BufferedInputStream(Channels.newInputStream(ch)), file);
            if (columns == null) {
                String header = lines.next(1, false);
                if (header == null) return rows;   // the header is still being written
                columns = MetricsCsv.columnIndexes(header, file);
                lineNo = 2;
                offset = start + lines.consumed();
            }
            // stop at the last committed step's line: what follows is not to be read yet
            while (previousStep != lastCommitted || lastCommitted == Long.MIN_VALUE) {
                String line = lines.next(lineNo, false);
                if (line == null) break;
                if (!line.isBlank()) {
                    CheckpointMetrics m = MetricsCsv.parse(line, columns, file, lineNo);
                    if (m.step() > lastCommitted) break;   // written, but its checkpoint is not committed yet
                    if (m.step() <= previousStep || Arrays.binarySearch(committedSteps, m.step()) < 0) {
                        throw new RunFormatException(file + ": line " + lineNo + ": step " + m.step()
                                + " is not a committed checkpoint step after " + previousStep);
                    }
                    rows.add(m);
                    previousStep = m.step();
                }
                lineNo++;
                offset = start + lines.consumed();
            }
        } catch (NoSuchFileException e) {
            return rows;
        } catch (IOException e) {
            throw new RunFormatException(file + ": cannot read (" + e + ")", e);
        }
        return rows;
    }

    private void restart() {
        offset = 0;
        columns = null;
        lineNo = 1;
        previousStep = Long.MIN_VALUE;
    }
}
