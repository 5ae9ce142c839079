package org.predspace.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.predspace.data.Failures.fails;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetReaderTest {
    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void nameTheFile() {
        file = dir.resolve("data.csv");
    }

    private Path csv(String text) throws IOException {
        return Files.writeString(file, text);
    }

    /** The message of reading {@code text} as {@link #file}, which must fail. */
    private String failure(String text) throws IOException {
        csv(text);
        return fails(() -> readLast(file));
    }

    private static Dataset readLast(Path file) throws DataFormatException {
        return CsvDatasetReader.read(file, CsvDatasetReader.LabelColumn.LAST);
    }

    @Test
    void plainNumericFileHasNoHeaderAndIntegerLabels() throws Exception {
        Dataset d = readLast(csv("1,2,0\n3,4.5,2\n\n-1e1,.5,1\n"));
        assertEquals(3, d.size());
        assertEquals(InputShape.tabular(2), d.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4.5f, -10, 0.5f}, d.featuresView());
        assertArrayEquals(new int[] {0, 2, 1}, d.labels());
        assertEquals(List.of("0", "1", "2"), d.classNames());
        assertEquals("data.csv", d.name());
    }

    @Test
    void headerLineWithColumnNamesIsSkipped() throws Exception {
        Dataset d = readLast(csv("width,height,class\n1,2,0\n3,4,1\n"));
        assertEquals(2, d.size());
        // Only the label cell is text, above numeric labels: still a header.
        assertEquals(2, readLast(csv("1,2,label\n1,2,0\n3,4,1\n")).size());
    }

    @Test
    void stringLabelsBecomeSortedClasses() throws Exception {
        Dataset d = readLast(csv("1,2,dog\n3,4,cat\n5,6,emu\n7,8,cat\n"));
        assertEquals(List.of("cat", "dog", "emu"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 2, 0}, d.labels());
    }

    @Test
    void labelMayComeFirstAndSeparatorsVary() throws Exception {
        Dataset d = CsvDatasetReader.read(csv("\"yes\";1;2\n\"no\";3;4\n"), CsvDatasetReader.LabelColumn.FIRST);
        assertEquals(List.of("no", "yes"), d.classNames());
        assertArrayEquals(new float[] {1, 2, 3, 4}, d.featuresView());
        assertArrayEquals(new int[] {1, 0}, readLast(csv("1\t2\t1\n3\t4\t0\n")).labels());
    }

    @Test
    void sklearnHeaderNamesTheClasses() throws Exception {
        Dataset d = readLast(csv("3,2,red,green\n1,2,0\n3,4,1\n5,6,1\n"));
        assertEquals(3, d.size());
        assertEquals(List.of("red", "green"), d.classNames());
        String m = failure("2,2,red,green\n1,2,0\n3,4,2\n");
        assertTrue(m.contains(file + ": label 2 but the header names only 2 classes"), m);
    }

    @Test
    void gzippedCsvIsRead() throws Exception {
        Path file = dir.resolve("data.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("1,2,0\n3,4,1\n".getBytes());
        }
        assertEquals(2, readLast(file).size());
    }

    @Test
    void nonNumericCellNamesRowAndColumn() throws Exception {
        assertEquals(file + ": row 3, column 2: 'x7' is not a number", failure("a,b,label\n1,2,0\n3,x7,1\n"));
        assertEquals(file + ": row 2, column 2: empty cell, expected a number", failure("1,2,0\n3,,1\n"));
        assertTrue(failure("1,2,0\nNaN,1,1\n").contains("row 2, column 1: 'NaN' is not a number"));
    }

    @Test
    void wrongColumnCountIsReported() throws Exception {
        assertEquals(file + ": wrong column count, row 3 has 2 columns but row 1 has 3", failure("1,2,0\n3,4,1\n5,1\n"));
    }

    @Test
    void fractionalLabelIsNotAnInteger() throws Exception {
        assertTrue(failure("1,2,0\n3,4,2.5\n").contains(file + ": row 2, column 3: label '2.5' is not an integer"));
        // Whole numbers written as decimals are fine.
        assertArrayEquals(new int[] {0, 2, 1}, readLast(csv("1,2,0.0\n3,4,2.0\n5,6,1\n")).labels());
        assertTrue(failure("1,2,0\n3,4,-1\n").contains("row 2, column 3: label '-1' is not a class index"));
    }

    @Test
    void emptyFilesAndHeaderOnlyFilesHaveNoRows() throws Exception {
        assertEquals(file + ": no data rows (the file is empty)", failure("\n\n"));
        assertEquals(file + ": no data rows after the header line", failure("a,b,label\n"));
    }

    @Test
    void singleClassAndSingleColumnAreReported() throws Exception {
        assertTrue(failure("1,2,cat\n3,4,cat\n").contains(file + ": every row has the label 'cat'"));
        assertTrue(failure("1\n2\n").contains(file + ": row 1 has 1 column"));
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("absent.csv");
        assertEquals(f + ": file not found", fails(() -> readLast(f)));
    }

    @Test
    void userCsvIsSplitStratifiedAndStandardisedOnTrain() throws Exception {
        StringBuilder text = new StringBuilder("x,y,kind\n");
        for (int i = 0; i < 100; i++) {
            text.append(i).append(',').append(1000 + 3 * (i % 7)).append(',').append(i % 3 == 0 ? "a" : "b").append('\n');
        }
        csv(text.toString());
        DatasetSplit s = CsvDatasetReader.readSplit("csv:" + file, file, CsvDatasetReader.LabelColumn.LAST);
        assertEquals("csv:" + file, s.id());
        assertEquals(80, s.train().size());
        assertEquals(20, s.test().size());
        // 34 "a" and 66 "b": round(0.8 * 34) = 27 and 53 of them train.
        assertEquals(27, count(s.train(), 0));
        assertEquals(53, count(s.train(), 1));
        StatsAssert.standardised(s.train());

        DatasetSplit again = CsvDatasetReader.readSplit("csv:" + file, file, CsvDatasetReader.LabelColumn.LAST);
        assertArrayEquals(s.test().featuresView(), again.test().featuresView());
    }

    private static int count(Dataset d, int label) {
        int n = 0;
        for (int l : d.labels()) {
            n += l == label ? 1 : 0;
        }
        return n;
    }
}
