package org.predspace.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.predspace.data.Failures.fails;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Six 2x3 images with distinct pixels and labels 0..2, so every value can be checked. */
    private static Dataset tiny() {
        float[] pixels = new float[6 * 6];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 7 % 256) / 255f;
        }
        return new Dataset("tiny", pixels, new int[] {0, 1, 2, 2, 1, 0}, 3, InputShape.image(1, 2, 3), List.of("0", "1", "2"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void roundTripKeepsPixelsLabelsAndShape(boolean gzip) throws Exception {
        Dataset original = tiny();
        Path images = dir.resolve("x-images-idx3-ubyte");
        Path labels = dir.resolve("x-labels-idx1-ubyte");
        IdxWriter.write(original, images, labels, gzip);
        assertEquals(gzip, isGzip(images));

        Dataset read = IdxReader.readPair(images, labels, "back");
        assertEquals(InputShape.image(1, 2, 3), read.shape());
        assertEquals(3, read.classes());
        assertArrayEquals(original.labels(), read.labels());
        assertArrayEquals(original.featuresView(), read.featuresView(), 1e-6f);
    }

    @Test
    void gzipIsDetectedByContentNotName() throws Exception {
        Path images = dir.resolve("plain-images-idx3-ubyte.gz"); // raw despite the name
        Path labels = dir.resolve("plain-labels-idx1-ubyte"); // gzip despite the name
        IdxWriter.write(images, IdxReader.IMAGES_MAGIC, new int[] {2, 1, 1}, new byte[] {0, (byte) 255}, false);
        IdxWriter.write(labels, IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {1, 0}, true);
        Dataset d = IdxReader.readPair(images, labels, "d");
        assertArrayEquals(new float[] {0f, 1f}, d.featuresView());
        assertArrayEquals(new int[] {1, 0}, d.labels());
    }

    @Test
    void folderWithTrainAndTestPairsUsesThem() throws Exception {
        writePair("train", 6, 3, false);
        writePair("t10k", 4, 3, true);
        DatasetSplit s = IdxReader.readFolder("idx:" + dir, dir);
        assertEquals("idx:" + dir, s.id());
        assertEquals(6, s.train().size());
        assertEquals(4, s.test().size());
        assertEquals(3, s.classes());
    }

    @Test
    void folderWithOnePairIsSplitEightyTwentyDeterministically() throws Exception {
        writePair("mine", 50, 2, false);
        DatasetSplit a = IdxReader.readFolder("idx:x", dir);
        DatasetSplit b = IdxReader.readFolder("idx:x", dir);
        assertEquals(40, a.train().size());
        assertEquals(10, a.test().size());
        assertArrayEquals(a.train().featuresView(), b.train().featuresView());
    }

    @Test
    void folderPrefersUncompressedCopyAndIgnoresUnrelatedFiles() throws Exception {
        writePair("train", 6, 2, false);
        writePair("train", 6, 2, true);
        writePair("t10k", 4, 2, false);
        Files.writeString(dir.resolve("README.txt"), "hello");
        DatasetSplit s = IdxReader.readFolder("idx", dir);
        assertEquals(6, s.train().size());
        assertEquals(4, s.test().size());
    }

    @Test
    void ambiguousFolderNamesThePairs() throws Exception {
        writePair("a", 4, 2, false);
        writePair("b", 4, 2, false);
        String m = fails(() -> IdxReader.readFolder("idx", dir));
        assertTrue(m.contains(dir.toString()) && m.contains("a-images-idx3-ubyte") && m.contains("b-images-idx3-ubyte"), m);
    }

    @Test
    void folderWithoutPairsSaysWhatItFound() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        IdxWriter.write(dir.resolve("train-images-idx3-ubyte"), IdxReader.IMAGES_MAGIC, new int[] {1, 1, 1}, new byte[1], false);
        String m = fails(() -> IdxReader.readFolder("idx", dir));
        assertTrue(m.contains("no *images*idx3* file with a matching *labels*idx1*") && m.contains("notes.txt"), m);
    }

    @Test
    void missingFolderAndMissingFileAreNamed() {
        Path nowhere = dir.resolve("nowhere");
        assertTrue(fails(() -> IdxReader.readFolder("idx", nowhere)).contains(nowhere + ": folder not found"));
        String m = fails(() -> IdxReader.readPair(nowhere.resolve("i"), nowhere.resolve("l"), "x"));
        assertTrue(m.contains(nowhere.resolve("i") + ": file not found"), m);
    }

    @Test
    void wrongMagicIsReported() throws Exception {
        Path labels = labelsFile(3);
        Path images = dir.resolve("images");
        // A labels file where the images should be: the message says so.
        IdxWriter.write(images, IdxReader.LABELS_MAGIC, new int[] {3}, new byte[3], false);
        String m = fails(() -> IdxReader.readPair(images, labels, "x"));
        assertTrue(m.startsWith(images + ": wrong magic number 0x00000801, expected 0x00000803"), m);
        assertTrue(m.contains("this is an IDX labels file"), m);

        Files.write(images, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        m = fails(() -> IdxReader.readPair(images, labels, "x"));
        assertTrue(m.contains("wrong magic number 0x504B0304"), m);
    }

    @Test
    void truncatedFilesAreReported() throws Exception {
        Path labels = labelsFile(10);
        Path images = dir.resolve("images");
        String m = imagesFailure(new int[] {10, 2, 2}, 30, labels);
        assertTrue(m.contains(images + ": truncated file, the header declares 10 images of 2x2 (40 bytes) but only 30 bytes follow"), m);

        Files.write(images, new byte[] {0, 0, 8, 3, 0, 0});
        m = fails(() -> IdxReader.readPair(images, labels, "x"));
        assertTrue(m.contains(images + ": truncated file, 6 bytes is shorter than the 16-byte IDX images header"), m);
    }

    @Test
    void truncatedGzipIsReported() throws Exception {
        Path labels = labelsFile(10);
        Path images = dir.resolve("images.gz");
        IdxWriter.write(images, IdxReader.IMAGES_MAGIC, new int[] {10, 8, 8}, new byte[640], true);
        byte[] whole = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(whole, whole.length / 2));
        String m = fails(() -> IdxReader.readPair(images, labels, "x"));
        assertTrue(m.contains(images + ": truncated gzip data"), m);
    }

    @Test
    void trailingBytesAreReported() throws Exception {
        Path labels = dir.resolve("labels");
        IdxWriter.write(labels, IdxReader.LABELS_MAGIC, new int[] {2}, new byte[5], false);
        String m = fails(() -> IdxReader.parseLabels(Files.readAllBytes(labels), labels.toString()));
        assertTrue(m.contains(labels + ": 3 unexpected bytes after the 2 labels"), m);
    }

    @Test
    void imageAndLabelCountsMustAgree() throws Exception {
        Path labels = labelsFile(4);
        String m = imagesFailure(new int[] {5, 1, 1}, 5, labels);
        assertTrue(m.contains(dir.resolve("images") + " has 5 images but " + labels + " has 4 labels"), m);
    }

    @Test
    void absurdDimensionsAreReported() throws Exception {
        Path labels = labelsFile(1);
        Path images = dir.resolve("images");
        assertTrue(imagesFailure(new int[] {1, 0, 28}, 0, labels).contains(images + ": absurd image dimensions 0x28"));
        assertTrue(imagesFailure(new int[] {1, 100_000, 100_000}, 4, labels).contains("absurd image dimensions 100000x100000"));
        assertTrue(imagesFailure(new int[] {-5, 1, 1}, 4, labels).contains(images + ": absurd images count -5"));
    }

    @Test
    void billionImagesClaimedByATinyFileFailsWithoutAllocating() throws Exception {
        // 10^9 one-pixel images would need 4 GB of floats, more than the test heap: an
        // OutOfMemoryError here would mean the reader trusted the header.
        Path images = dir.resolve("images");
        Path labels = dir.resolve("labels");
        IdxWriter.write(images, IdxReader.IMAGES_MAGIC, new int[] {1_000_000_000, 1, 1}, new byte[84], false);
        IdxWriter.write(labels, IdxReader.LABELS_MAGIC, new int[] {1_000_000_000}, new byte[92], false);
        assertEquals(100, Files.size(images));
        String m = fails(() -> IdxReader.readPair(images, labelsFile(1), "x"));
        assertTrue(m.contains(images + ": truncated file, the header declares 1000000000 images of 1x1 (1000000000 bytes) but only 84 bytes follow"), m);
        m = fails(() -> IdxReader.readPair(images, labels, "x"));
        assertTrue(m.contains(labels + ": truncated file, the header declares 1000000000 labels"), m);
    }

    @Test
    void emptyDataAndSingleClassAreReported() throws Exception {
        Path labels = dir.resolve("labels");
        Path images = dir.resolve("images");
        IdxWriter.write(labels, IdxReader.LABELS_MAGIC, new int[] {0}, new byte[0], false);
        IdxWriter.write(images, IdxReader.IMAGES_MAGIC, new int[] {2, 1, 1}, new byte[2], false);
        assertTrue(fails(() -> IdxReader.readPair(images, labels, "x")).contains(labels + ": the header declares 0 labels"));
        IdxWriter.write(labels, IdxReader.LABELS_MAGIC, new int[] {2}, new byte[2], false);
        assertTrue(fails(() -> IdxReader.readPair(images, labels, "x")).contains(labels + ": every label is 0"));
    }

    @Test
    void trainAndTestImageSizesMustAgree() throws Exception {
        writePair("train", 4, 2, false);
        IdxWriter.write(dir.resolve("t10k-images-idx3-ubyte"), IdxReader.IMAGES_MAGIC, new int[] {2, 3, 3}, new byte[18], false);
        IdxWriter.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {0, 1}, false);
        String m = fails(() -> IdxReader.readFolder("idx", dir));
        assertTrue(m.contains("t10k-images-idx3-ubyte has 3x3 images but") && m.contains("has 2x2"), m);
    }

    /** One stray byte must not make a 256-class data set: every class up to the largest label needs a sample. */
    @Test
    void aLoneOutlierLabelIsRefusedNamingItsFileAndSample() throws Exception {
        writePair("train", 40, 10, false);
        writePair("t10k", 20, 10, false);
        Path testLabels = dir.resolve("t10k-labels-idx1-ubyte");
        byte[] labels = new byte[20];
        for (int i = 0; i < 20; i++) labels[i] = (byte) (i % 10);
        labels[13] = (byte) 255;
        IdxWriter.write(testLabels, IdxReader.LABELS_MAGIC, new int[] {20}, labels, false);
        String message = fails(() -> IdxReader.readFolder("idx:" + dir, dir));
        assertTrue(message.startsWith(testLabels + ": label 255 (sample 13) would make 256 classes, but 245 classes have"
                + " no sample (first: 10)"), message);

        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        Files.delete(testLabels);
        Path trainLabels = dir.resolve("train-labels-idx1-ubyte");
        labels = new byte[40];
        for (int i = 0; i < 40; i++) labels[i] = (byte) (i % 3);
        labels[7] = 4; // class 3 has no sample
        IdxWriter.write(trainLabels, IdxReader.LABELS_MAGIC, new int[] {40}, labels, false);
        assertTrue(fails(() -> IdxReader.readFolder("idx:" + dir, dir))
                .startsWith(trainLabels + ": label 4 (sample 7) would make 5 classes, but 1 class has no sample (first: 3)"));
    }

    private void writePair(String prefix, int n, int classes, boolean gzip) throws IOException {
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % classes);
        }
        String gz = gzip ? ".gz" : "";
        IdxWriter.write(dir.resolve(prefix + "-images-idx3-ubyte" + gz), IdxReader.IMAGES_MAGIC, new int[] {n, 2, 2}, new byte[n * 4], gzip);
        IdxWriter.write(dir.resolve(prefix + "-labels-idx1-ubyte" + gz), IdxReader.LABELS_MAGIC, new int[] {n}, labels, gzip);
    }

    /** Writes {@code dir/images} with the given header dimensions and body size; the reader's complaint. */
    private String imagesFailure(int[] dims, int bodyBytes, Path labels) throws IOException {
        Path images = dir.resolve("images");
        IdxWriter.write(images, IdxReader.IMAGES_MAGIC, dims, new byte[bodyBytes], false);
        return fails(() -> IdxReader.readPair(images, labels, "x"));
    }

    private Path labelsFile(int n) throws IOException {
        Path labels = dir.resolve("labels-" + n);
        byte[] body = new byte[n];
        body[0] = 1;
        IdxWriter.write(labels, IdxReader.LABELS_MAGIC, new int[] {n}, body, false);
        return labels;
    }

    private static boolean isGzip(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        return (b[0] & 0xFF) == 0x1f && (b[1] & 0xFF) == 0x8b;
    }
}
