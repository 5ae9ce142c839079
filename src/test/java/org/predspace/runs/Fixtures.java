package org.predspace.runs;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The files fixtures/make_numpy_run.py wrote with numpy, and the formula behind their values. */
final class Fixtures {
    /** Shape of the fixture run's predictions. */
    static final int T = 4, N = 12, C = 3;

    private Fixtures() {}

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** make_numpy_run.py's predictions: softmax over c of cos(0.3 (t+1)(i+1) + c). */
    static double prediction(int t, int i, int c) {
        double sum = 0;
        for (int k = 0; k < C; k++) sum += Math.exp(Math.cos(0.3 * (t + 1) * (i + 1) + k));
        return Math.exp(Math.cos(0.3 * (t + 1) * (i + 1) + c)) / sum;
    }
}
