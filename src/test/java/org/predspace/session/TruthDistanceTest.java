package org.predspace.session;

import org.junit.jupiter.api.Test;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.inpca.LiveEmbedding;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each point's distance to truth (a colouring of the picture) against the definition worked by
 * hand: for one-hot truth BC_n is the square root of the probability given to the label, so
 * d_B(P, P*) = -(1/N) sum_n log max(sqrt(p_n(y_n)), 1e-6).
 */
class TruthDistanceTest {
    private static final int[] LABELS = {0, 1};

    private static PredictionPicture picture() {
        PredictionPicture p = new PredictionPicture("training probe", LiveEmbedding.Settings.defaults().withAxes(2).inForeground());
        p.admit("a", new ProbeShape("tiny", 2, 2), LABELS);
        return p;
    }

    @Test
    void pointsAddedOneByOneCarryTheirDistanceToTruth() {
        try (PredictionPicture p = picture()) {
            // sample 0: p(label 0) = 0.81, sqrt 0.9; sample 1: p(label 1) = 0.64, sqrt 0.8
            p.add("a", 0, 10, 0.5, 0.5, 0.3, new float[] {0.81f, 0.19f, 0.36f, 0.64f});
            // sample 0 gives its label nothing: the coefficient floor 1e-6 applies; sample 1 is certain
            p.add("a", 1, 20, 0.5, 0.5, 0.3, new float[] {0f, 1f, 0f, 1f});
            List<PointInfo> points = p.frame().points();
            assertEquals(0.5 * Math.log(2), points.get(0).truthDistance(), 1e-7, "ignorance: (1/2) ln C");
            assertEquals(0, points.get(1).truthDistance(), 0, "truth itself");
            assertEquals(-(Math.log(0.9) + Math.log(0.8)) / 2, points.get(2).truthDistance(), 1e-7);
            assertEquals(-(Math.log(1e-6) + Math.log(1)) / 2, points.get(3).truthDistance(), 1e-7);
        }
    }

    @Test
    void pointsAddedTogetherCarryTheSameDistances() throws Exception {
        try (PredictionPicture p = picture()) {
            p.addAll(List.of(
                    new PredictionPicture.Addition("a", 0, 10, 0.5, 0.5, 0.3, new float[] {0.25f, 0.75f, 0.5f, 0.5f}),
                    new PredictionPicture.Addition("a", 1, 20, 0.5, 0.5, 0.3, new float[] {1f, 0f, 0.09f, 0.91f}))).get();
            List<PointInfo> points = p.frame().points();
            assertEquals(-(Math.log(0.5) + Math.log(Math.sqrt(0.5))) / 2, points.get(2).truthDistance(), 1e-7);
            assertEquals(-(Math.log(1) + Math.log(Math.sqrt(0.91))) / 2, points.get(3).truthDistance(), 1e-7);
        }
    }
}
