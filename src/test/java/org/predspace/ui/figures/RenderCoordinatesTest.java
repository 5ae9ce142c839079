package org.predspace.ui.figures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.cli.Cli;
import org.predspace.runs.Run;
import org.predspace.runs.RunFolders;
import org.predspace.session.RunState;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code render --coordinates} on the bundled sample runs writes what the figure draws,
 * and that is {@code embed}'s InPCA of the same runs, axis by axis up to sign (within 1e-6 of
 * each axis's range), with {@code embed}'s eigenvalues and the stress shares of the drawn axes.
 * Both commands run in-process as a user runs them (render under Xvfb).
 */
@Tag("ui")
class RenderCoordinatesTest {
    @TempDir
    static Path tmp;

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), List.of(new RenderCommand())).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Rows by run and step ("ignorance" and "truth" by name), each the cells after run and step. */
    private static Map<String, String[]> rows(Path csv) throws Exception {
        Map<String, String[]> out = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            out.put(cells[0] + "@" + cells[1], cells);
        }
        return out;
    }

    @Test
    void renderedCoordinatesAreEmbedsUpToTheSignOfEachAxis() throws Exception {
        List<String> runs = new ArrayList<>();
        // the full problem's runs: the task runs' heads are on probes of their own (chapter 6 draws them imprinted)
        for (Path r : RunFolders.find(Path.of("sample-runs"))) {
            if (RunState.isFullProblem(Run.open(r).spec())) runs.add(r.toString());
        }
        Path png = tmp.resolve("fig.png"), drawn = tmp.resolve("drawn.csv"), embedded = tmp.resolve("embed.csv");
        Path stats = tmp.resolve("stats.json");

        List<String> render = new ArrayList<>(List.of("render"));
        render.addAll(runs);
        render.addAll(List.of("--out", png.toString(), "--coordinates", drawn.toString(), "--width", "320", "--height", "200"));
        Result r = run(render.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        List<String> embed = new ArrayList<>(List.of("embed"));
        embed.addAll(runs);
        embed.addAll(List.of("--out", embedded.toString(), "--stats", stats.toString()));
        Result e = run(embed.toArray(String[]::new));
        assertEquals(0, e.exitCode(), e.err());

        assertEquals("run,step,progress,x1,x2,x3", Files.readAllLines(drawn).get(0));
        Map<String, String[]> picture = rows(drawn);
        Map<String, String[]> reference = rows(embedded);
        assertEquals(reference.size() + 2, picture.size(), "every point embed writes, and the eigenvalue and share rows");
        JsonNode s = new ObjectMapper().readTree(stats.toFile());
        for (int a = 0; a < 3; a++) {
            int column = 3 + a;
            double dot = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (Map.Entry<String, String[]> ref : reference.entrySet()) {
                double x = Double.parseDouble(ref.getValue()[column]);
                dot += x * Double.parseDouble(picture.get(ref.getKey())[column]);
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            double sign = Math.signum(dot);
            for (Map.Entry<String, String[]> ref : reference.entrySet()) {
                String[] p = picture.get(ref.getKey());
                assertEquals(Double.parseDouble(ref.getValue()[column]), sign * Double.parseDouble(p[column]), 1e-6 * (hi - lo),
                        ref.getKey() + " axis " + (a + 1));
                assertEquals(Double.parseDouble(ref.getValue()[2]), Double.parseDouble(p[2]), 1e-9, ref.getKey() + " progress");
            }
            double lambda = s.get("eigenvalues").get(a).asDouble();
            assertEquals(lambda, Double.parseDouble(picture.get("eigenvalue@")[column]), 1e-9 * Math.abs(lambda));
            double share = s.get("stress").get(a).asDouble() - (a == 0 ? 0 : s.get("stress").get(a - 1).asDouble());
            assertEquals(share, Double.parseDouble(picture.get("stress_share@")[column]), 1e-9, "share of axis " + (a + 1));
        }
    }

    @Test
    void coordinatesInsideARunFolderAreRefusedAndNothingIsWritten() throws Exception {
        Path run = RunFolders.find(Path.of("sample-runs")).get(0);
        Path png = tmp.resolve("never.png");
        Result r = run("render", run.toString(), "--out", png.toString(), "--coordinates", run.resolve("coords.csv").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--coordinates") && r.err().contains("inside the run folder"), r.err());
        assertFalse(Files.exists(png));
        assertFalse(Files.exists(run.resolve("coords.csv")));
    }
}
