package org.predspace.spectra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.runs.PythonWithNumpy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class LogDensityTest {
    @Test
    void oneNodeIsAGaussianInLog10WithItsWeightAsArea() {
        // nodes 100 (weight 0.3), 0 and -2 (weights 0.5 and 0.2: not drawn), normalised by 100
        LogDensity d = LogDensity.of(new double[] {100, 0, -2}, new double[] {0.3, 0.5, 0.2}, 1e-6, 100, 0.1, 601);
        assertEquals(-0.3, d.grid()[0], 1e-12, "3 sigma below log10(100 / 100) = 0");
        assertEquals(0.3, d.grid()[600], 1e-12);
        // the peak at grid point 300 (log10 1 = 0): weight / (sigma sqrt(2 pi))
        assertEquals(0, d.grid()[300], 1e-12);
        assertEquals(0.3 / (0.1 * Math.sqrt(2 * Math.PI)), d.density()[300], 1e-12);
        // one sigma off: exp(-1/2) of the peak
        assertEquals(0.1, d.grid()[400], 1e-12);
        assertEquals(d.density()[300] * Math.exp(-0.5), d.density()[400], 1e-12);
        assertEquals(0.3, d.weightDrawn(), 1e-15);
        assertEquals(0.7, d.weightNotDrawn(), 1e-15);
        assertEquals(0.2, d.weightNegative(), 1e-15);
    }

    @Test
    void densityOnTheGridMatchesNumpy(@TempDir Path dir) throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        SplittableRandom random = new SplittableRandom(5);
        int m = 300;
        double[] nodes = new double[m], weights = new double[m];
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < m; j++) {
            double r = random.nextDouble();
            nodes[j] = r < 0.2 ? -random.nextDouble() : Math.pow(10, 2 - 10 * random.nextDouble());
            weights[j] = random.nextDouble() / m;
            text.append(String.format(Locale.ROOT, "%.17g %.17g%n", nodes[j], weights[j]));
        }
        Path file = dir.resolve("nodes.txt");
        Files.writeString(file, text);
        double floor = 1e-8 * 100;
        String script = String.join("\n",
                "import json, sys, numpy as np",
                "a = np.loadtxt(sys.argv[1]); t, w = a[:, 0], a[:, 1]; floor = float(sys.argv[2]); s = 0.1",
                "keep = t > floor",
                "l = np.log10(t[keep] / t.max())",
                "grid = np.linspace(l.min() - 3 * s, l.max() + 3 * s, 400)",
                "dens = (w[keep][None, :] * np.exp(-0.5 * ((grid[:, None] - l[None, :]) / s) ** 2)).sum(1) / (s * np.sqrt(2 * np.pi))",
                "print(json.dumps({'grid': grid.tolist(), 'density': dens.tolist(), 'drawn': float(w[keep].sum()),",
                "  'area': float(getattr(np, 'trapezoid', getattr(np, 'trapz', None))(dens, grid))}))");
        String out = python.run("-c", script, file.toString(), String.format(Locale.ROOT, "%.17g", floor));
        JsonNode ref = new ObjectMapper().readTree(out.substring(out.indexOf('{')));
        double largest = Arrays.stream(nodes).max().orElseThrow();
        LogDensity d = LogDensity.of(nodes, weights, floor, largest, 0.1, 400);
        assertArrayEquals(LogHistogramTest.doubles(ref.get("grid")), d.grid(), 1e-12);
        double[] density = LogHistogramTest.doubles(ref.get("density"));
        for (int g = 0; g < density.length; g++) assertEquals(density[g], d.density()[g], 1e-12 * (1 + density[g]), "grid point " + g);
        assertEquals(ref.get("drawn").asDouble(), d.weightDrawn(), 1e-14);
        // the grid stops 3 sigma beyond the extreme nodes, cutting 0.13% of their Gaussians' area on each side
        assertEquals(ref.get("area").asDouble(), d.weightDrawn(), 2e-3 * d.weightDrawn(), "the curve's area is the weight drawn");
    }
}
