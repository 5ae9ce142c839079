package org.predspace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@Tag("slow")
class SpectrumCommandTest {
    @TempDir static Path tmp;
    static Path run;

    @BeforeAll
    static void trainASoftmaxRegressionOnIris() throws Exception {
        CliRunner r = CliRunner.run("train", "--dataset", "iris", "--arch", "linear", "--epochs", "3",
                "--snapshots", "sparse", "--out", tmp.toString());
        assertEquals(0, r.exitCode(), r.err());
        try (var dirs = Files.list(tmp)) {
            run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    @Test
    void writesEigenvaluesLargestFirstAndStats() throws Exception {
        Path csv = tmp.resolve("fim.csv");
        Path stats = tmp.resolve("fim.json");
        CliRunner r = CliRunner.run("spectrum", run.toString(), "--kind", "fim", "--samples", "60",
                "--out", csv.toString(), "--stats", stats.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("eigenvalue", lines.get(0));
        assertEquals(1 + 60 * 3, lines.size(), "n C eigenvalues");
        for (int i = 2; i < lines.size(); i++) {
            assertTrue(Double.parseDouble(lines.get(i)) <= Double.parseDouble(lines.get(i - 1)), "descending");
        }
        JsonNode json = new ObjectMapper().readTree(stats.toFile());
        assertEquals("fim", json.get("kind").asText());
        assertEquals(60, json.get("n").asInt());
        assertEquals(15, json.get("P").asInt(), "iris: 4 x 3 weights + 3 biases");
        for (String key : List.of("step", "decades", "effective_dimension", "trace", "seconds")) {
            assertTrue(json.has(key), key);
        }
    }

    @Test
    void hessianOfSoftmaxRegressionHasAllPEigenvalues() throws Exception {
        Path csv = tmp.resolve("h.csv");
        Path stats = tmp.resolve("h.json");
        CliRunner r = CliRunner.run("spectrum", run.toString(), "--kind", "hessian", "--step", "0", "--samples", "30",
                "--out", csv.toString(), "--stats", stats.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1 + 15, Files.readAllLines(csv).size());
        assertFalse(r.err().contains("warning"), "softmax regression has no kinks, so no warning: " + r.err());
        JsonNode json = new ObjectMapper().readTree(stats.toFile());
        assertEquals(1e-8, json.get("relative_floor").asDouble(), "the Hessian's floor, above its finite-difference noise");
        assertTrue(json.get("decades").asDouble() < 8, "softmax regression's null space is not counted: " + json.get("decades"));
    }

    @Test
    void densityWritesGridAndDensityColumns() throws Exception {
        Path csv = tmp.resolve("d.csv");
        CliRunner r = CliRunner.run("spectrum", run.toString(), "--kind", "density", "--samples", "30",
                "--lanczos-steps", "10", "--vectors", "2", "--grid", "50", "--out", csv.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("grid,density", lines.get(0));
        assertEquals(51, lines.size());
    }

    @Test
    void badStepOrKindIsOneLineAndNonZeroExit() {
        CliRunner noSnapshot = CliRunner.run("spectrum", run.toString(), "--kind", "fim", "--step", "1", "--out", "x.csv");
        assertNotEquals(0, noSnapshot.exitCode());
        assertTrue(noSnapshot.err().contains("step 1") && noSnapshot.err().contains("no parameter snapshot"), noSnapshot.err());
        assertEquals(1, noSnapshot.err().strip().lines().count(), noSnapshot.err());

        CliRunner badKind = CliRunner.run("spectrum", run.toString(), "--kind", "eigen", "--out", "x.csv");
        assertNotEquals(0, badKind.exitCode());
        assertTrue(badKind.err().contains("unknown spectrum kind 'eigen'"), badKind.err());
        assertEquals(1, badKind.err().strip().lines().count());

        CliRunner badStep = CliRunner.run("spectrum", run.toString(), "--kind", "fim", "--step", "soon", "--out", "x.csv");
        assertNotEquals(0, badStep.exitCode());
        assertEquals(1, badStep.err().strip().lines().count());
    }

    /** An MLP's Hessian figures carry the kink warning on stderr (its top eigenvalues can be far off); its Fisher does not. */
    @Test
    void hessianOfAReluNetworkWarnsOfKinks() throws Exception {
        CliRunner t = CliRunner.run("train", "--dataset", "iris", "--arch", "mlp", "--width", "8", "--epochs", "1",
                "--snapshots", "sparse", "--out", tmp.resolve("mlp").toString());
        assertEquals(0, t.exitCode(), t.err());
        Path mlp;
        try (var dirs = Files.list(tmp.resolve("mlp"))) {
            mlp = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        CliRunner h = CliRunner.run("spectrum", mlp.toString(), "--kind", "hessian", "--samples", "20", "--k", "3",
                "--out", tmp.resolve("mlp-h.csv").toString());
        assertEquals(0, h.exitCode(), h.err());
        assertTrue(h.err().contains("warning") && h.err().contains("kinks"), h.err());
        CliRunner f = CliRunner.run("spectrum", mlp.toString(), "--kind", "fim", "--samples", "20",
                "--out", tmp.resolve("mlp-f.csv").toString());
        assertEquals(0, f.exitCode(), f.err());
        assertFalse(f.err().contains("warning"), f.err());
    }
}
