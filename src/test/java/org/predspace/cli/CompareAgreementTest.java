package org.predspace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.RunStatus;
import org.predspace.runs.RunWriter;
import org.predspace.session.TestRuns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code compare --agreement FIELD} on runs built so their tree is known: three architectures
 * take three different routes to the truth (A and B detour through different wrong classes, C goes
 * straight), the optimizer bends a route a little, the seed less. So the clusters are the
 * architectures and the answers follow from the contingency tables, worked out below by hand.
 */
@Tag("slow")
class CompareAgreementTest {
    @TempDir Path tmp;

    private static final List<String> ARCHITECTURES = List.of("A", "B", "C");
    private static final List<String> OPTIMIZERS = List.of("sgd", "adam");
    /** This run's metrics say it did not learn (final train accuracy 0.5), so no configuration holds it. */
    private static final String DID_NOT_LEARN = "A-adam-s1";

    private List<String> runs() throws Exception {
        List<String> dirs = new ArrayList<>();
        for (String architecture : ARCHITECTURES) {
            for (String optimizer : OPTIMIZERS) {
                for (int seed = 0; seed < 2; seed++) dirs.add(write(architecture, optimizer, seed).toString());
            }
        }
        return dirs;
    }

    private Path write(String architecture, String optimizer, int seed) throws Exception {
        String name = architecture + "-" + optimizer + "-s" + seed;
        Path dir = tmp.resolve(name);
        int[] labels = TestRuns.labels();
        Map<String, Object> spec = Map.of("dataset", "synthetic", "architecture", architecture, "optimizer", optimizer,
                "learning_rate", 0.1, "seed", seed);
        double finalAccuracy = name.equals(DID_NOT_LEARN) ? 0.5 : 0.97;
        try (RunWriter w = RunWriter.create(dir, name, TestRuns.C, new ProbeInfo(TestRuns.PROBE, TestRuns.N, "train"), spec, labels, null)) {
            for (int k = 0; k <= 10; k++) {
                double t = k / 10.0;
                CheckpointMetrics m = new CheckpointMetrics(10L * k, k, 1.2 - t, finalAccuracy * t, Double.NaN, Double.NaN);
                w.append(new Checkpoint(m, predictions(t, ARCHITECTURES.indexOf(architecture), OPTIMIZERS.indexOf(optimizer), seed, labels), null, null));
            }
            w.finish(RunStatus.FINISHED, Map.of());
        }
        return dir;
    }

    private static float[] predictions(double t, int architecture, int optimizer, int seed, int[] labels) {
        int n = labels.length;
        int c = TestRuns.C;
        float[] p = new float[n * c];
        for (int i = 0; i < n; i++) {
            double[] logit = new double[c];
            logit[labels[i]] += 6 * t;
            if (architecture < 2) logit[(labels[i] + 1 + architecture) % c] += 3 * t;   // A and B detour, C does not
            logit[(labels[i] + 1) % c] += 0.15 * optimizer * t;
            logit[i % c] += 0.03 * seed * t;
            double sum = 0;
            for (double v : logit) sum += Math.exp(v);
            for (int k = 0; k < c; k++) p[i * c + k] = (float) (Math.exp(logit[k]) / sum);
        }
        return p;
    }

    private CliRunner agreement(String field) throws Exception {
        List<String> args = new ArrayList<>(List.of("compare"));
        args.addAll(runs());
        args.addAll(List.of("--agreement", field));
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return r;
    }

    /** The output's part about the runs' tree, or the configurations'. */
    private static String section(String out, String which) {
        int configurations = out.indexOf("\nconfigurations") + 1;
        return which.equals("runs") ? out.substring(out.indexOf("\nruns: 12 runs"), configurations) : out.substring(configurations);
    }

    private static double ari(String section) {
        int at = section.indexOf("adjusted Rand index ");
        assertTrue(at >= 0, section);
        return Double.parseDouble(section.substring(at + "adjusted Rand index ".length()).split("[ \\n]")[0]);
    }

