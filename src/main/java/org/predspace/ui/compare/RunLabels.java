package org.predspace.ui.compare;

import java.util.function.ToDoubleFunction;

/**
 * Run names shortened to fit a width. Sweep names differ at both ends
 * ("digits-mlp-adam-lr0.001-b128-s0"), so the middle gives way to an ellipsis.
 */
final class RunLabels {
    static final String ELLIPSIS = "\u2026";

    private RunLabels() {}

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
