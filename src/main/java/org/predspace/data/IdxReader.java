package org.predspace.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads image data sets in LeCun's IDX format (MNIST, Fashion-MNIST, and users' own files):
 * a big-endian int32 magic (0x00000803 for images of unsigned bytes with 3 dimensions,
 * 0x00000801 for labels), the int32 dimensions, then the unsigned bytes. Files may be raw or
 * gzip-compressed. Pixels become floats in [0, 1]; shape is 1 x rows x cols; the number of
 * classes is the largest label + 1 unless class names are given, and every class needs a
 * sample ({@link ClassLabels}).
 */
public final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** Larger than any image side PredSpace could train on; beyond it a header is corrupt. */
    static final int MAX_SIDE = 4096;

    private IdxReader() {}

    /** One validated images file with its labels. */
    private record Part(String source, String labelsSource, int rows, int cols, float[] pixels, int[] labels) {
        int maxLabel() { return IntStream.of(labels).max().orElse(-1); }
    }

    /**
     * The bundled set under {@code resourceDir} (e.g. {@code /assets/mnist}), which holds the
     * four files with MNIST's original names; train-* is the training part, t10k-* the test part.
     */
    public static DatasetSplit readBundled(String id, String resourceDir, String title, String description,
                                           List<String> classNames) throws DataFormatException {
        return toSplit(id, title, description, readBundledPart(resourceDir, "train"), readBundledPart(resourceDir, "t10k"), classNames);
    }

    private static Part readBundledPart(String resourceDir, String prefix) throws DataFormatException {
        String images = resourceDir + "/" + prefix + "-images-idx3-ubyte.gz";
        String labels = resourceDir + "/" + prefix + "-labels-idx1-ubyte.gz";
        return readPart(DataBytes.readResource(images), images, DataBytes.readResource(labels), labels);
    }

    /** One images file and its labels file as a single data set (classes = largest label + 1). */
    public static Dataset readPair(Path images, Path labels, String name) throws DataFormatException {
        Part part = readPart(images, labels);
        int classes = ClassLabels.count(new String[] {labels.toString()}, part.labels);
        return toDataset(name, part, classes, Dataset.numberedClassNames(classes));
    }

    /**
     * A user's folder of IDX files: files named like {@code *images*idx3*} paired with the
     * {@code *labels*idx1*} file of the same name (".gz" or not). A {@code train*} pair plus a
     * {@code t10k*}/{@code test*} pair are used as the train and test parts; a folder with a
     * single pair is split 80/20 by {@link StratifiedSplit}.
     */
    public static DatasetSplit readFolder(String id, Path folder) throws DataFormatException {
        if (!Files.isDirectory(folder)) {
            throw new DataFormatException(folder + (Files.exists(folder) ? ": is not a folder" : ": folder not found")
                    + "; expected a folder with *images*idx3* and *labels*idx1* files");
        }
        List<Path[]> pairs = findPairs(folder);
        List<Path[]> train = pairs.stream().filter(p -> role(p[0]).equals("train")).toList();
        List<Path[]> test = pairs.stream().filter(p -> role(p[0]).equals("test")).toList();
        String title = String.valueOf(folder.getFileName());
        if (train.size() == 1 && test.size() == 1) {
            String description = "IDX images from " + folder + " (" + train.get(0)[0].getFileName() + " / " + test.get(0)[0].getFileName() + ")";
            return toSplit(id, title, description, readPart(train.get(0)[0], train.get(0)[1]),
                    readPart(test.get(0)[0], test.get(0)[1]), null);
        }
        if (pairs.size() == 1) {
            Dataset all = readPair(pairs.get(0)[0], pairs.get(0)[1], title);
            return StratifiedSplit.of(id, all, title, "IDX images from " + pairs.get(0)[0]
                    + ", split 80/20 per class with seed " + StratifiedSplit.SEED);
        }
        if (pairs.isEmpty()) {
            throw new DataFormatException(folder + ": no *images*idx3* file with a matching *labels*idx1* file (found: "
                    + listNames(folder) + ")");
        }
        throw new DataFormatException(folder + ": cannot tell which IDX files to use; found the pairs "
                + pairs.stream().map(p -> p[0].getFileName().toString()).collect(Collectors.joining(", "))
                + " but need exactly one train*/t10k* (or test*) pair, or a single pair");
    }

    private static List<Path[]> findPairs(Path folder) throws DataFormatException {
        Map<String, Path> images = new TreeMap<>();
        Map<String, Path> labels = new TreeMap<>();
        for (Path p : list(folder)) {
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.startsWith(".") || !Files.isRegularFile(p)) {
                continue;
            }
            // The key is the name with images->labels, idx3->idx1 and no ".gz"; sorted listing puts
            // "x" before "x.gz", so when both are present the uncompressed copy wins.
            String key = name.replace("images", "labels").replace("idx3", "idx1").replaceFirst("\\.gz$", "");
            if (name.contains("images") && name.contains("idx3")) {
                images.putIfAbsent(key, p);
            } else if (name.contains("labels") && name.contains("idx1")) {
                labels.putIfAbsent(key, p);
            }
        }
        List<Path[]> pairs = new ArrayList<>();
        images.forEach((key, img) -> {
            if (labels.containsKey(key)) {
                pairs.add(new Path[] {img, labels.get(key)});
            }
        });
        return pairs;
    }

    private static String role(Path images) {
        String name = images.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.startsWith("train")) {
            return "train";
        }
        return name.startsWith("t10k") || name.startsWith("test") ? "test" : "other";
    }

    private static List<Path> list(Path folder) throws DataFormatException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new DataFormatException(folder + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    private static String listNames(Path folder) throws DataFormatException {
        List<Path> files = list(folder);
        return files.isEmpty() ? "nothing" : files.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
    }

    private static Part readPart(Path images, Path labels) throws DataFormatException {
        return readPart(DataBytes.readFile(images), images.toString(), DataBytes.readFile(labels), labels.toString());
    }

    private static Part readPart(byte[] imageBytes, String imagesName, byte[] labelBytes, String labelsName) throws DataFormatException {
        int[] labels = parseLabels(labelBytes, labelsName);
        // Header of the images: count, rows, cols, all validated against the file length first.
        checkHeader(imageBytes, imagesName, IMAGES_MAGIC, 16);
        int count = readInt(imageBytes, 4);
        int rows = readInt(imageBytes, 8);
        int cols = readInt(imageBytes, 12);
        checkCount(count, "images", imagesName);
        if (rows <= 0 || cols <= 0 || rows > MAX_SIDE || cols > MAX_SIDE) {
            throw new DataFormatException(imagesName + ": absurd image dimensions " + rows + "x" + cols
                    + " in the header (each side must be 1.." + MAX_SIDE + ")");
        }
        checkLength(imageBytes, 16, (long) count * rows * cols, count + " images of " + rows + "x" + cols, imagesName);
        if (count != labels.length) {
            throw new DataFormatException(imagesName + " has " + count + " images but " + labelsName + " has "
                    + labels.length + " labels; the counts must agree");
        }
        float[] pixels = new float[count * rows * cols];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (imageBytes[16 + i] & 0xFF) / 255f;
        }
        return new Part(imagesName, labelsName, rows, cols, pixels, labels);
    }

    static int[] parseLabels(byte[] bytes, String name) throws DataFormatException {
        checkHeader(bytes, name, LABELS_MAGIC, 8);
        int count = readInt(bytes, 4);
        checkCount(count, "labels", name);
        checkLength(bytes, 8, count, count + " labels", name);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = bytes[8 + i] & 0xFF;
        }
        return labels;
    }

    private static void checkHeader(byte[] bytes, String name, int magic, int headerLength) throws DataFormatException {
        String kind = magic == IMAGES_MAGIC ? "images" : "labels";
        if (bytes.length >= 4) {
            int found = readInt(bytes, 0);
            if (found != magic) {
                int other = magic == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC;
                String hint = found == other ? " (this is an IDX " + (magic == IMAGES_MAGIC ? "labels" : "images") + " file)" : "";
                throw new DataFormatException(name + ": wrong magic number " + hex(found) + ", expected " + hex(magic)
                        + " for IDX " + kind + hint);
            }
        }
        if (bytes.length < headerLength) {
            throw new DataFormatException(name + ": truncated file, " + bytes.length + " bytes is shorter than the "
                    + headerLength + "-byte IDX " + kind + " header");
        }
    }

    private static void checkCount(int count, String what, String name) throws DataFormatException {
        if (count < 0) {
            throw new DataFormatException(name + ": absurd " + what + " count " + count + " in the header");
        }
        if (count == 0) {
            throw new DataFormatException(name + ": the header declares 0 " + what + "; the file holds no data");
        }
    }

    /** Compares the size the header declares with what the file holds, before anything is allocated. */
    private static void checkLength(byte[] bytes, int header, long declared, String what, String name) throws DataFormatException {
        long actual = bytes.length - header;
        if (declared > actual) {
            throw new DataFormatException(name + ": truncated file, the header declares " + what + " (" + declared
                    + " bytes) but only " + actual + " bytes follow it");
        }
        if (declared < actual) {
            throw new DataFormatException(name + ": " + (actual - declared) + " unexpected bytes after the " + what
                    + " the header declares");
        }
    }

    private static DatasetSplit toSplit(String id, String title, String description, Part train, Part test,
                                        List<String> classNames) throws DataFormatException {
        if (train.rows != test.rows || train.cols != test.cols) {
            throw new DataFormatException(test.source + " has " + test.rows + "x" + test.cols + " images but "
                    + train.source + " has " + train.rows + "x" + train.cols);
        }
        int maxLabel = Math.max(train.maxLabel(), test.maxLabel());
        int classes = classNames != null ? classNames.size()
                : ClassLabels.count(new String[] {train.labelsSource, test.labelsSource}, train.labels, test.labels);
        if (maxLabel >= classes) {
            throw new DataFormatException((train.maxLabel() == maxLabel ? train : test).source + ": label " + maxLabel
                    + " but only " + classes + " classes are named");
        }
        List<String> names = classNames != null ? classNames : Dataset.numberedClassNames(classes);
        return new DatasetSplit(id, toDataset(title + " train", train, classes, names),
                toDataset(title + " test", test, classes, names), description);
    }

    private static Dataset toDataset(String name, Part part, int classes, List<String> classNames) {
        return new Dataset(name, part.pixels, part.labels, classes, InputShape.image(1, part.rows, part.cols), classNames);
    }

    static int readInt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }
}
