package org.predspace.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.predspace.data.Failures.fails;
import static org.predspace.data.SyntheticGeneratorsTest.classCounts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** The bundled data as the jar ships it (assets/ is on the test classpath) and the id scheme. */
@Tag("slow")
class DatasetCatalogTest {
    private final DatasetCatalog catalog = new DatasetCatalog();

    @Test
    void mnistIsTheBalancedSubsetInFileOrder() throws Exception {
        DatasetSplit s = catalog.load("mnist");
        assertEquals("mnist", s.id());
        assertEquals(20_000, s.train().size());
        assertEquals(3_000, s.test().size());
        assertEquals(InputShape.image(1, 28, 28), s.shape());
        assertArrayEquals(new int[] {2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000}, classCounts(s.train()));
        assertArrayEquals(new int[] {300, 300, 300, 300, 300, 300, 300, 300, 300, 300}, classCounts(s.test()));
        // MNIST's training file starts 5, 0, 4, 1; the test file 7, 2, 1, 0.
        assertArrayEquals(new int[] {5, 0, 4, 1}, Arrays.copyOf(s.train().labels(), 4));
        assertArrayEquals(new int[] {7, 2, 1, 0}, Arrays.copyOf(s.test().labels(), 4));
        assertEquals(Dataset.numberedClassNames(10), s.train().classNames());
        assertPixelsInUnitRange(s.train());
        assertTrue(s.train().name().contains("MNIST"), s.train().name());
    }

    @Test
    void fashionHasItsClassNames() throws Exception {
        DatasetSplit s = catalog.load("fashion");
        assertArrayEquals(new int[] {2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000, 2000}, classCounts(s.train()));
        assertArrayEquals(new int[] {300, 300, 300, 300, 300, 300, 300, 300, 300, 300}, classCounts(s.test()));
        assertEquals("T-shirt/top", s.train().classNames().get(0));
        assertEquals("Ankle boot", s.test().classNames().get(9));
        assertPixelsInUnitRange(s.test());
    }

    @Test
    void digitsAreAllEightByEightImagesSplitPerClass() throws Exception {
        DatasetSplit s = catalog.load("digits");
        assertEquals(1797, s.train().size() + s.test().size());
        assertEquals(64, s.shape().size());
        assertEquals(InputShape.image(1, 8, 8), s.shape());
        assertEquals(10, s.classes());
        int[] train = classCounts(s.train());
        int[] test = classCounts(s.test());
        int[] inFile = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};
        for (int c = 0; c < 10; c++) {
            assertEquals(inFile[c], train[c] + test[c]);
            assertEquals(Math.round(0.8 * inFile[c]), train[c], "class " + c);
        }
        assertPixelsInUnitRange(s.train());
        assertArrayEquals(s.test().featuresView(), catalog.load("digits").test().featuresView(), "fixed split");
    }

    @Test
    void irisIsNamedFromItsHeaderAndStandardisedOnTrain() throws Exception {
        DatasetSplit s = catalog.load("iris");
        assertEquals(150, s.train().size() + s.test().size());
        assertEquals(120, s.train().size());
        assertEquals(InputShape.tabular(4), s.shape());
        assertEquals(List.of("setosa", "versicolor", "virginica"), s.train().classNames());
        assertArrayEquals(new int[] {40, 40, 40}, classCounts(s.train()));
        StatsAssert.standardised(s.train());
    }

    @Test
    void availableListsEveryBuiltInWithRealSizes() {
        List<DatasetInfo> infos = catalog.available();
        assertEquals(List.of("mnist", "fashion", "digits", "iris", "spirals", "gauss", "sloppy"),
                infos.stream().map(DatasetInfo::id).toList());
        assertEquals(DatasetCatalog.builtInIds(), infos.stream().map(DatasetInfo::id).toList());
        DatasetInfo mnist = infos.get(0);
        assertEquals(20_000, mnist.trainSize());
        assertEquals(3_000, mnist.testSize());
        assertEquals(10, mnist.classes());
        DatasetInfo sloppy = infos.get(6);
        assertEquals(InputShape.tabular(200), sloppy.shape());
        assertEquals(5_000, sloppy.trainSize());
        assertTrue(infos.stream().allMatch(i -> !i.description().isBlank() && i.trainSize() > i.testSize()));
        assertSame(infos, catalog.available(), "computed once");
    }

    @Test
    void syntheticIdsShareTheirDataAcrossLoads() throws Exception {
        for (String id : List.of("spirals", "gauss", "sloppy")) {
            DatasetSplit a = catalog.load(id);
            assertEquals(id, a.id());
            assertArrayEquals(a.train().featuresView(), new DatasetCatalog().load(id).train().featuresView(), id);
        }
    }

    @Test
    void unknownIdListsTheValidOnes() {
        String m = fails(() -> catalog.load("cifar"));
        assertTrue(m.startsWith("unknown data set id 'cifar'; valid ids: mnist, fashion, digits, iris, spirals, gauss, sloppy, idx:"), m);
        assertTrue(fails(() -> catalog.load("csv:")).contains("names no path"));
    }

    @Test
    void userFilesKeepTheirIdAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.csv");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            text.append(i % 2).append(',').append(i).append(',').append(i * i).append('\n');
        }
        Files.writeString(file, text);
        String id = "csv:label=first:" + file;
        DatasetSplit s = catalog.load(id);
        assertEquals(id, s.id());
        assertEquals(InputShape.tabular(2), s.shape());
        assertEquals(2, s.classes());
        // Read with the label last, the i*i values are labels 0 .. 361 with most classes empty: refused.
        String m = fails(() -> catalog.load("csv:" + file));
        assertTrue(m.contains(file + ": label 361 (sample 19) would make 362 classes, but 342 classes have no sample"), m);
        // Labels 0 .. 19 once each are 20 classes of one sample: nothing is left to test on.
        Path single = dir.resolve("single.csv");
        StringBuilder one = new StringBuilder();
        for (int i = 0; i < 20; i++) one.append(i * i).append(',').append(i).append('\n');
        Files.writeString(single, one);
        String s1 = fails(() -> catalog.load("csv:" + single));
        assertTrue(s1.contains(single + ": no class has 2 or more of the 20 samples, so the test part would be empty"), s1);

        String missing = "idx:" + dir.resolve("none");
        assertTrue(fails(() -> catalog.load(missing)).contains(dir.resolve("none") + ": folder not found"));
    }

    private static void assertPixelsInUnitRange(Dataset d) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : d.featuresView()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }
}
