package org.predspace.tasks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named tasks of the bundled data sets (docs/tasks.md), each standing for its canonical text.
 * A preset belongs to a data set: "diverse" means three Fashion-MNIST classes and nothing on
 * the digits, so a preset is looked up with the data set it is trained on.
 */
public final class TaskPresets {
    private TaskPresets() {}

    /** Digits 0..9 of MNIST and of the 8x8 digits: the same presets for both. */
    private static final Map<String, String> DIGITS = ordered(
            "even-odd", "groups:0,2,4,6,8/1,3,5,7,9",
            "low-high", "groups:0,1,2,3,4/5,6,7,8,9",
            "digits-0-4", "classes:0,1,2,3,4",
            "digits-5-9", "classes:5,6,7,8,9");

    /**
     * Fashion-MNIST (0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal, 6 Shirt,
     * 7 Sneaker, 8 Bag, 9 Ankle boot). "diverse" and "similar" are the pair [D] contrasts: three
     * classes that look nothing alike against three kinds of shoe. "tops" (upper-body garments)
     * is the hard, fine-grained counterpart of "diverse" with four classes.
     */
    private static final Map<String, String> FASHION = ordered(
            "tops-footwear-other", "groups:0,2,4,6/5,7,9/1,3,8",
            "diverse", "classes:0,7,8",
            "similar", "classes:5,7,9",
            "tops", "classes:0,2,4,6");

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return Collections.unmodifiableMap(m);
    }

    /** The presets of data set {@code dataset} (name to canonical text), empty when it has none. */
    public static Map<String, String> of(String dataset) {
        if (dataset == null) return Map.of();
        return switch (dataset) {
            case "mnist", "digits" -> DIGITS;
            case "fashion" -> FASHION;
            default -> Map.of();
        };
    }

    /** One line per data set with presets, for help texts: "fashion: tops-footwear-other (groups:...), ...". */
    public static List<String> describe() {
        return List.of(line("mnist, digits", DIGITS), line("fashion", FASHION));
    }

    private static String line(String datasets, Map<String, String> presets) {
        StringBuilder b = new StringBuilder(datasets).append(": ");
        presets.forEach((name, text) -> b.append(name).append(" = ").append(text).append("; "));
        return b.substring(0, b.length() - 2);
    }
}
