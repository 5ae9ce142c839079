package org.predspace.training;

import org.junit.jupiter.api.Test;
import org.predspace.data.Dataset;
import org.predspace.data.InputShape;
import org.predspace.training.engine.TrainableNetwork;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ProbeEvaluation feeds the probe set to the network in chunks (reusing one buffer for the full
 * ones): each sample's row of probabilities must be the network's answer for that sample alone,
 * whatever the chunking.
 */
class ProbeEvaluationTest {
    private static final int FEATURES = 3;
    private static final int CLASSES = 2;

    /** p(class 0 | x) = sigmoid(x0 - x2): a function of each row only, computed here per row as the reference. */
    private static final class RowwiseNetwork implements TrainableNetwork {
        final List<Integer> chunkRows = new ArrayList<>();

        @Override
        public float[] predict(float[] x, int rows) {
            assertEquals(rows * FEATURES, x.length, "a chunk is exactly its rows");
            chunkRows.add(rows);
            float[] out = new float[rows * CLASSES];
            for (int r = 0; r < rows; r++) {
                float p = sigmoid(x[r * FEATURES] - x[r * FEATURES + 2]);
                out[r * CLASSES] = p;
                out[r * CLASSES + 1] = 1 - p;
            }
            return out;
        }

        static float sigmoid(float z) { return (float) (1 / (1 + Math.exp(-z))); }

        @Override
        public double fitBatch(float[] x, float[] y, int batch) { throw new UnsupportedOperationException(); }

        @Override
        public float[] parameters() { return new float[0]; }

        @Override
        public long numParams() { return 0; }

        @Override
        public String implementation() { return "test"; }
    }

    private static Dataset samples(int n) {
        float[] x = new float[n * FEATURES];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i * FEATURES] = (float) Math.sin(i);
            x[i * FEATURES + 1] = i;
            x[i * FEATURES + 2] = (float) Math.cos(3.0 * i);
            labels[i] = i % 2;
        }
        return new Dataset("rows", x, labels, CLASSES, InputShape.tabular(FEATURES), List.of("a", "b"));
    }

    @Test
    void everySampleGetsItsOwnRowWhetherTheProbeFitsOneChunkOrSeveral() {
        for (int n : new int[] {1, 200, 250, 251, 600}) {
            Dataset d = samples(n);
            RowwiseNetwork net = new RowwiseNetwork();
            ProbeEvaluation e = ProbeEvaluation.of(net, d);
            float[] expected = new float[n * CLASSES];
            for (int i = 0; i < n; i++) {
                float[] x = d.featuresView();
                expected[i * CLASSES] = RowwiseNetwork.sigmoid(x[i * FEATURES] - x[i * FEATURES + 2]);
                expected[i * CLASSES + 1] = 1 - expected[i * CLASSES];
            }
            assertArrayEquals(expected, e.probabilities(), "n = " + n);
            assertEquals(n, net.chunkRows.stream().mapToInt(Integer::intValue).sum(), "every sample once, n = " + n);
        }
    }
}
