package org.predspace.landscape;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.runs.PythonWithNumpy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrajectoryPlaneTest {
    /** A curved path from a random start to a random end in p dimensions, with noise off any plane. */
    private static double[][] trajectory(int n, int p, long seed, double noise) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] start = new double[p], end = new double[p], bend = new double[p];
        for (int j = 0; j < p; j++) {
            start[j] = random.nextDouble(-1, 1);
            end[j] = random.nextDouble(-1, 1);
            bend[j] = random.nextDouble(-1, 1);
        }
        double[][] s = new double[n][p];
        for (int i = 0; i < n; i++) {
            double t = i / (n - 1.0);
            for (int j = 0; j < p; j++) {
                s[i][j] = (1 - t) * start[j] + t * end[j] + t * (1 - t) * bend[j] + (i == n - 1 ? 0 : noise * random.nextDouble(-1, 1));
            }
        }
        return s;
    }

    /** numpy's SVD of the same differences: coordinates (up to each axis's sign), variance explained, distances off the plane. */
    @Test
    void matchesNumpysSvdOfTheSameSnapshots(@TempDir Path dir) throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        int n = 12, p = 300;
        double[][] snapshots = trajectory(n, p, 19, 0.05);
        TrajectoryPlane plane = TrajectoryPlane.of(snapshots);
        Path data = dir.resolve("snapshots.txt");
        Files.writeString(data, Arrays.stream(snapshots)
                .map(row -> Arrays.stream(row).mapToObj(Double::toString).collect(Collectors.joining(" ")))
                .collect(Collectors.joining("\n")));
        Path script = dir.resolve("plane.py");
        Files.writeString(script, """
                import sys, numpy as np
                s = np.loadtxt(sys.argv[1])
                d = s - s[-1]
                u, sv, vt = np.linalg.svd(d, full_matrices=False)
                c = d @ vt[:2].T
                off = np.linalg.norm(d - c @ vt[:2], axis=1)
                print(repr(float((sv[:2] ** 2).sum() / (sv ** 2).sum())))
                for i in range(len(d)):
                    print(repr(float(c[i, 0])), repr(float(c[i, 1])), repr(float(off[i])))
                """);
        String[] lines = python.run(script.toString(), data.toString()).strip().split("\n");
        assertEquals(n + 1, lines.length, String.join("\n", lines));
        assertEquals(Double.parseDouble(lines[0]), plane.varianceExplained(), 1e-9);
        double[][] want = new double[n][];
        for (int i = 0; i < n; i++) want[i] = Arrays.stream(lines[i + 1].trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
        for (int k = 0; k < 2; k++) {
            // an SVD fixes each axis only up to sign: take numpy's, read off the largest coordinate
            int biggest = 0;
            for (int i = 0; i < n; i++) if (Math.abs(want[i][k]) > Math.abs(want[biggest][k])) biggest = i;
            double sign = Math.signum(want[biggest][k]) * Math.signum(plane.coordinates(biggest)[k]);
            for (int i = 0; i < n; i++) assertEquals(want[i][k], sign * plane.coordinates(i)[k], 1e-6, "checkpoint " + i + ", axis " + k);
        }
        for (int i = 0; i < n; i++) assertEquals(want[i][2], plane.offPlane(i), 1e-6, "checkpoint " + i + " off the plane");
        assertTrue(plane.offPlane(3) > 1e-3, "the noise takes the checkpoints off the plane: " + plane.offPlane(3));
        assertEquals(0, plane.offPlane(n - 1), 1e-12, "the end is the origin");
    }

    @Test
    void aPathInAPlaneLiesOnItWithAllItsVariance() {
        double[][] flat = trajectory(9, 50, 4, 0);   // start, end and bend: the differences span two directions
        TrajectoryPlane plane = TrajectoryPlane.of(flat);
        assertEquals(1, plane.varianceExplained(), 1e-12);
        for (int i = 0; i < 9; i++) {
            assertEquals(0, plane.offPlane(i), 1e-9, "checkpoint " + i);
            double[] d = new double[50];
            for (int j = 0; j < 50; j++) d[j] = flat[i][j] - flat[8][j];
            double[] c = plane.coordinates(i);
            assertEquals(Math.sqrt(dot(d, d)), Math.hypot(c[0], c[1]), 1e-9, "the plane keeps distances to the end");
        }
        assertEquals(1, dot(plane.direction(0), plane.direction(0)), 1e-9);
        assertEquals(1, dot(plane.direction(1), plane.direction(1)), 1e-9);
        assertEquals(0, dot(plane.direction(0), plane.direction(1)), 1e-9);
    }

    @Test
    void tooFewOrMismatchedOrIdenticalSnapshotsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> TrajectoryPlane.of(new double[2][4]));
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class,
                () -> TrajectoryPlane.of(new double[][] {{1, 2}, {1, 2, 3}, {0, 0}}));
        assertTrue(sizes.getMessage().contains("snapshot 1 has 3 parameters"), sizes.getMessage());
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> TrajectoryPlane.of(new double[3][4]));
        assertTrue(same.getMessage().contains("same weights"), same.getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
