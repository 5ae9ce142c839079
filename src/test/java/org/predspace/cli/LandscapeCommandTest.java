package org.predspace.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.bench.NpyFiles;
import org.predspace.data.DatasetCatalog;
import org.predspace.export.SharpnessCsv;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.PythonWithNumpy;
import org.predspace.runs.Run;
import org.predspace.landscape.LinePath;
import org.predspace.landscape.PlaneSlice;
import org.predspace.landscape.RunPlane;
import org.predspace.landscape.RunSharpness;
import org.predspace.landscape.SharpnessCurve;
import org.predspace.platform.JobMonitor;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.Samples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

@Tag("slow")
class LandscapeCommandTest {
    @TempDir static Path tmp;
    static Path mlp;
    static Path linear;
    static Path bn;
    static Path noSnapshots;

    /** A 4-8-3 MLP and a softmax regression on iris, every checkpoint with a snapshot. */
    @BeforeAll
    static void trainTwoSmallNetworksOnIris() throws Exception {
        CliRunner r = CliRunner.run("train", "--dataset", "iris", "--arch", "mlp", "--depth", "1", "--width", "8",
                "--epochs", "4", "--checkpoints", "8", "--snapshots", "all", "--name", "mlp", "--out", tmp.toString());
        assertEquals(0, r.exitCode(), r.err());
        CliRunner l = CliRunner.run("train", "--dataset", "iris", "--arch", "linear", "--epochs", "2", "--checkpoints", "4",
                "--snapshots", "all", "--name", "linear", "--out", tmp.toString());
        assertEquals(0, l.exitCode(), l.err());
        CliRunner b = CliRunner.run("train", "--dataset", "iris", "--arch", "mlp", "--depth", "1", "--width", "8", "--batch-norm",
                "--epochs", "2", "--checkpoints", "4", "--snapshots", "all", "--name", "bn", "--out", tmp.toString());
        assertEquals(0, b.exitCode(), b.err());
        CliRunner n = CliRunner.run("train", "--dataset", "iris", "--arch", "linear", "--epochs", "1", "--checkpoints", "2",
                "--snapshots", "none", "--name", "none", "--out", tmp.toString());
        assertEquals(0, n.exitCode(), n.err());
        mlp = tmp.resolve("mlp");
        linear = tmp.resolve("linear");
        bn = tmp.resolve("bn");
        noSnapshots = tmp.resolve("none");
    }

    /** docs/landscape.md's example: a plain numpy forward pass, with the CSV and the directions beside it. */
    static final Path EXAMPLE = Path.of("docs/examples/landscape_mlp.py");

    /**
     * The written directions and CSV alone, read by numpy (the flat vector cut into layers as
     * docs/landscape.md says, in its example script), give every grid cell's loss by a plain
     * forward pass.
     */
    @Test
    void aRandomPlanesLossesAreNumpysForwardPassWithTheWrittenDirections() throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        Path csv = tmp.resolve("random.csv");
        CliRunner r = CliRunner.run("landscape", mlp.toString(), "--plane", "random", "--grid", "5", "--seed", "3",
                "--samples", "45", "--jobs", "2", "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("100%"), "progress goes to stderr: " + r.err());
        Path npy = tmp.resolve("random.directions.npy");
        assertTrue(Files.isRegularFile(npy), "the directions are written beside the CSV");

        Run run = Run.open(mlp);
        long last = run.parameterSteps()[run.parameterSteps().length - 1];
        Samples samples = RunCheckpoint.open(run, last, new DatasetCatalog()).samples(45);
        Path x = tmp.resolve("x.npy"), y = tmp.resolve("y.npy");
        try (NpyFiles.FloatWriter w = new NpyFiles.FloatWriter(x, samples.size(), samples.dimension())) {
            w.write(samples.features());
        }
        NpyFiles.writeInts(y, samples.labels());

        List<String[]> grid = rows(csv, "grid");
        assertEquals(25, grid.size());
        String[] out = python.run(EXAMPLE.toString(), csv.toString(), x.toString(), y.toString(), "4,8,3").strip().split("\n");
        assertEquals(grid.size(), out.length, String.join("\n", out));
        double lo = Double.MAX_VALUE, hi = 0;
        for (int k = 0; k < grid.size(); k++) {
            String[] f = out[k].trim().split("\\s+");
            double loss = Double.parseDouble(grid.get(k)[5]);
            assertEquals(Double.parseDouble(grid.get(k)[2]), Double.parseDouble(f[0]), "the example reads cell " + k + "'s x");
            assertEquals(Double.parseDouble(f[2]), loss, 1e-6, "train loss of cell " + k);
            assertEquals(Double.parseDouble(f[3]), Double.parseDouble(grid.get(k)[6]), 1e-12, "train accuracy of cell " + k);
            lo = Math.min(lo, loss);
            hi = Math.max(hi, loss);
        }
        assertTrue(hi > 1.5 * lo, "the plane is not flat: losses from " + lo + " to " + hi);
        assertEquals("", grid.get(0)[7], "no test probe unless asked");
        assertEquals("", grid.get(0)[9], "random directions explain nothing");
    }

