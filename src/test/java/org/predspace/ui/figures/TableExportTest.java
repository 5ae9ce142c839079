package org.predspace.ui.figures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import org.predspace.export.CsvReader;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.trajectory.Progress;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.Run;
import org.predspace.session.PictureFrame;
import org.predspace.session.TestRuns;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.FxWindow;
import org.predspace.ui.MainWindow;
import org.predspace.ui.PanelFixtures;
import org.predspace.ui.compare.DirectComparison;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.predspace.ui.figures.ChartExportTest.onFx;

/**
 * The CSV exports of File > Export, read back with a reader of the test's own and compared with
 * the runs on disk and with computations done here, not with what the panels computed.
 */
@Tag("ui")
class TableExportTest {
    static final int CHECKPOINTS = 8;
    private ExplorerModel model;
    private MainWindow window;
    private Exports exports;
    private List<Path> dirs;
    @RegisterExtension
    final FxWindow fx = new FxWindow(shown -> {
        model = shown.model();
        window = shown.window();
        exports = Exports.of(window);
    });

    private void openRuns() throws Exception {
        dirs = new ArrayList<>(TestRuns.writeSynthetic(fx.tmp(), 2, CHECKPOINTS));
        dirs.add(PanelFixtures.writeWithGaps(fx.tmp(), ChartExportTest.GAPPY, CHECKPOINTS));
        PanelFixtures.openAndWait(model, dirs);
    }

    private List<List<String>> export(String table, String file) throws Exception {
        Path target = fx.tmp().resolve(file);
        assertTrue(onFx(() -> exports.saveTable(table, target)), () -> model.problems().toString());
        return CsvReader.parse(Files.readString(target));
    }

    @Test
    void metricsHaveARowPerCheckpointOfEveryRunEqualToTheRunsOnDisk() throws Exception {
        openRuns();
        List<List<String>> rows = export("Metrics", "metrics.csv");
        assertEquals(List.of("run", "checkpoint", "step", "epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy"),
                rows.get(0));
        // one block of rows per run, in the library's order
        Map<String, List<List<String>>> byRun = new LinkedHashMap<>();
        for (List<String> r : rows.subList(1, rows.size())) byRun.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r);
        assertEquals(dirs.size(), byRun.size(), "names, commas and quotes included, each in one cell: " + byRun.keySet());
        for (Path d : dirs) {
            Run run = Run.open(d);
            List<CheckpointMetrics> metrics = run.metrics();
            List<List<String>> runRows = byRun.get(run.name());
            assertNotNull(runRows, run.name());
            assertEquals(CHECKPOINTS, metrics.size());
            assertEquals(CHECKPOINTS, runRows.size());
            for (int k = 0; k < metrics.size(); k++) {
                List<String> r = runRows.get(k);
                CheckpointMetrics m = metrics.get(k);
                assertEquals(k, Integer.parseInt(r.get(1)));
                assertEquals(m.step(), Long.parseLong(r.get(2)));
                double[] expected = {m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testLoss(), m.testAccuracy()};
                for (int c = 0; c < expected.length; c++) {
                    // exactly: full precision, and NaN (not measured) as an empty cell
                    assertEquals(expected[c], CsvReader.number(r.get(3 + c)), 0.0, run.name() + " checkpoint " + k + " column " + (3 + c));
                    assertEquals(Double.isNaN(expected[c]), r.get(3 + c).isEmpty());
                }
            }
        }
        assertTrue(rows.stream().anyMatch(r -> r.get(4).isEmpty()), "the gappy run's missing training loss is an empty cell");
    }

    @Test
    void pictureCoordinatesAreTheFramesPointsWithTheirProgressFromTheRunsOnDisk() throws Exception {
        openRuns();
        int points = 2 + 3 * CHECKPOINTS;
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            PictureFrame f = window.view().drawnFrame();
            return f != null && f.size() == points && f.embedding().exactPoints() == points;
        });
        Path target = fx.tmp().resolve("coordinates.csv");
        PictureFrame frame = onFx(() -> {
            assertTrue(exports.saveTable("Picture coordinates", target));
            return model.picture().frame();
        });
        List<List<String>> rows = CsvReader.parse(Files.readString(target));
        assertEquals(points + 1, rows.size());
        assertTrue(frame.axes() >= 3);
        assertEquals(7 + frame.axes(), rows.get(0).size());
        assertEquals(List.of("run", "checkpoint", "step", "progress", "geodesic_distance", "accuracy", "loss", "axis1"),
                rows.get(0).subList(0, 8));
        Map<String, Run> runs = new HashMap<>();
        for (Path d : dirs) runs.put(Run.open(d).name(), Run.open(d));
        for (int i = 0; i < frame.size(); i++) {
            List<String> r = rows.get(i + 1);
            assertEquals(frame.point(i).run(), r.get(0));
            for (int a = 0; a < frame.axes(); a++) {
                assertEquals(frame.coordinate(i, a), Double.parseDouble(r.get(7 + a)), 0.0, "point " + i + " axis " + (a + 1));
            }
            if (frame.point(i).isAnchor()) {
                assertEquals("", r.get(1));
                continue;
            }
            // progress recomputed here from the run's predictions on disk
            Run run = runs.get(r.get(0));
            int k = Integer.parseInt(r.get(1));
            assertEquals(run.steps()[k], Long.parseLong(r.get(2)));
            ProbeShape shape = new ProbeShape(run.probe().id(), run.labels().length, run.classes());
            double progress = Progress.ignoranceToTruth(shape, run.labels()).of(SqrtProbabilities.of(run.name(), shape, run.predictions(k)));
            assertEquals(progress, Double.parseDouble(r.get(3)), 1e-6, r.get(0) + " checkpoint " + k);
            assertEquals(run.metrics().get(k).trainAccuracy(), CsvReader.number(r.get(5)), 1e-6);
        }
    }

    @Test
    void trajectoryDistancesAreTheMatrixComputedFromTheRunsOnDisk(FxRobot robot) throws Exception {
        openRuns();
        robot.clickOn("#tab-compare .tab-label");
        TableSource.Table table = onFx(() -> exports.tables().stream().filter(t -> t.label().equals("Trajectory distances"))
                .findFirst().orElseThrow());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> table.table().get() != null
                && table.table().get().rowCount() == dirs.size()));
        List<List<String>> rows = export("Trajectory distances", "distances.csv");
        TrajectoryComparison expected = DirectComparison.of(dirs);
        List<String> names = rows.get(0).subList(1, rows.get(0).size());
        assertEquals("run", rows.get(0).get(0));
        assertEquals(new HashSet<>(expected.runs()), new HashSet<>(names));
        for (int i = 0; i < names.size(); i++) {
            assertEquals(names.get(i), rows.get(i + 1).get(0), "rows in the header's order");
            for (int j = 0; j < names.size(); j++) {
                double d = expected.distance(expected.runs().indexOf(names.get(i)), expected.runs().indexOf(names.get(j)));
                assertEquals(d, CsvReader.number(rows.get(i + 1).get(j + 1)), 1e-9 * Math.max(1, d), names.get(i) + " / " + names.get(j));
            }
        }
    }

    @Test
    void tablesWithNothingInThemAreReportedInsteadOfWritten() throws Exception {
        Path target = fx.tmp().resolve("spectra.csv");
        assertFalse(onFx(() -> exports.saveTable("Spectra", target)));
        assertFalse(Files.exists(target));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !model.problems().isEmpty());
        assertTrue(model.problems().get(0).startsWith("Spectra not exported: no spectrum has been computed yet"), model.problems().get(0));
    }
}
