package org.predspace.data;

import org.predspace.runs.InputText;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Resolves a data set id to its train/test split. Ids:
 * <ul>
 * <li>{@code mnist}, {@code fashion}: the bundled class-balanced subsets (assets/ATTRIBUTION.md),
 *     train-* files for training, t10k-* for test; 1 x 28 x 28 pixels in [0, 1].</li>
 * <li>{@code digits}: scikit-learn's 8 x 8 digits as 1 x 8 x 8 images, pixels 0-16 scaled to [0, 1];
 *     {@code iris}: 4 standardised features. Both split by {@link StratifiedSplit} (80% of each
 *     class, fixed seed).</li>
 * <li>{@code spirals}, {@code gauss}, {@code sloppy}: the synthetic generators' defaults, drawn
 *     with {@link #DATA_SEED} so every run that names the id trains on the same data.</li>
 * <li>{@code idx:FOLDER}: a user's IDX files ({@link IdxReader#readFolder}).</li>
 * <li>{@code csv:FILE}, {@code csv:label=first:FILE}: a user's CSV ({@link CsvDatasetReader#readSplit}),
 *     label in the last column unless told otherwise.</li>
 * </ul>
 * The returned split's id is the id passed in, so ids derived from it stay stable.
 */
public final class DatasetCatalog {
    /** Seed of the built-in synthetic sets; changing it changes every run's data. */
    public static final long DATA_SEED = 2024L;
    public static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final String CSV_LABEL_FIRST = "label=first:";
    private static final String CSV_LABEL_LAST = "label=last:";

    @FunctionalInterface
    private interface Loader {
        DatasetSplit load(String id) throws DataFormatException;
    }

    private record BuiltIn(String id, Loader loader) {}

    private static final List<BuiltIn> BUILT_IN = List.of(
            new BuiltIn("mnist", id -> IdxReader.readBundled(id, "/assets/mnist", "MNIST",
                    "MNIST handwritten digits, 28x28; bundled subset: first 2,000 train / 300 test images per class",
                    Dataset.numberedClassNames(10))),
            new BuiltIn("fashion", id -> IdxReader.readBundled(id, "/assets/fashion", "Fashion-MNIST",
                    "Fashion-MNIST clothing images, 28x28; bundled subset: first 2,000 train / 300 test images per class",
                    FASHION_CLASSES)),
            new BuiltIn("digits", DatasetCatalog::digits),
            new BuiltIn("iris", id -> {
                Dataset all = CsvDatasetReader.readResource("/assets/iris/iris.csv", "iris", CsvDatasetReader.LabelColumn.LAST);
                return Standardizer.standardise(StratifiedSplit.of(id, all, "iris",
                        "Fisher's iris, 4 measurements, 3 species; standardised; 80/20 split per class, seed " + StratifiedSplit.SEED));
            }),
            new BuiltIn("spirals", id -> Spirals.defaults().generate(id, DATA_SEED)),
            new BuiltIn("gauss", id -> GaussianMixture.defaults().generate(id, DATA_SEED)),
            new BuiltIn("sloppy", id -> SloppySynthetic.defaults().generate(id, DATA_SEED)));

    private List<DatasetInfo> available;

    /** The train/test split for {@code id}; see the class comment for the ids. */
    public DatasetSplit load(String id) throws DataFormatException {
        if (id == null || id.isBlank()) {
            throw new DataFormatException("no data set id given; valid ids: " + validIds());
        }
        if (id.startsWith("idx:")) {
            return IdxReader.readFolder(id, path(id, id.substring(4)));
        }
        if (id.startsWith("csv:")) {
            String rest = id.substring(4);
            CsvDatasetReader.LabelColumn column = CsvDatasetReader.LabelColumn.LAST;
            if (rest.startsWith(CSV_LABEL_FIRST)) {
                column = CsvDatasetReader.LabelColumn.FIRST;
                rest = rest.substring(CSV_LABEL_FIRST.length());
            } else if (rest.startsWith(CSV_LABEL_LAST)) {
                rest = rest.substring(CSV_LABEL_LAST.length());
            }
            return CsvDatasetReader.readSplit(id, path(id, rest), column);
        }
        for (BuiltIn b : BUILT_IN) {
            if (b.id.equals(id)) {
                return b.loader.load(id);
            }
        }
        throw new DataFormatException("unknown data set id " + InputText.quote(id) + "; valid ids: " + validIds());
    }

    /**
     * The built-in sets with their real sizes. They are computed by loading each set once (a few
     * seconds in all) and then kept, since the bundled files and seeds cannot change while running.
     */
    public synchronized List<DatasetInfo> available() {
        if (available == null) {
            List<DatasetInfo> infos = new ArrayList<>();
            for (BuiltIn b : BUILT_IN) {
                try {
                    infos.add(DatasetInfo.of(b.loader.load(b.id)));
                } catch (DataFormatException e) {
                    throw new IllegalStateException("bundled data set '" + b.id + "' is broken: " + e.getMessage(), e);
                }
            }
            available = List.copyOf(infos);
        }
        return available;
    }

    /** Ids of the built-in sets, in catalog order. */
    public static List<String> builtInIds() {
        return BUILT_IN.stream().map(BuiltIn::id).toList();
    }

    private static String validIds() {
        return BUILT_IN.stream().map(BuiltIn::id).collect(Collectors.joining(", "))
                + ", idx:FOLDER, csv:FILE, csv:label=first:FILE";
    }

    private static Path path(String id, String path) throws DataFormatException {
        if (path.isBlank()) {
            throw new DataFormatException("data set id " + InputText.quote(id) + " names no path; valid ids: " + validIds());
        }
        return Path.of(path);
    }

    /** The 8x8 digits are images: keep them as such (1 x 8 x 8), scaled from 0..16 to [0, 1]. */
    private static DatasetSplit digits(String id) throws DataFormatException {
        Dataset table = CsvDatasetReader.readResource("/assets/digits/digits.csv.gz", "digits", CsvDatasetReader.LabelColumn.LAST);
        if (table.shape().size() != 64) {
            throw new DataFormatException("/assets/digits/digits.csv.gz: " + table.shape().size() + " pixel columns, expected 64");
        }
        float[] pixels = table.featuresView().clone();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] /= 16f;
        }
        Dataset images = new Dataset("digits", pixels, table.labels(), table.classes(), InputShape.image(1, 8, 8), table.classNames());
        return StratifiedSplit.of(id, images, "digits",
                "scikit-learn 8x8 handwritten digits (UCI), 1,797 images; 80/20 split per class, seed " + StratifiedSplit.SEED);
    }
}
