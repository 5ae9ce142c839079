package org.predspace.geometry.inpca;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.bench.NpyFiles;
import org.predspace.bench.NumpyReference;
import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.distance.SyntheticTrajectories;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live picture's last frame is an exact InPCA of every point (docs/architecture.md, live
 * refresh): runs added side by side as a sweep trains them, with refreshes in the background
 * as in the window, end, once additions pause and without anyone asking for a refresh, on the
 * axes of a full InPCA of the same points (as {@code embed} computes it) and of the independent
 * numpy reference (bench/inpca_reference.py), each up to its sign, within 1e-6 of the range.
 */
class LiveSettlingTest {
    private static final int RUNS = 6;
    private static final int CHECKPOINTS = 60;

    @Test
    void afterTheLastAdditionThePictureSettlesOnTheFullInPcaAndNumpyUpToSign(@TempDir Path dir) throws Exception {
        SyntheticTrajectories source = new SyntheticTrajectories(RUNS, CHECKPOINTS, 150, 10, 3, 61);
        int m = source.size();
        List<SqrtProbabilities> points = new ArrayList<>();
        Path probs = dir.resolve("probs.npy");
        try (NpyFiles.FloatWriter out = new NpyFiles.FloatWriter(probs, m, 150, 10)) {
            float[] p = new float[150 * 10];
            for (int t = 0; t < CHECKPOINTS; t++) {
                for (int r = 0; r < RUNS; r++) {   // checkpoint t of every run, then t + 1: a sweep training
                    int index = r * CHECKPOINTS + t;
                    source.read(index, p);
                    out.write(p);
                    points.add(SqrtProbabilities.of(source.run(index), source.shape(), p));
                }
            }
        }
        // Growth refreshes rare (the window's is 15 %): after an exact picture of the first 50
        // checkpoints of each run, the last 10 of each are too few to be due for one, and only
        // the pause after the additions can settle them.
        LiveEmbedding.Settings settings = LiveEmbedding.Settings.defaults().withRefreshGrowth(2).withParallelism(Parallelism.of(2));
        int early = RUNS * 50;
        LiveEmbedding.Snapshot settled;
        try (LiveEmbedding live = new LiveEmbedding(source.shape(), settings)) {
            for (SqrtProbabilities p : points.subList(0, early)) live.add(p);
            assertEquals(early, live.requestRefresh().get().exactPoints());
            for (SqrtProbabilities p : points.subList(early, m)) live.add(p);
            assertEquals(early, live.snapshot().exactPoints(), "no growth refresh was due");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (live.snapshot().exactPoints() < m && System.nanoTime() < deadline) Thread.sleep(20);
            settled = live.snapshot();
            assertTrue(live.refreshFailure().isEmpty(), () -> "refresh failed: " + live.refreshFailure().get());
        }
        assertEquals(m, settled.size());
        assertEquals(m, settled.exactPoints(), "still placed out of sample after the additions stopped");

        Embedding full = InPca.embed(DistanceMatrix.of(points, Parallelism.of(2)), 10);
        double[][] live = settled.coordinates();
        for (int a = 0; a < 10; a++) {
            assertEquals(full.eigenvalues()[a], settled.eigenvalues()[a], 1e-9 * Math.abs(full.eigenvalues()[0]), "eigenvalue " + a);
        }
        LiveEmbeddingTest.assertEqualUpToSigns(full, live, 10, 1e-6 * InPcaTest.range(full, 0), "against InPca");

        Optional<String> python = NumpyReference.findPython();
        assumeTrue(python.isPresent(), "python3 with numpy not found");
        JsonNode ref = NumpyReference.run(python.get(), probs, "--axes", "3");
        double[] lambda = NumpyReference.doubles(ref.get("eigenvalues"));
        double[] stress = NumpyReference.doubles(ref.get("stress"));
        JsonNode coords = ref.get("coordinates");
        for (int a = 0; a < 3; a++) {
            assertEquals(lambda[a], settled.eigenvalues()[a], 1e-6 * Math.abs(lambda[0]), "numpy eigenvalue " + a);
            assertEquals(stress[a], settled.explainedStress()[a], 1e-6, "numpy stress " + a);
            double dot = 0;
            for (int i = 0; i < m; i++) dot += coords.get(i).get(a).asDouble() * live[i][a];
            double sign = Math.signum(dot);
            // float32 storage of sqrt(p) against numpy's double sqrt: see NumpyReferenceTest for the 1e-6
            double tolerance = 1e-6 * InPcaTest.range(full, a);
            for (int i = 0; i < m; i++) {
                assertEquals(coords.get(i).get(a).asDouble(), sign * live[i][a], tolerance, "numpy: point " + i + " axis " + (a + 1));
            }
        }
    }
}
