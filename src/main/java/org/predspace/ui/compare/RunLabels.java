package org.predspace.ui.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Run names shortened to fit a width. Names of a sweep ("digits-mlp-adam-lr0.001-b128-s0")
 * repeat what all its runs share, so those parts go first; what is still too long loses its
 * middle to an ellipsis (names differ at both ends).
 */
final class RunLabels {
    static final String ELLIPSIS = "\u2026";
    private static final String SEPARATOR = "-";

    private RunLabels() {}

    /**
     * The names without the dash-separated parts every one of them shares: at the same positions
     * when all have as many parts, else at the start and the end. Names that share everything
     * (or a single name) are kept whole.
     */
    static List<String> distinctive(List<String> names) {
        if (names.size() < 2) return names;
        List<String[]> parts = names.stream().map(n -> n.split(SEPARATOR, -1)).toList();
        int count = parts.get(0).length;
        boolean aligned = parts.stream().allMatch(p -> p.length == count);
        int shortest = parts.stream().mapToInt(p -> p.length).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String[] p : parts) {
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < p.length; i++) {
                boolean shared = aligned ? sharedAt(parts, i, false) : i < shortest && leadingShared(parts, i, false)
                        || p.length - 1 - i < shortest && leadingShared(parts, p.length - 1 - i, true);
                if (!shared) kept.add(p[i]);
            }
            out.add(String.join(SEPARATOR, kept));
        }
        return out.stream().anyMatch(String::isEmpty) ? names : out;
    }

    /** Part {@code i} (counted from the end when {@code fromEnd}) is the same in every name. */
    private static boolean sharedAt(List<String[]> parts, int i, boolean fromEnd) {
        String first = part(parts.get(0), i, fromEnd);
        return parts.stream().allMatch(p -> part(p, i, fromEnd).equals(first));
    }

    /** Parts 0..i (from the start, or from the end) are all shared: a common prefix or suffix. */
    private static boolean leadingShared(List<String[]> parts, int i, boolean fromEnd) {
        for (int k = 0; k <= i; k++) if (!sharedAt(parts, k, fromEnd)) return false;
        return true;
    }

    private static String part(String[] p, int i, boolean fromEnd) { return fromEnd ? p[p.length - 1 - i] : p[i]; }

    /** {@code name} itself if it fits, else its start and end around an ellipsis, as long as fits. */
    static String fit(String name, double maxWidth, ToDoubleFunction<String> width) {
        if (width.applyAsDouble(name) <= maxWidth) return name;
        for (int keep = name.length() - 1; keep > 0; keep--) {
            int head = (keep + 1) / 2;
            String s = name.substring(0, head) + ELLIPSIS + name.substring(name.length() - (keep - head));
            if (width.applyAsDouble(s) <= maxWidth) return s;
        }
        return ELLIPSIS;
    }
}
