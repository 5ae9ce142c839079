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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class LogHistogramTest {
    /** Largest first, as spectra are: three values at or below the floor 4e-12 (one negative). */
    static final double[] EIGENVALUES = {4, 2, 1.2, 0.06, 8e-5, 1e-13, 0, -0.5};
    static final double FLOOR = 1e-12 * 4;

    @Test
    void normalisedLogValuesStartAtZeroAndLeaveOutWhatIsAtOrBelowTheFloor() {
        double[] logs = LogHistogram.log10Above(EIGENVALUES, FLOOR, 4);
        // lambda / lambda_max = 1, 0.5, 0.3, 0.015, 2e-5
        double[] expected = {0, -0.30102999566398120, -0.52287874528033756, -1.8239087409443189, -4.6989700043360188};
        assertArrayEquals(expected, logs, 1e-15);
        assertEquals(0.0, logs[0], 0.0, "the largest divided by itself is exactly 1");
        assertArrayEquals(new double[] {Math.log10(4), Math.log10(2)}, Arrays.copyOf(LogHistogram.log10Above(EIGENVALUES, FLOOR, 1), 2),
                1e-15, "raw values when the divisor is 1");
    }

    @Test
    void binsAreQuarterDecadesClosedAboveCountedByHand() {
        LogHistogram h = LogHistogram.of(EIGENVALUES, FLOOR, 4, 0.25);
        // lowest value log10(2e-5) = -4.70 lies in (-4.75, -4.5]; the top bin (-0.25, 0] holds lambda_max itself
        assertEquals(20, h.edges().length);
        assertEquals(-4.75, h.edges()[0], 1e-15);
        assertEquals(0, h.edges()[19], 1e-15);
        int[] counts = new int[19];
        counts[0] = 1;  // 2e-5
        counts[11] = 1; // 0.015: (-2, -1.75]
        counts[16] = 1; // 0.3: (-0.75, -0.5]
        counts[17] = 1; // 0.5: (-0.5, -0.25]
        counts[18] = 1; // 1: (-0.25, 0]
        assertArrayEquals(counts, h.counts());
        assertEquals(5, h.binned());
        assertEquals(3, h.notBinned(), "1e-13, 0 and -0.5 have no meaningful logarithm");
        assertEquals(1, h.negative());
    }

    @Test
    void aSpectrumWithNothingAboveTheFloorHasNoBinsAndCountsEverything() {
        LogHistogram h = LogHistogram.of(new double[] {0, -1, -2}, 0, 1, 0.25);
        assertEquals(0, h.counts().length);
        assertEquals(3, h.notBinned());
        assertEquals(2, h.negative());
        assertThrows(IllegalArgumentException.class, () -> LogHistogram.of(EIGENVALUES, FLOOR, 0, 0.25));
        assertThrows(IllegalArgumentException.class, () -> LogHistogram.of(EIGENVALUES, FLOOR, 1, 0));
    }

    /** Against numpy: log10 of the values above the floor over the largest, np.histogram on the same rule's edges. */
    @Test
    void countsAndEdgesMatchNumpyHistogramOfLog10(@TempDir Path dir) throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        SplittableRandom random = new SplittableRandom(17);
        double[] values = new double[1500];
        for (int i = 0; i < values.length; i++) {
            double r = random.nextDouble();
            // a sloppy spread over 12 decades, some zeros and some negatives as a Hessian has
            values[i] = r < 0.05 ? 0 : r < 0.12 ? -Math.pow(10, -6 * random.nextDouble()) : 3 * Math.pow(10, -12 * random.nextDouble());
        }
        double[] sorted = Arrays.stream(values).boxed().sorted((a, b) -> Double.compare(b, a)).mapToDouble(Double::doubleValue).toArray();
        Path file = dir.resolve("eigenvalues.txt");
        Files.writeString(file, Arrays.stream(sorted).mapToObj(v -> String.format(Locale.ROOT, "%.17g", v))
                .collect(Collectors.joining("\n")));
        double floor = 1e-12 * sorted[0];
        for (boolean normalised : new boolean[] {true, false}) {
            String script = String.join("\n",
                    "import json, sys, numpy as np",
                    "v = np.loadtxt(sys.argv[1]); floor = float(sys.argv[2]); w = 0.25",
                    "x = v[v > max(floor, 0.0)]",
                    "l = np.log10(x / (v.max() if sys.argv[3] == '1' else 1.0))",
                    "edges = w * np.arange(np.ceil(l.min() / w) - 1, np.ceil(l.max() / w) + 1)",
                    "counts, _ = np.histogram(l, bins=edges)",
                    "print(json.dumps({'logs': l.tolist(), 'edges': edges.tolist(), 'counts': counts.tolist(),",
                    "  'not_binned': int((v <= max(floor, 0.0)).sum()), 'negative': int((v < 0).sum())}))");
            String out = python.run("-c", script, file.toString(), String.format(Locale.ROOT, "%.17g", floor), normalised ? "1" : "0");
            JsonNode ref = new ObjectMapper().readTree(out.substring(out.indexOf('{')));
            double divisor = normalised ? sorted[0] : 1;
            double[] logs = LogHistogram.log10Above(sorted, floor, divisor);
            LogHistogram h = LogHistogram.of(sorted, floor, divisor, 0.25);
            assertArrayEquals(doubles(ref.get("logs")), logs, 1e-12);
            assertArrayEquals(doubles(ref.get("edges")), h.edges(), 1e-12);
            int[] counts = new int[ref.get("counts").size()];
            for (int i = 0; i < counts.length; i++) counts[i] = ref.get("counts").get(i).asInt();
            assertArrayEquals(counts, h.counts(), "normalised " + normalised);
            assertEquals(ref.get("not_binned").asInt(), h.notBinned());
            assertEquals(ref.get("negative").asInt(), h.negative());
            assertEquals(values.length, h.binned() + h.notBinned(), "every eigenvalue binned or counted");
            assertTrue(h.negative() > 50 && h.counts().length > 40, "the case covers negatives and 12 decades");
        }
    }

    static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) d[i] = array.get(i).asDouble();
        return d;
    }
}
