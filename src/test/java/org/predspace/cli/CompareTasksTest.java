package org.predspace.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.session.TwoTaskRuns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code compare --imprinted --curves --by task} on fixture runs of two tasks ({@link TwoTaskRuns}):
 * the two tasks take different routes, the seeds of a task the same route more or less strongly.
 */
class CompareTasksTest {
    @TempDir Path tmp;

    private static final String SHARED = TwoTaskRuns.SHARED;
    private static final String SUBSET = TwoTaskRuns.SUBSET;

    private List<String> fourRuns() throws Exception {
        return TwoTaskRuns.write(tmp).stream().map(Path::toString).toList();
    }

    /** RFC 4180 lines as this project writes them: a quoted cell holds commas. */
    private static List<List<String>> csv(Path file) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (char ch : line.toCharArray()) {
                if (ch == '"') quoted = !quoted;
                else if (ch == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else cell.append(ch);
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void runsOfTwoTasksMeetOnlyInTheImprintedPicture() throws Exception {
        List<String> dirs = fourRuns();
        CliRunner plain = CliRunner.run("compare", dirs.get(0), dirs.get(1));
        assertNotEquals(0, plain.exitCode(), "the heads' pictures differ in probe and classes");

        Path curves = tmp.resolve("out/curves.csv");
        Path matrix = tmp.resolve("out/matrix.csv");
        List<String> args = new ArrayList<>(List.of("compare", "--imprinted", "--curves", curves.toString(), "--out", matrix.toString()));
        args.addAll(dirs);
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("imprinted predictions: 3 classes of the full problem on the shared probe " + SHARED), r.out());

        List<List<String>> rows = csv(curves);
        assertEquals(List.of("run_a", "run_b", "progress", "distance"), rows.get(0));
        Map<String, List<double[]>> byPair = new LinkedHashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            byPair.computeIfAbsent(row.get(0) + "|" + row.get(1), k -> new ArrayList<>())
                    .add(new double[] {Double.parseDouble(row.get(2)), Double.parseDouble(row.get(3))});
        }
        assertEquals(6, byPair.size(), "every pair of four runs: " + byPair.keySet());
        List<List<String>> m = csv(matrix);
        List<String> names = m.get(0).subList(1, 5);
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                List<double[]> curve = byPair.get(names.get(i) + "|" + names.get(j));
                assertNotNull(curve, names.get(i) + " and " + names.get(j));
                double mean = curve.stream().mapToDouble(p -> p[1]).average().orElseThrow();
                double entry = Double.parseDouble(m.get(i + 1).get(j + 1));
                assertTrue(entry > 1e-4, "no two runs coincide: " + entry);
                // the kernel sums each coefficient's C products in float: at distances ~1e-3 that
                // rounding reaches ~2e-6 of the entry (1.7e-6 seen once the sums became fused
                // multiply-adds), far below any real disagreement
                assertEquals(entry, mean, 1e-5 * entry, "the matrix entry is the curve's mean (its kernel sums in float)");
                for (int k = 1; k < curve.size(); k++) {
                    assertEquals(1 / 99.0, curve.get(k)[0] - curve.get(k - 1)[0], 1e-9, "consecutive grid values, none skipped");
                }
            }
        }
        // sub-s1 stops at 0.8 of its route: it shares less progress with the others than all-s0 and sub-s0 share
        assertTrue(byPair.get("all-s0|sub-s1").size() < byPair.get("all-s0|sub-s0").size());
        // two seeds of a task are nearer at equal progress than two tasks, all along
        List<double[]> tasks = byPair.get("all-s0|sub-s0");
        List<double[]> seeds = byPair.get("all-s0|all-s1");
        for (int k = 1; k < seeds.size(); k++) {
            assertEquals(tasks.get(k)[0], seeds.get(k)[0], 1e-12);
            assertTrue(seeds.get(k)[1] < tasks.get(k)[1], "at progress " + seeds.get(k)[0] + ": " + seeds.get(k)[1] + " against " + tasks.get(k)[1]);
        }
    }

    @Test
    void byTaskAveragesOverTheRunsOfEachTaskWithTheGeodesicALeaf() throws Exception {
        List<String> dirs = fourRuns();
        Path runCurves = tmp.resolve("runs.csv");
        List<String> args = new ArrayList<>(List.of("compare", "--imprinted", "--curves", runCurves.toString()));
        args.addAll(dirs);
        assertEquals(0, CliRunner.run(args.toArray(String[]::new)).exitCode());

        Path curves = tmp.resolve("tasks.csv");
        Path matrix = tmp.resolve("tasks-matrix.csv");
        args = new ArrayList<>(List.of("compare", "--imprinted", "--by", "task", "--curves", curves.toString(), "--out", matrix.toString()));
        args.addAll(dirs);
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("[0] all  (2 runs: all-s0, all-s1)"), r.out());
        assertTrue(r.out().contains("[1] " + SUBSET + "  (2 runs: sub-s0, sub-s1)"), r.out());
        assertTrue(r.out().contains("[2] geodesic"), r.out());
        assertTrue(r.out().contains("complete-linkage dendrogram of the task groups"), r.out());
        assertTrue(r.out().contains("distance against progress between task groups"), r.out());

        List<List<String>> m = csv(matrix);
        assertEquals(List.of("run", "all", SUBSET, "geodesic"), m.get(0));
        List<List<String>> grouped = csv(curves);
        assertEquals(List.of("task_a", "task_b", "progress", "distance", "pairs"), grouped.get(0));

        // the task curve at each progress is the mean of the run-pair curves of one run of each task that reach it
        Map<String, Double> runPair = new HashMap<>();
        for (List<String> row : csv(runCurves).subList(1, csv(runCurves).size())) runPair.put(row.get(0) + "|" + row.get(1) + "|" + row.get(2), Double.parseDouble(row.get(3)));
        int fewerPairs = 0;
        for (List<String> row : grouped.subList(1, grouped.size())) {
            assertEquals(List.of("all", SUBSET), row.subList(0, 2));
            double sum = 0;
            int n = 0;
            for (String a : List.of("all-s0", "all-s1")) {
                for (String b : List.of("sub-s0", "sub-s1")) {
                    Double d = runPair.getOrDefault(a + "|" + b + "|" + row.get(2), runPair.get(b + "|" + a + "|" + row.get(2)));
                    if (d == null) continue;
                    sum += d;
                    n++;
                }
            }
            assertEquals(n, Integer.parseInt(row.get(4)), "pairs at " + row.get(2));
            assertEquals(sum / n, Double.parseDouble(row.get(3)), 1e-9, "at progress " + row.get(2));
            if (n < 4) fewerPairs++;
        }
        assertTrue(fewerPairs > 0, "the shorter runs leave fewer pairs at high progress");
        // the full task stays nearer the geodesic than the subset (its tilts are smaller)
        assertTrue(Double.parseDouble(m.get(1).get(3)) < Double.parseDouble(m.get(2).get(3)), m.toString());

        Path json = tmp.resolve("tasks.json");
        args = new ArrayList<>(List.of("compare", "--imprinted", "--by", "task", "--out", json.toString()));
        args.addAll(dirs);
        assertEquals(0, CliRunner.run(args.toArray(String[]::new)).exitCode());
        var by = new ObjectMapper().readTree(json.toFile()).get("by");
        assertEquals("task", by.get("field").asText());
        assertEquals("[\"all\",\"" + SUBSET + "\",\"geodesic\"]", by.get("groups").toString());
        assertEquals("[\"sub-s0\",\"sub-s1\"]", by.get("members").get(SUBSET).toString());
        assertEquals(Double.parseDouble(m.get(1).get(2)), by.get("distances").get(0).get(1).asDouble(), 0, "the CSV's matrix");
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        List<String> dirs = new ArrayList<>(fourRuns());
        Path plain = SyntheticRuns.write(tmp, "plain", 0, 0, 0.5, 1);
        Path curves = tmp.resolve("c.csv");

        CliRunner r = CliRunner.run("compare", "--imprinted", "--curves", curves.toString(), dirs.get(0), plain.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("plain has no imprinted predictions"), r.err());

        r = CliRunner.run("compare", "--imprinted", "--by", "nonesuch", "--curves", curves.toString(), dirs.get(0), dirs.get(1));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--by: no run's spec has a field \"nonesuch\""), r.err());

        r = CliRunner.run("compare", "--imprinted", "--curves", tmp.resolve("c.txt").toString(), dirs.get(0), dirs.get(1));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--curves must end in .csv"), r.err());

        r = CliRunner.run("compare", "--imprinted", "--curves", Path.of(dirs.get(0), "metrics.csv").toString(), dirs.get(0), dirs.get(1));
        assertEquals(2, r.exitCode(), r.err());
        assertFalse(Files.exists(curves));
    }
}
