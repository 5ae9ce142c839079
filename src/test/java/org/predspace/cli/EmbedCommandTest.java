package org.predspace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.bench.NpyFiles;
import org.predspace.bench.NumpyReference;
import org.predspace.runs.Run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** embed and compare on real run folders: a trained sweep, and a run written by numpy. */
@Tag("slow")
class EmbedCommandTest {
    private static final Path NUMPY_RUN = Path.of("src/test/resources/fixtures/numpy-run");

    @TempDir static Path sweepDir;
    private static List<Path> sweep;

    @BeforeAll
    static void trainASmallSweep() throws Exception {
        CliRunner r = CliRunner.run("train", "--dataset", "digits", "--arch", "linear,mlp", "--optimizer", "adam",
                "--lr", "0.01", "--seed", "0,1", "--epochs", "2", "--checkpoints", "15", "--snapshots", "none",
                "--out", sweepDir.toString());
        assertEquals(0, r.exitCode(), r.err());
        try (Stream<Path> s = Files.list(sweepDir)) {
            sweep = s.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(4, sweep.size());
    }

    private static List<String[]> rows(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    @Test
    void coordinatesOfARealSweepMatchTheIndependentNumpyReference(@TempDir Path tmp) throws Exception {
        Optional<String> python = NumpyReference.findPython();
        assumeTrue(python.isPresent(), "python3 with numpy not found");
        Path coords = tmp.resolve("coords.csv");
        Path stats = tmp.resolve("stats.json");
        List<String> args = new ArrayList<>(List.of("embed"));
        sweep.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--out", coords.toString(), "--dims", "3", "--anchors", "none", "--stats", stats.toString()));
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());

        // the same checkpoints, in the same order, as one (m, N, C) array for numpy
        int m = 0, n = 0, c = 0;
        List<Run> runs = new ArrayList<>();
        for (Path p : sweep) {
            Run run = Run.open(p);
            runs.add(run);
            m += run.checkpointCount();
            n = run.probe().size();
            c = run.classes();
        }
        Path probs = tmp.resolve("probs.npy");
        try (NpyFiles.FloatWriter out = new NpyFiles.FloatWriter(probs, m, n, c)) {
            for (Run run : runs) for (int t = 0; t < run.checkpointCount(); t++) out.write(run.predictions(t));
        }
        JsonNode ref = NumpyReference.run(python.get(), probs, "--axes", "10");
        JsonNode mine = new ObjectMapper().readTree(stats.toFile());
        assertEquals(m, mine.get("m").asInt());
        assertEquals(n, mine.get("N").asInt());
        assertEquals(c, mine.get("C").asInt());
        for (int a = 0; a < 10; a++) {
            double lambda = ref.get("eigenvalues").get(a).asDouble();
            assertEquals(lambda, mine.get("eigenvalues").get(a).asDouble(), 1e-6 * Math.abs(ref.get("eigenvalues").get(0).asDouble()));
            assertEquals(ref.get("stress").get(a).asDouble(), mine.get("stress").get(a).asDouble(), 1e-6);
        }

        List<String[]> rows = rows(coords);
        assertEquals(m, rows.size());
        double[][] x = new double[m][3];
        for (int i = 0; i < m; i++) for (int a = 0; a < 3; a++) x[i][a] = Double.parseDouble(rows.get(i)[3 + a]);
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (double[] p : x) { min = Math.min(min, p[0]); max = Math.max(max, p[0]); }
        double tolerance = 1e-6 * (max - min);
        for (int a = 0; a < 3; a++) {
            double dot = 0;
            for (int i = 0; i < m; i++) dot += x[i][a] * ref.get("coordinates").get(i).get(a).asDouble();
            double sign = Math.signum(dot);
            for (int i = 0; i < m; i++) {
                assertEquals(sign * ref.get("coordinates").get(i).get(a).asDouble(), x[i][a], tolerance, "point " + i + " axis " + (a + 1));
            }
        }
    }

    @Test
    void anchorsAddIgnoranceAtProgressZeroAndTruthAtOne(@TempDir Path tmp) throws Exception {
        Path coords = tmp.resolve("coords.csv");
        CliRunner r = CliRunner.run("embed", sweep.get(0).toString(), sweep.get(1).toString(), "--out", coords.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String[]> rows = rows(coords);
        int t = Run.open(sweep.get(0)).checkpointCount() + Run.open(sweep.get(1)).checkpointCount();
        assertEquals(t + 2, rows.size());
        assertArrayEquals(new String[] {"run", "step", "progress", "x1", "x2", "x3"},
                Files.readAllLines(coords).get(0).split(","));
        assertEquals("ignorance", rows.get(t)[0]);
        assertEquals(0.0, Double.parseDouble(rows.get(t)[2]));
        assertEquals("truth", rows.get(t + 1)[0]);
        assertEquals(1.0, Double.parseDouble(rows.get(t + 1)[2]));
        for (String[] row : rows.subList(0, t)) {
            double p = Double.parseDouble(row[2]);
            assertTrue(p >= 0 && p <= 1, "progress in [0, 1]: " + p);
        }
        assertEquals(0.0, Double.parseDouble(rows.get(0)[2]), 0.05, "initialisation is near ignorance");
    }

    @Test
    void geodesicIsPlacedOutOfSampleFromIgnoranceToTruth(@TempDir Path tmp) throws Exception {
        Path coords = tmp.resolve("coords.csv");
        Path geodesic = tmp.resolve("geodesic.csv");
        CliRunner r = CliRunner.run("embed", sweep.get(1).toString(), "--out", coords.toString(), "--geodesic", geodesic.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String[]> path = rows(geodesic);
        assertEquals(100, path.size());
        assertEquals(0.0, Double.parseDouble(path.get(0)[0]));
        assertEquals(1.0, Double.parseDouble(path.get(99)[0]));
        List<String[]> points = rows(coords);
        String[] ignorance = points.get(points.size() - 2), truth = points.get(points.size() - 1);
        // the geodesic's ends are the anchors, which are in the embedded set: out-of-sample placement is exact there
        for (int k = 0; k < 3; k++) {
            assertEquals(Double.parseDouble(ignorance[3 + k]), Double.parseDouble(path.get(0)[1 + k]), 1e-6);
            assertEquals(Double.parseDouble(truth[3 + k]), Double.parseDouble(path.get(99)[1 + k]), 1e-6);
        }
    }

    @Test
    void landmarkPathWithEveryPointALandmarkEqualsTheFullEmbedding(@TempDir Path tmp) throws Exception {
        Path full = tmp.resolve("full.csv");
        Path landmark = tmp.resolve("landmark.csv");
        assertEquals(0, CliRunner.run("embed", sweep.get(2).toString(), "--out", full.toString()).exitCode());
        assertEquals(0, CliRunner.run("embed", sweep.get(2).toString(), "--out", landmark.toString(), "--landmarks", "100000").exitCode());
        List<String[]> a = rows(full), b = rows(landmark);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            for (int k = 3; k < 6; k++) {
                assertEquals(Math.abs(Double.parseDouble(a.get(i)[k])), Math.abs(Double.parseDouble(b.get(i)[k])), 1e-6);
            }
        }
    }

    @Test
    void runsOnDifferentProbeSetsAreRefusedInOneLine(@TempDir Path tmp) {
        CliRunner r = CliRunner.run("embed", sweep.get(0).toString(), NUMPY_RUN.toString(), "--out", tmp.resolve("c.csv").toString());
        assertEquals(Cli.EXIT_FAILURE, r.exitCode());
        TrainCommandTest.assertOneLine(r.err(), "different probe sets");
        assertFalse(Files.exists(tmp.resolve("c.csv")), "nothing written");
    }

    @Test
    void opensARunWrittenByNumpy(@TempDir Path tmp) throws Exception {
        Path coords = tmp.resolve("c.csv");
        CliRunner r = CliRunner.run("embed", NUMPY_RUN.toString(), "--out", coords.toString(), "--dims", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(Run.open(NUMPY_RUN).checkpointCount() + 2, rows(coords).size());
        assertTrue(rows(coords).get(0)[0].equals("numpy fixture"));
    }

    @Test
    void compareFindsARunIdenticalToItselfAndSeparatesArchitectures(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("cmp.json");
        List<String> args = new ArrayList<>(List.of("compare"));
        sweep.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--out", json.toString()));
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("complete-linkage dendrogram"), r.out());
        JsonNode cmp = new ObjectMapper().readTree(json.toFile());
        JsonNode d = cmp.get("distances");
        for (int i = 0; i < 4; i++) {
            assertEquals(0.0, d.get(i).get(i).asDouble(), 1e-12);
            for (int j = 0; j < 4; j++) assertEquals(d.get(i).get(j).asDouble(), d.get(j).get(i).asDouble(), 1e-12);
        }
        assertEquals(3, cmp.get("dendrogram").get("merges").size(), "n - 1 merges");
        Path csv = tmp.resolve("cmp.csv");
        args.set(args.size() - 1, csv.toString());
        assertEquals(0, CliRunner.run(args.toArray(String[]::new)).exitCode());
        assertEquals(5, Files.readAllLines(csv).size());
    }
}