    @Test
    void theRunAndConfigurationTreesCutIntoTheArchitecturesAgreeFully() throws Exception {
        String out = agreement("architecture").out();
        String byRun = section(out, "runs");
        String byConfiguration = section(out, "configurations");
        assertTrue(byRun.contains("3 values of architecture (A, B, C); cut into 3 clusters (K = number of distinct labels)"), out);
        assertEquals(1.0, ari(byRun), 0, out);
        assertTrue(byRun.contains("  cluster 1: A-sgd-s0 [A], A-sgd-s1 [A], A-adam-s0 [A], A-adam-s1 [A]\n"), out);
        assertTrue(byRun.contains("  cluster 3: C-sgd-s0 [C], C-sgd-s1 [C], C-adam-s0 [C], C-adam-s1 [C]\n"), out);
        // six configurations of 11 runs; the run that did not learn is listed, and named alone as its configuration's only run
        assertTrue(byConfiguration.contains("6 configurations of 11 runs that learned"), out);
        assertTrue(byConfiguration.contains("left out, did not learn (final train error >= 0.10, or diverged): " + DID_NOT_LEARN), out);
        assertTrue(byConfiguration.contains("the geodesic's leaf is taken out of the tree before the cut"), out);
        assertEquals(1.0, ari(byConfiguration), 0, out);
        assertTrue(byConfiguration.contains("  cluster 1: A-sgd ×2 [A], A-adam-s0 [A]\n"), out);
    }

    @Test
    void againstTheOptimizerTheCutIntoTwoSplitsOneArchitectureOffAndAgreesLessThanChance() throws Exception {
        String out = agreement("optimizer").out();
        String byRun = section(out, "runs");
        String byConfiguration = section(out, "configurations");
        // Runs: clusters of 4 (2 sgd, 2 adam) and 8 (4 and 4). Pairs together in both: 1 + 1 + 6 + 6 = 14;
        // in one optimizer 15 + 15 = 30, in one cluster 6 + 28 = 34, of 66: expected 30 * 34 / 66, maximum 32.
        double expectedRuns = 30.0 * 34 / 66;
        assertEquals((14 - expectedRuns) / (32 - expectedRuns), ari(byRun), 0.005, out);
        // Configurations: clusters of 2 (1 sgd, 1 adam) and 4 (2 and 2). Together in both: 0 + 0 + 1 + 1 = 2;
        // in one optimizer 3 + 3 = 6, in one cluster 1 + 6 = 7, of 15: expected 6 * 7 / 15, maximum 6.5.
        double expectedConfigurations = 6.0 * 7 / 15;
        assertEquals((2 - expectedConfigurations) / (6.5 - expectedConfigurations), ari(byConfiguration), 0.005, out);
        assertTrue(ari(byConfiguration) < 0, out);
    }

    @Test
    void theSeedLabelsRunsButNotConfigurationsWhichAverageOverIt() throws Exception {
        CliRunner r = agreement("seed");
        assertTrue(r.out().contains("2 values of seed (0, 1); cut into 2 clusters"), r.out());
        assertTrue(r.out().contains("seed differs between the runs of configuration A-sgd ×2 (0, 1), so it does not label configurations"), r.out());
    }

    @Test
    void aFieldNoRunHasOrABadThresholdIsOneLineNamingIt() throws Exception {
        List<String> dirs = runs().subList(0, 3);
        List<String> args = new ArrayList<>(List.of("compare"));
        args.addAll(dirs);
        args.addAll(List.of("--agreement", "colour"));
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(Cli.EXIT_USAGE, r.exitCode(), r.err());
        TrainCommandTest.assertOneLine(r.err(), "--agreement: no run's spec has a field \"colour\"; the fields are architecture, dataset,"
                + " learning_rate, optimizer, seed");
        assertEquals("", r.out());

        args.addAll(List.of("--did-not-learn", "0"));
        args.set(args.indexOf("colour"), "architecture");
        r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(Cli.EXIT_USAGE, r.exitCode(), r.err());
        TrainCommandTest.assertOneLine(r.err(), "--did-not-learn: the did-not-learn threshold is a train error in (0, 1]");
    }
}
