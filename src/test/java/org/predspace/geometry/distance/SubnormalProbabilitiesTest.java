package org.predspace.geometry.distance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Confident predictions hold subnormal probabilities; the block stores no square root that
 * could multiply into a subnormal product (slow on every CPU: {@link ModelBlock}), and the
 * kernel's distances are still the plain formula's on the values as given.
 */
class SubnormalProbabilitiesTest {
    @Test
    void subnormalProbabilitiesAreStoredAsZeroAndTheDistancesStayThePlainFormulas() {
        // logit gaps up to ~400: many probabilities are subnormal floats or 0
        int count = 40;
        ProbeShape shape = new ProbeShape("probe", 40, 10);
        List<SqrtProbabilities> points = TestPoints.random(3, shape, count, 80.0);
        ModelBlock block = new ModelBlock(shape, 64);
        int subnormal = 0;
        for (SqrtProbabilities p : points) {
            block.add(p.values());
            for (float v : p.values()) if (v > 0 && v < 0x1p-63f) subnormal++;
        }
        assertTrue(subnormal > 100, subnormal + " square roots below 2^-63: the case is not exercised");
        for (int j = 0; j < count; j++) {
            for (float v : block.get(j)) assertTrue(v == 0 || v >= 0x1p-63f, "stored " + v);
        }
        double[][] out = new double[count][count];
        new BhattacharyyaKernel().distances(block, 0, count, block, false, out);
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < count; j++) {
                double plain = BhattacharyyaDistance.between(points.get(i), points.get(j));
                assertEquals(plain, out[i][j], 1e-6 * plain + 1e-7, "d(" + i + ", " + j + ")");
            }
        }
    }
}
