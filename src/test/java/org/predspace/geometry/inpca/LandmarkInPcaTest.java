package org.predspace.geometry.inpca;

import org.junit.jupiter.api.Test;
import org.predspace.bench.Distortion;
import org.predspace.geometry.distance.CheckpointSource;
import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.SyntheticTrajectories;
import org.predspace.geometry.distance.TestPoints;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LandmarkInPcaTest {
    private static final SyntheticTrajectories SOURCE = new SyntheticTrajectories(12, 50, 100, 10, 3, 61);

    @Test
    void withEveryCheckpointAsALandmarkItEqualsTheFullEmbedding() {
        Embedding full = InPca.embed(DistanceMatrix.of(TestPoints.all(SOURCE), Parallelism.of(2)), 10);
        LandmarkEmbedding landmark = LandmarkInPca.embed(SOURCE, LandmarkInPca.Settings.defaults().withLandmarks(SOURCE.size()));
        assertEquals(SOURCE.size(), landmark.landmarks().length);
        assertArrayEquals(full.eigenvalues(), landmark.eigenvalues(), 1e-12);
        // Streaming recomputes each checkpoint's distance to itself as a landmark: about 1e-8
        // from float32 rounding of sum_c p = 1, where the matrix diagonal is exactly 0.
        double tolerance = 1e-6 * InPcaTest.range(full, 0);
        for (int i = 0; i < SOURCE.size(); i++) {
            for (int a = 0; a < 10; a++) assertEquals(full.coordinate(i, a), landmark.coordinate(i, a), tolerance);
        }
    }

    @Test
    void farthestPointLandmarksAreDistinctAndReproduceDistancesWell() {
        LandmarkEmbedding e = LandmarkInPca.embed(SOURCE,
                LandmarkInPca.Settings.defaults().withLandmarks(100).withChoice(LandmarkInPca.Choice.FARTHEST_POINT));
        int[] l = e.landmarks();
        assertEquals(100, Arrays.stream(l).distinct().count());
        // Minkowski distances in the landmark frame against the true d_B, over all pairs.
        DistanceMatrix truth = DistanceMatrix.of(TestPoints.all(SOURCE), Parallelism.of(2));
        double r = Distortion.distanceCorrelation(e.coordinates(), e.eigenvalues(), truth);
        assertTrue(r > 0.95, "correlation of embedded and true distances " + r);
    }

    @Test
    void stratifiedLandmarksTakeOneCheckpointPerStratumWithoutAliasingOnTheRunLength() {
        int[] four = LandmarkInPca.stratified(100, 4);
        for (int i = 0; i < 4; i++) assertTrue(four[i] >= 25 * i && four[i] < 25 * (i + 1), Arrays.toString(four));
        assertArrayEquals(four, LandmarkInPca.stratified(100, 4), "deterministic");
        int[] all = LandmarkInPca.stratified(7, 7);
        for (int i = 0; i < 7; i++) assertEquals(i, all[i]);
        // 2000 runs of 100 checkpoints, 500 landmarks: a stride of 400 would hit step 0 every time.
        long steps = Arrays.stream(LandmarkInPca.stratified(200_000, 500)).map(i -> i % 100).distinct().count();
        assertTrue(steps > 90, "landmarks cover training time: " + steps + " distinct steps");
        LandmarkEmbedding e = LandmarkInPca.embed(SOURCE,
                LandmarkInPca.Settings.defaults().withLandmarks(60).withChoice(LandmarkInPca.Choice.STRATIFIED));
        assertEquals(60, e.landmarks().length);
        assertEquals(SOURCE.size(), e.size());
        // A later checkpoint placed through the kept landmarks lands where streaming put it.
        double[] x = e.place(SOURCE.point(123));
        for (int a = 0; a < e.axes(); a++) assertEquals(e.coordinate(123, a), x[a], 1e-12);
    }

    @Test
    void sourcesOnDifferentProbeSetsCannotBeConcatenated() {
        SyntheticTrajectories other = new SyntheticTrajectories(1, 5, 100, 10, 1, 62);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CheckpointSource.concatenate(List.of(SOURCE, other)));
        assertEquals("runs run-0 and run-0 have different probe sets (ids synthetic-61-100x10, synthetic-62-100x10)"
                + " and cannot be embedded together", e.getMessage());
        CheckpointSource both = CheckpointSource.concatenate(List.of(SOURCE, SOURCE));
        assertEquals(2 * SOURCE.size(), both.size());
        assertEquals("run-1", both.run(SOURCE.size() + 50));
    }
}
