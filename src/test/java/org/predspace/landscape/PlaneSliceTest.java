package org.predspace.landscape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.InputShape;
import org.predspace.runs.PythonWithNumpy;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class PlaneSliceTest {
    private static final InputShape FIVE = InputShape.tabular(5);
    private static final TrainingSpec MLP = TrainingSpec.builder("blobs").architecture(Architecture.MLP).hiddenLayers(2).width(7).seed(3).build();

    private static double[] origin() {
        NativeBackend.configure();
        return NetworkFactory.build(MLP, FIVE, 3, 1).params().dup().data().asDouble();
    }

    /** Snapshots scattered around the origin, off any plane. */
    private static double[][] scattered(double[] origin, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] s = new double[n][origin.length];
        for (int i = 0; i < n; i++) for (int j = 0; j < origin.length; j++) s[i][j] = origin[j] + 0.3 * (n - i) * r.nextGaussian();
        return s;
    }

    @Test
    void theDirectionsAreTheTwoSeedsFilterNormalisedDirectionsAndNothingIsExplained() {
        ParameterLayout layout = ParameterLayout.of(MLP, FIVE, 3);
        double[] origin = origin();
        PlaneSlice slice = PlaneSlice.filterNormalized(layout, origin, 9, new long[] {0, 5}, scattered(origin, 2, 1));
        assertEquals(PlaneSlice.Kind.FILTER_NORMALIZED, slice.kind());
        assertEquals(9, slice.seed());
        assertArrayEquals(origin, slice.origin());
        assertArrayEquals(FilterNormalizedDirection.of(layout, origin, 9), slice.xDirection());
        assertArrayEquals(FilterNormalizedDirection.of(layout, origin, 10), slice.yDirection());
        assertTrue(Double.isNaN(slice.varianceExplained()));
    }

    @Test
    void aCheckpointOnThePlaneGetsItsOwnCoordinatesAndNoDistance() {
        ParameterLayout layout = ParameterLayout.of(MLP, FIVE, 3);
        double[] origin = origin();
        double[] dx = FilterNormalizedDirection.of(layout, origin, 4);
        double[] dy = FilterNormalizedDirection.of(layout, origin, 5);
        double[] onPlane = new double[origin.length];
        for (int j = 0; j < origin.length; j++) onPlane[j] = origin[j] + 0.3 * dx[j] - 0.7 * dy[j];
        PlaneSlice slice = PlaneSlice.filterNormalized(layout, origin, 4, new long[] {10, 20}, new double[][] {onPlane, origin});
        assertArrayEquals(new double[] {0.3, -0.7}, slice.coordinates()[0], 1e-12);
        assertEquals(0, slice.offPlane()[0], 1e-9);
        assertArrayEquals(new double[] {0, 0}, slice.coordinates()[1], 0);
        assertEquals(0, slice.offPlane()[1], 0);
    }

    /** numpy's least squares of theta_i - origin on [d_x d_y], and the norm of what it leaves. */
    @Test
    void checkpointsAreProjectedAsNumpysLeastSquares(@TempDir Path dir) throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        ParameterLayout layout = ParameterLayout.of(MLP, FIVE, 3);
        double[] origin = origin();
        double[][] snapshots = scattered(origin, 6, 2);
        long[] steps = {0, 10, 20, 30, 40, 50};
        PlaneSlice slice = PlaneSlice.filterNormalized(layout, origin, 17, steps, snapshots);
        StringBuilder text = new StringBuilder(join(origin)).append('\n').append(join(slice.xDirection())).append('\n')
                .append(join(slice.yDirection())).append('\n');
        for (double[] s : snapshots) text.append(join(s)).append('\n');
        Path data = Files.writeString(dir.resolve("vectors.txt"), text);
        Path script = Files.writeString(dir.resolve("lstsq.py"), """
                import sys, numpy as np
                v = np.loadtxt(sys.argv[1])
                origin, dx, dy, snaps = v[0], v[1], v[2], v[3:]
                A = np.stack([dx, dy], axis=1)
                for s in snaps:
                    c, *_ = np.linalg.lstsq(A, s - origin, rcond=None)
                    off = np.linalg.norm(s - origin - A @ c)
                    print(repr(float(c[0])), repr(float(c[1])), repr(float(off)))
                """);
        String[] lines = python.run(script.toString(), data.toString()).strip().split("\n");
        assertEquals(steps.length, lines.length, String.join("\n", lines));
        boolean someOff = false;
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            assertEquals(Double.parseDouble(f[0]), slice.coordinates()[i][0], 1e-9, "x of checkpoint " + i);
            assertEquals(Double.parseDouble(f[1]), slice.coordinates()[i][1], 1e-9, "y of checkpoint " + i);
            assertEquals(Double.parseDouble(f[2]), slice.offPlane()[i], 1e-9, "distance off the plane of checkpoint " + i);
            someOff |= slice.offPlane()[i] > 0.1;
        }
        assertTrue(someOff, "random snapshots lie off a random plane");
    }

    @Test
    void weightsThatGiveNoPlaneAreRefused() {
        ParameterLayout layout = ParameterLayout.of(MLP, FIVE, 3);
        double[] zeros = new double[layout.parameterCount()];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlaneSlice.filterNormalized(layout, zeros, 1, new long[0], new double[0][]));
        assertTrue(e.getMessage().contains("span no plane"), e.getMessage());
    }

    private static String join(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(" "));
    }
}
