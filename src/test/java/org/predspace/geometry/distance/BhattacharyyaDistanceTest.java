package org.predspace.geometry.distance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BhattacharyyaDistanceTest {
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 10, 100})
    void ignoranceToTruthIsHalfLogC(int classes) {
        ProbeShape shape = new ProbeShape("probe", 50, classes);
        SqrtProbabilities p0 = Anchors.ignorance(shape);
        SqrtProbabilities truth = Anchors.truth(shape, TestPoints.labels(1, 50, classes));
        assertEquals(0.5 * Math.log(classes), BhattacharyyaDistance.between(p0, truth), 1e-6);
        assertEquals(0.5 * Math.log(classes), Anchors.ignoranceToTruth(classes), 1e-15);
    }

    @Test
    void distanceToItselfIsZeroAndDistanceIsSymmetric() {
        List<SqrtProbabilities> pts = TestPoints.random(2, new ProbeShape("probe", 40, 10), 2, 2.0);
        assertEquals(0, BhattacharyyaDistance.between(pts.get(0), pts.get(0)), 0);
        SqrtProbabilities copy = SqrtProbabilities.of("copy", pts.get(0).shape(), pts.get(0).probabilities());
        assertEquals(0, BhattacharyyaDistance.between(pts.get(0), copy), 1e-6, "equal values: zero up to float rounding");
        assertEquals(BhattacharyyaDistance.between(pts.get(0), pts.get(1)),
                BhattacharyyaDistance.between(pts.get(1), pts.get(0)), 1e-15);
        assertTrue(BhattacharyyaDistance.between(pts.get(0), pts.get(1)) > 0.05);
    }

    @Test
    void zeroProbabilityOnTheLabelGivesAFiniteClampedDistance() {
        ProbeShape shape = new ProbeShape("probe", 4, 3);
        int[] labels = {0, 1, 2, 0};
        // The model is certain of the wrong class on every sample: BC_n = 0 for all n.
        float[] wrong = new float[12];
        for (int s = 0; s < 4; s++) wrong[s * 3 + (labels[s] + 1) % 3] = 1f;
        SqrtProbabilities model = SqrtProbabilities.of("wrong", shape, wrong);
        double d = BhattacharyyaDistance.between(model, Anchors.truth(shape, labels));
        assertTrue(Double.isFinite(d));
        assertEquals(-Math.log(BhattacharyyaDistance.COEFFICIENT_FLOOR), d, 1e-9);
    }

    @Test
    void differentProbeSetsAreRefusedNamingBothRuns() {
        SqrtProbabilities a = Anchors.ignorance(new ProbeShape("mnist-500-a1", 5, 10)).withRun("alpha");
        SqrtProbabilities b = Anchors.ignorance(new ProbeShape("mnist-500-b2", 5, 10)).withRun("beta");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BhattacharyyaDistance.between(a, b));
        assertEquals("runs alpha and beta have different probe sets (ids mnist-500-a1, mnist-500-b2) and cannot be embedded together",
                e.getMessage());
    }

    @Test
    void differentShapesAreRefused() {
        SqrtProbabilities a = Anchors.ignorance(new ProbeShape("p", 5, 10)).withRun("alpha");
        SqrtProbabilities b = Anchors.ignorance(new ProbeShape("p", 6, 10)).withRun("beta");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BhattacharyyaDistance.between(a, b));
        assertTrue(e.getMessage().contains("alpha") && e.getMessage().contains("N=5") && e.getMessage().contains("N=6"), e.getMessage());
    }

    @Test
    void logitsInsteadOfProbabilitiesAreRefused() {
        ProbeShape shape = new ProbeShape("p", 1, 3);
        assertThrows(IllegalArgumentException.class, () -> SqrtProbabilities.of("r", shape, new float[] {2f, -1f, 0.5f}));
        assertThrows(IllegalArgumentException.class, () -> SqrtProbabilities.of("r", shape, new float[] {0.5f, 0.5f, 0.5f}));
        assertThrows(IllegalArgumentException.class, () -> SqrtProbabilities.of("r", shape, new float[] {Float.NaN, 0.5f, 0.5f}));
        assertThrows(IllegalArgumentException.class, () -> SqrtProbabilities.of("r", shape, new float[] {1f, 0f}));
    }
}
