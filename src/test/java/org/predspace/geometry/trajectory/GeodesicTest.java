package org.predspace.geometry.trajectory;

import org.predspace.geometry.distance.Anchors;
import org.predspace.geometry.distance.BhattacharyyaDistance;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.distance.TestPoints;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeodesicTest {
    private static final ProbeShape SHAPE = new ProbeShape("probe", 200, 10);
    private static final int[] LABELS = TestPoints.labels(21, 200, 10);

    @Test
    void endsAreTheAnchorsAndPointsAreDistributions() {
        Geodesic g = Geodesic.ignoranceToTruth(SHAPE, LABELS);
        assertEquals(0, BhattacharyyaDistance.between(g.at(0), Anchors.ignorance(SHAPE)), 1e-7);
        assertEquals(0, BhattacharyyaDistance.between(g.at(1), Anchors.truth(SHAPE, LABELS)), 1e-7);
        float[] p = g.at(0.37).probabilities();
        for (int s = 0; s < 200; s++) {
            double sum = 0;
            for (int c = 0; c < 10; c++) sum += p[s * 10 + c];
            assertEquals(1, sum, 1e-6);
        }
        assertEquals(100, g.points(Geodesic.DRAWN_POINTS).size());
    }

    @Test
    void distanceAlongTheGeodesicIsMinusLogCosOfTheArc() {
        Geodesic g = Geodesic.ignoranceToTruth(SHAPE, LABELS);
        double theta = Math.acos(1 / Math.sqrt(10));
        assertEquals(-Math.log(Math.cos(0.5 * theta)), BhattacharyyaDistance.between(g.at(0.2), g.at(0.7)), 1e-6);
    }

    @Test
    void progressOfIgnoranceIsZeroOfTruthIsOneAndOfAGeodesicPointIsItsParameter() {
        Progress progress = Progress.ignoranceToTruth(SHAPE, LABELS);
        assertEquals(0, progress.of(Anchors.ignorance(SHAPE)), 1e-6);
        assertEquals(1, progress.of(Anchors.truth(SHAPE, LABELS)), 1e-6);
        for (double t : new double[] {0.05, 0.25, 0.5, 0.8, 0.97}) {
            Progress.Projection p = progress.project(progress.geodesic().at(t));
            assertEquals(t, p.progress(), 1e-3, "float32 storage makes the minimum flat to about 1e-4");
            assertEquals(0, p.distance(), 1e-6);
        }
    }

    @Test
    void progressOfAPointOffTheGeodesicHasAPositiveDistance() {
        Progress progress = Progress.ignoranceToTruth(SHAPE, LABELS);
        SqrtProbabilities noisy = TestPoints.random(22, SHAPE, 1, 1.0).get(0);
        Progress.Projection p = progress.project(noisy);
        assertTrue(p.progress() >= 0 && p.progress() <= 1);
        assertTrue(p.distance() > 0.01);
        // It is a minimum: nearby parameters are no closer.
        for (double dt : new double[] {-0.01, 0.01}) {
            double t = Math.min(1, Math.max(0, p.progress() + dt));
            assertTrue(BhattacharyyaDistance.between(noisy, progress.geodesic().at(t)) >= p.distance() - 1e-6);
        }
    }

    @Test
    void geodesicBetweenArbitraryPointsStaysOnBothEnds() {
        List<SqrtProbabilities> two = TestPoints.random(23, SHAPE, 2, 2.0);
        Geodesic g = Geodesic.between(two.get(0), two.get(1));
        double whole = BhattacharyyaDistance.between(two.get(0), two.get(1));
        assertEquals(0, BhattacharyyaDistance.between(g.at(0), two.get(0)), 1e-6);
        assertEquals(0, BhattacharyyaDistance.between(g.at(1), two.get(1)), 1e-6);
        assertTrue(BhattacharyyaDistance.between(g.at(0), g.at(0.5)) < whole);
        assertEquals(0.5, new Progress(g).of(g.at(0.5)), 2e-3);
    }
}
