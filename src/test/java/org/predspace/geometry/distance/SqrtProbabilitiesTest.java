package org.predspace.geometry.distance;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The square roots and the checks of a checkpoint's probabilities. */
class SqrtProbabilitiesTest {
    private static final ProbeShape SHAPE = new ProbeShape("probe", 7, 3);

    private static float[] softmaxRows(long seed) {
        Random random = new Random(seed);
        float[] p = new float[SHAPE.values()];
        for (int s = 0; s < SHAPE.samples(); s++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) sum += p[s * 3 + c] = random.nextFloat();
            for (int c = 0; c < 3; c++) p[s * 3 + c] /= (float) sum;
        }
        p[3] += p[4];   // a zero probability is allowed
        p[4] = 0f;
        return p;
    }

    @Test
    void storesTheCorrectlyRoundedRootOfEveryProbability() {
        float[] p = softmaxRows(1);
        SqrtProbabilities point = SqrtProbabilities.of("run", SHAPE, p);
        for (int s = 0; s < 7; s++) {
            for (int c = 0; c < 3; c++) assertEquals((float) Math.sqrt((double) p[s * 3 + c]), point.sqrt(s, c));
        }
        p[0] = 0.5f;
        assertNotEquals(0.5f, point.probabilities()[0], 1e-7f, "the input was copied");
    }

    @Test
    void namesTheFirstValueOrRowThatIsNotAProbability() {
        assertRefused(5, -1e-30f, "probability of sample 1, class 2 is -1.0E-30; softmax outputs must be finite and non-negative");
        assertRefused(9, Float.NaN, "probability of sample 3, class 0 is NaN");
        assertRefused(20, Float.POSITIVE_INFINITY, "probability of sample 6, class 2 is Infinity");
        assertRefused(13, Float.NEGATIVE_INFINITY, "probability of sample 4, class 1 is -Infinity");
        float[] p = softmaxRows(2);
        p[16] += 0.01f;   // sample 5 sums to 1.01
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqrtProbabilities.of("run", SHAPE, p));
        assertTrue(e.getMessage().startsWith("run run: probabilities of sample 5 sum to 1.0"), e.getMessage());
        assertTrue(e.getMessage().endsWith(", not 1 (logits instead of softmax outputs?)"), e.getMessage());
        float[] within = softmaxRows(3);
        within[16] += 5e-4f;   // inside the tolerance of 1e-3
        assertEquals(7, SqrtProbabilities.of("run", SHAPE, within).samples());
    }

    private static void assertRefused(int index, float value, String message) {
        float[] p = softmaxRows(index);
        p[index % 3 == 0 ? index + 1 : index - 1] += p[index];   // the row still sums to 1: only the value is wrong
        p[index] = value;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqrtProbabilities.of("run", SHAPE, p));
        assertEquals("run run: " + message + (message.endsWith("non-negative") ? "" : "; softmax outputs must be finite and non-negative"),
                e.getMessage());
    }
}
