package org.predspace.spectra;

import org.predspace.platform.JobMonitor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class SpectralDensityTest {
    @Test
    void densityPutsTheRightMassAtEachEigenvalue() {
        double[] d = new double[400];
        for (int i = 0; i < d.length; i++) d[i] = i < 100 ? 10 : 1 + 1e-3 * i;
        SpectralDensity.Density density = SpectralDensity.estimate(SpectraFixtures.diagonal(d),
                new SpectralDensity.Options(8, 40, 0.1, 2000, 1), JobMonitor.silent());
        double total = 0;
        double nearTen = 0;
        for (int g = 1; g < density.grid().length; g++) {
            double mass = density.density()[g] * (density.grid()[g] - density.grid()[g - 1]);
            total += mass;
            if (density.grid()[g] > 5) nearTen += mass;
        }
        assertEquals(1, total, 1e-3, "a probability density");
        assertEquals(0.25, nearTen, 0.08, "a quarter of the eigenvalues are 10 (Rademacher estimate)");
        double weightSum = Arrays.stream(density.weights()).sum();
        assertEquals(1, weightSum, 1e-9, "quadrature weights of each unit start vector sum to 1");
        assertEquals(10, Arrays.stream(density.nodes()).max().orElseThrow(), 1e-9, "extreme nodes converge");
    }
}
