package org.predspace.ui.spectrum;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DecadeScaleTest {
    @Test
    void boundsAreTheWholeDecadesAroundTheData() {
        DecadeScale s = DecadeScale.covering(Math.log10(3e-5), Math.log10(42));
        assertEquals(-5, s.lower());
        assertEquals(2, s.upper());
        assertEquals(1, s.unit());
        assertEquals(List.of(-5, -4, -3, -2, -1, 0, 1, 2), s.ticks());
    }

    @Test
    void manyDecadesGetCoarserTicksOnMultiplesOfTheUnit() {
        DecadeScale s = DecadeScale.covering(-13.2, 3.5);
        assertEquals(2, s.unit());
        assertEquals(-14, s.lower());
        assertEquals(4, s.upper());
        assertTrue(s.ticks().size() <= DecadeScale.MAX_TICKS, "readable: at most " + DecadeScale.MAX_TICKS + " labels");
        for (int t : s.ticks()) assertEquals(0, Math.floorMod(t, s.unit()));
        assertTrue(DecadeScale.covering(-40, 2).unit() >= 5);
    }

    @Test
    void aSingleValueStillSpansADecadeAndNothingPlottedHasADefault() {
        DecadeScale one = DecadeScale.covering(0.5, 0.5);
        assertEquals(0, one.lower());
        assertEquals(1, one.upper());
        DecadeScale exact = DecadeScale.covering(-2, -2);
        assertEquals(-2, exact.lower());
        assertEquals(-1, exact.upper());
        DecadeScale none = DecadeScale.covering(Double.NaN, Double.NaN);
        assertTrue(none.upper() > none.lower());
    }

    @Test
    void labelsArePowersOfTenNotLogarithms() {
        assertEquals("1e-3", DecadeScale.label(-3));
        assertEquals("1", DecadeScale.label(0));
        assertEquals("1e2", DecadeScale.label(2.0000000000001));
        assertEquals("3.2e-5", DecadeScale.label(Math.log10(3.2e-5)));
        assertEquals("1e-3", DecadeScale.labels().toString(-3.0));
        assertEquals(-3.0, DecadeScale.labels().fromString("1e-3").doubleValue(), 1e-12);
    }
}
