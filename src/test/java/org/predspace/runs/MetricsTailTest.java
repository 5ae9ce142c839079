package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** metrics.csv read from where the last read stopped ({@link MetricsTail}), with the rules of a whole read. */
class MetricsTailTest {
    private static final String HEADER = MetricsCsv.HEADER + "\n";

    @TempDir Path tmp;

    private Path file() { return tmp.resolve("metrics.csv"); }

    private static String line(long step, double loss) {
        return MetricsCsv.line(new CheckpointMetrics(step, step / 100.0, loss, 0.5, Double.NaN, Double.NaN));
    }

    private void append(String text) throws IOException {
        Files.writeString(file(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static List<Long> steps(List<CheckpointMetrics> rows) {
        return rows.stream().map(CheckpointMetrics::step).toList();
    }

    @Test
    void eachReadReturnsOnlyTheLinesOfStepsCommittedSinceTheLast() throws Exception {
        MetricsTail tail = new MetricsTail(file());
        assertTrue(tail.readNew(new long[0]).isEmpty(), "no file yet: a run from another tool may have none");
        append(HEADER.substring(0, 10));
        assertTrue(tail.readNew(new long[0]).isEmpty(), "a header still being written");
        append(HEADER.substring(10) + line(0, 2.3) + line(10, 1.9));
        assertEquals(List.of(0L, 10L), steps(tail.readNew(new long[]{0, 10})));

        // the line of step 20 is written before its checkpoint is committed, and step 30's is torn
        append(line(20, 1.5) + line(30, 1.2).substring(0, 5));
        assertTrue(tail.readNew(new long[]{0, 10}).isEmpty(), "step 20 is not committed yet");
        List<CheckpointMetrics> twenty = tail.readNew(new long[]{0, 10, 20});
        assertEquals(List.of(20L), steps(twenty));
        assertEquals(1.5, twenty.get(0).trainLoss());
        assertEquals(0.2, twenty.get(0).epoch());

        append(line(30, 1.2).substring(5) + "\n" + line(40, 1.0));   // a blank line between, as editors leave
        assertEquals(List.of(30L, 40L), steps(tail.readNew(new long[]{0, 10, 20, 30, 40})));
        assertTrue(tail.readNew(new long[]{0, 10, 20, 30, 40}).isEmpty(), "each line is returned once");
    }

    @Test
    void linesAlreadyReturnedAreNotReadAgain() throws Exception {
        append(HEADER + line(0, 2.3) + line(10, 1.9));
        MetricsTail tail = new MetricsTail(file());
        assertEquals(2, tail.readNew(new long[]{0, 10}).size());
        // damage the first line in place, same length: a reader that starts over would now fail on it
        String text = Files.readString(file());
        Files.writeString(file(), text.replaceFirst("\n0,", "\nx,"));
        append(line(20, 1.5));
        assertEquals(List.of(20L), steps(tail.readNew(new long[]{0, 10, 20})));
        RunFormatException whole = assertThrows(RunFormatException.class, () -> MetricsCsv.read(file(), new long[]{0, 10, 20}));
        assertTrue(whole.getMessage().contains("line 2"), whole.getMessage());
    }

    @Test
    void aReplacedOrShortenedFileIsReadAgainFromItsStart() throws Exception {
        append(HEADER + line(0, 2.3) + line(10, 1.9));
        MetricsTail tail = new MetricsTail(file());
        assertEquals(2, tail.readNew(new long[]{0, 10}).size());
        // replaced by rename, with other columns in another order: the old offset and columns mean nothing there
        Path other = tmp.resolve("other.csv");
        Files.writeString(other, "train_loss,step\n2.0,0\n1.8,10\n1.4,20\n");
        Files.move(other, file(), StandardCopyOption.REPLACE_EXISTING);
        List<CheckpointMetrics> again = tail.readNew(new long[]{0, 10, 20});
        assertEquals(List.of(0L, 10L, 20L), steps(again));
        assertEquals(1.4, again.get(2).trainLoss());

        Files.writeString(file(), "step\n0\n");   // truncated in place below what was read
        List<CheckpointMetrics> shortened = tail.readNew(new long[]{0});
        assertEquals(List.of(0L), steps(shortened));
        assertTrue(Double.isNaN(shortened.get(0).trainLoss()), "the new header has no train_loss column");
    }

    @Test
    void theWholeReadAndTheTailGiveTheSameLinesAndRefuseTheSameDamage() throws Exception {
        append("\uFEFF" + HEADER + line(0, 2.3) + "\r\n" + line(10, 1.9).replace("\n", "\r\n") + line(20, 1.5));
        long[] committed = {0, 10, 20};
        MetricsTail tail = new MetricsTail(file());
        assertEquals(MetricsCsv.read(file(), committed), tail.readNew(committed));

        append(line(20, 1.4) + line(30, 1.0));   // step 20 twice
        RunFormatException e = assertThrows(RunFormatException.class, () -> tail.readNew(new long[]{0, 10, 20, 30}));
        assertTrue(e.getMessage().contains("metrics.csv: line 6: step 20 is not a committed checkpoint step after 20"),
                e.getMessage());
    }
}