    @Test
    void theTrajectoryPlaneListsEveryCheckpointWithItsDistanceAndTheVarianceExplained() throws Exception {
        Path csv = tmp.resolve("sub/trajectory.csv");
        CliRunner r = CliRunner.run("landscape", mlp.toString(), "--plane", "trajectory", "--grid", "4", "--samples", "30",
                "--test", "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("the plane holds"), r.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("point,step,x,y,off_plane,train_loss,train_accuracy,test_loss,test_accuracy,variance_explained", lines.get(0));
        List<String[]> grid = rows(csv, "grid");
        List<String[]> checkpoints = rows(csv, "checkpoint");
        assertEquals(16, grid.size());
        long[] steps = Run.open(mlp).parameterSteps();
        assertEquals(steps.length, checkpoints.size());
        double explained = Double.parseDouble(grid.get(0)[9]);
        assertTrue(explained > 0 && explained <= 1, "variance explained " + explained);
        for (int k = 0; k < steps.length; k++) {
            assertEquals(steps[k], Long.parseLong(checkpoints.get(k)[1]));
            assertTrue(Double.parseDouble(checkpoints.get(k)[4]) >= 0);
            assertEquals(explained, Double.parseDouble(checkpoints.get(k)[9]));
        }
        String[] origin = checkpoints.get(steps.length - 1);
        assertEquals(0, Double.parseDouble(origin[2]), 1e-9, "the last snapshot is the origin");
        assertEquals(0, Double.parseDouble(origin[3]), 1e-9);
        for (String[] cell : grid) assertFalse(cell[7].isEmpty(), "--test fills the test columns");
        assertTrue(Files.isRegularFile(tmp.resolve("sub/trajectory.directions.npy")));
    }

    /** The line's ends are the checkpoints' recorded train losses; its directions are theta_0 and theta_1 - theta_0. */
    @Test
    void aLineFromInitialisationEndsAtTheRecordedLossesAndWritesItsEnds() throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        Path csv = tmp.resolve("line.csv");
        CliRunner r = CliRunner.run("landscape", mlp.toString(), "--line", "--points", "21", "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("barrier"), r.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("a,train_loss,train_accuracy,test_loss,test_accuracy,barrier", lines.get(0));
        assertEquals(22, lines.size());
        String[] atZero = lines.get(1 + 5).split(",", -1);   // a = -0.5 + 2 * 5 / 20
        String[] atOne = lines.get(1 + 15).split(",", -1);
        assertEquals(0.0, Double.parseDouble(atZero[0]));
        assertEquals(1.0, Double.parseDouble(atOne[0]));
        Run run = Run.open(mlp);
        List<CheckpointMetrics> metrics = run.metrics();
        assertEquals(0, metrics.get(0).step());
        assertEquals(metrics.get(0).trainLoss(), Double.parseDouble(atZero[1]), 1e-5);
        assertEquals(metrics.get(metrics.size() - 1).trainLoss(), Double.parseDouble(atOne[1]), 1e-5);

        long[] steps = run.parameterSteps();
        Path ends = Files.writeString(tmp.resolve("ends.txt"), join(run.parameters(0)) + "\n"
                + join(run.parameters(steps[steps.length - 1])) + "\n");
        Path script = Files.writeString(tmp.resolve("ends.py"), """
                import sys, numpy as np
                v = np.load(sys.argv[1]); start, end = np.loadtxt(sys.argv[2])
                print(np.abs(v[0] - start).max(), np.abs(v[0] + v[1] - end).max(), np.abs(v[2]).max())
                """);
        String[] f = python.run(script.toString(), tmp.resolve("line.directions.npy").toString(), ends.toString()).strip().split("\\s+");
        assertEquals(0, Double.parseDouble(f[0]), 0, "origin = theta_0");
        assertEquals(0, Double.parseDouble(f[1]), 1e-12, "origin + d_x = theta_1");
        assertEquals(0, Double.parseDouble(f[2]), 0, "a line has d_y = 0");
    }

    /** The CSV is RunSharpness's curve at every snapshot as SharpnessCsv writes it, named for what it is. */
    @Test
    void sharpnessWritesTheTopGaussNewtonEigenvalueAtEverySnapshot() throws Exception {
        Path csv = tmp.resolve("sharpness.csv");
        CliRunner r = CliRunner.run("landscape", mlp.toString(), "--sharpness", "--samples", "30", "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("top Gauss-Newton eigenvalue"), r.out());
        assertFalse(Files.exists(tmp.resolve("sharpness.directions.npy")), "a sharpness curve has no directions");

        Run run = Run.open(mlp);
        SharpnessCurve curve = RunSharpness.of(run, new DatasetCatalog(), 30, JobMonitor.silent());
        Path expected = tmp.resolve("sharpness-expected.csv");
        SharpnessCsv.write(expected, run.name(), curve);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(Files.readAllLines(expected), lines);
        assertEquals("run,step,top_gauss_newton_eigenvalue,learning_rate,two_over_lr,samples", lines.get(0));
        long[] steps = run.parameterSteps();
        assertEquals(steps.length + 1, lines.size(), "one row per snapshot");
        for (int k = 0; k < steps.length; k++) {
            String[] row = lines.get(k + 1).split(",", -1);
            assertEquals(steps[k], Long.parseLong(row[1]));
            assertTrue(Double.parseDouble(row[2]) > 0, "a positive semi-definite matrix's top eigenvalue: " + lines.get(k + 1));
            assertEquals("30", row[5]);
        }
    }

    /**
     * A batch-norm network's plane: each cell is scored with the statistics recomputed on the
     * train probe at that cell's weights (LinePath.score on RunCheckpoint.forwardModel), not the
     * running averages training kept.
     */
    @Test
    void aBatchNormRunsPlaneIsScoredWithStatisticsRecomputedAtEveryCell() throws Exception {
        Path csv = tmp.resolve("bn-plane.csv");
        CliRunner r = CliRunner.run("landscape", bn.toString(), "--plane", "random", "--grid", "3", "--samples", "30",
                "--seed", "2", "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String[]> grid = rows(csv, "grid");
        assertEquals(9, grid.size());
        Run run = Run.open(bn);
        RunCheckpoint last = RunCheckpoint.open(run, run.parameterSteps()[run.parameterSteps().length - 1], new DatasetCatalog());
        PlaneSlice slice = RunPlane.filterNormalized(last, 2);   // the same seeded directions the command drew
        Samples samples = last.samples(30);
        double lo = Double.MAX_VALUE, hi = 0;
        for (String[] cell : grid) {
            double x = Double.parseDouble(cell[2]), y = Double.parseDouble(cell[3]);
            double[] theta = new double[slice.origin().length];
            for (int i = 0; i < theta.length; i++) theta[i] = slice.origin()[i] + x * slice.xDirection()[i] + y * slice.yDirection()[i];
            // a line of one point at theta: LinePath.score there, statistics recomputed at theta
            double expected = LinePath.between(last.forwardModel(), theta, theta, new double[] {0}, samples, samples)
                    .points().get(0).trainLoss();
            double loss = Double.parseDouble(cell[5]);
            assertEquals(expected, loss, 1e-9, "cell " + x + ", " + y);
            lo = Math.min(lo, loss);
            hi = Math.max(hi, loss);
        }
        assertTrue(hi > lo, "the cells differ: " + lo + " to " + hi);
    }

    @Test
    void badInputIsOneLineANonZeroExitAndNothingWritten() throws Exception {
        Path out = tmp.resolve("bad.csv");
        Path metricsCsv = mlp.resolve("metrics.csv");
        byte[] metrics = Files.readAllBytes(metricsCsv);
        List<List<String>> cases = List.of(
                List.of(mlp.toString(), "--out", out.toString()),
                List.of(mlp.toString(), "--line", "--plane", "random", "--out", out.toString()),
                List.of(mlp.toString(), "--plane", "sideways", "--out", out.toString()),
                List.of(mlp.toString(), "--plane", "random", "--grid", "1", "--out", out.toString()),
                List.of(mlp.toString(), "--plane", "trajectory", "--seed", "4", "--out", out.toString()),
                List.of(mlp.toString(), "--plane", "random", "--points", "9", "--out", out.toString()),
                List.of(mlp.toString(), "--line", "--grid", "9", "--out", out.toString()),
                List.of(mlp.toString(), "--line", "--to", "last", "--to-run", linear.toString(), "--out", out.toString()),
                List.of(mlp.toString(), "--line", "--range", "1,0", "--out", out.toString()),
                List.of(mlp.toString(), "--line", "--range", "NaN,1", "--out", out.toString()),
                List.of(mlp.toString(), "--plane", "random", "--samples", "0", "--out", out.toString()),
                List.of(mlp.toString(), "--plane", "random", "--step", "7777", "--out", out.toString()),
                List.of(mlp.toString(), "--line", "--to-run", linear.toString(), "--out", out.toString()),
                List.of(tmp.resolve("nothing-here").toString(), "--line", "--out", out.toString()),
                List.of(mlp.toString(), "--line", "--out", metricsCsv.toString()),
                List.of(mlp.toString(), "--sharpness", "--line", "--out", out.toString()),
                List.of(mlp.toString(), "--sharpness", "--grid", "5", "--out", out.toString()),
                List.of(mlp.toString(), "--sharpness", "--samples", "0", "--out", out.toString()),
                List.of(noSnapshots.toString(), "--sharpness", "--out", out.toString()),
                List.of(bn.toString(), "--sharpness", "--out", out.toString()));
        for (List<String> args : cases) {
            List<String> all = new ArrayList<>(List.of("landscape"));
            all.addAll(args);
            CliRunner r = CliRunner.run(all.toArray(String[]::new));
            String shown = String.join(" ", args);
            assertNotEquals(0, r.exitCode(), shown);
            assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("predspace:")).count(), shown + ": " + r.err());
            assertFalse(r.err().contains("Exception"), shown + ": " + r.err());
            assertFalse(Files.exists(out), shown + " wrote " + out);
        }
        assertArrayEquals(metrics, Files.readAllBytes(metricsCsv), "the run's own files are never overwritten");
        assertFalse(Files.exists(mlp.resolve("metrics.directions.npy")));
    }

    /** The rows of {@code csv} of one kind of point, split into cells. */
    private static List<String[]> rows(Path csv, String point) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",", -1)).filter(c -> c[0].equals(point))
                .collect(Collectors.toList());
    }

    /** Each float widened to double and written so that it reads back exactly. */
    private static String join(float[] v) {
        StringBuilder s = new StringBuilder();
        for (float x : v) s.append(Double.toString(x)).append(' ');
        return s.toString().strip();
    }
}
