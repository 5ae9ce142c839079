package org.predspace.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

class CsvTableTest {
    @TempDir Path tmp;

    @Test
    void namesWithCommasQuotesAndLineBreaksReadBackUnchanged() {
        List<String> names = List.of("plain", "lr=0.1, seed 3", "the \"corner\" run", "two\nlines", "");
        CsvTable t = new CsvTable(List.of("run", "value"));
        for (String n : names) t.row(n, 1.0);
        List<List<String>> rows = CsvReader.parse(t.text());
        assertEquals(List.of("run", "value"), rows.get(0));
        for (int i = 0; i < names.size(); i++) assertEquals(List.of(names.get(i), "1.0"), rows.get(i + 1));
    }

    @Test
    void numbersKeepFullPrecisionWhateverTheDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // a decimal comma would split cells
        try {
            double[] values = {Math.PI, 1e-300, -2.5e17, 0.1 + 0.2, Double.MIN_VALUE, 42};
            CsvTable t = new CsvTable(List.of("v"));
            for (double v : values) t.row(v);
            List<List<String>> rows = CsvReader.parse(t.text());
            for (int i = 0; i < values.length; i++) {
                assertEquals(1, rows.get(i + 1).size());
                assertEquals(values[i], Double.parseDouble(rows.get(i + 1).get(0)), 0.0, "exactly the same double");
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void notMeasuredIsAnEmptyCellAndInfinitiesAreSpelledInf() {
        CsvTable t = new CsvTable(List.of("a", "b", "c", "d")).row(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, null);
        assertEquals("a,b,c,d\n,inf,-inf,\n", t.text());
    }

    @Test
    void integersAreWrittenAsIntegers() {
        assertEquals("step,checkpoint\n120,3\n", new CsvTable(List.of("step", "checkpoint")).row(120L, 3).text());
    }

    @Test
    void aRowOfTheWrongLengthIsRefused() {
        CsvTable t = new CsvTable(List.of("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> t.row(1.0));
    }

    @Test
    void distanceMatrixHasRunNamesAsHeaderAndFirstColumn() {
        CsvTable t = DistanceMatrixCsv.of(List.of("a,1", "b"), new double[][] {{0, 0.25}, {0.25, 0}});
        List<List<String>> rows = CsvReader.parse(t.text());
        assertEquals(List.of("run", "a,1", "b"), rows.get(0));
        assertEquals(List.of("a,1", "0.0", "0.25"), rows.get(1));
        assertEquals(List.of("b", "0.25", "0.0"), rows.get(2));
        assertThrows(IllegalArgumentException.class, () -> DistanceMatrixCsv.of(List.of("a"), new double[][] {{0, 1}}));
    }

    @Test
    void aFailedWriteLeavesNeitherTheFileNorATempFile() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("a-file.txt"), "x");
        CsvTable t = new CsvTable(List.of("a")).row(1.0);
        assertThrows(IOException.class, () -> t.writeTo(notAFolder.resolve("out.csv")));
        assertEquals(List.of(notAFolder), Files.list(tmp).toList());
    }

    @Test
    void writingReplacesAnOlderFileWhole() throws Exception {
        Path target = tmp.resolve("t.csv");
        Files.writeString(target, "an older, longer table\n".repeat(100));
        new CsvTable(List.of("a")).row(2.0).writeTo(target);
        assertEquals("a\n2.0\n", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of(target), Files.list(tmp).toList(), "no temp file left beside it");
    }
}
