package org.predspace.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Checks of per-feature statistics shared by the loader and catalog tests. */
final class StatsAssert {
    private StatsAssert() {}

    /** Every feature of {@code d} has mean ~0 and std ~1 (or is constant 0). */
    static void standardised(Dataset d) {
        int n = d.size();
        int dims = d.shape().size();
        float[] x = d.featuresView();
        for (int j = 0; j < dims; j++) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                sum += x[i * dims + j];
                squares += x[i * dims + j] * x[i * dims + j];
            }
            double mean = sum / n;
            double std = Math.sqrt(squares / n - mean * mean);
            assertEquals(0, mean, 1e-4, d.name() + " feature " + j + " mean");
            if (std > 1e-6) {
                assertEquals(1, std, 1e-3, d.name() + " feature " + j + " std");
            }
        }
    }
}
