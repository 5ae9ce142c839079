package org.predspace.ui.dims;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Tag;
import org.predspace.bench.NpyFiles;
import org.predspace.bench.NumpyReference;
import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.Run;
import org.predspace.runs.RunFolders;
import org.predspace.runs.RunStatus;
import org.predspace.runs.RunWriter;
import org.predspace.session.ExplorerSession;
import org.predspace.session.RunState;
import org.predspace.session.TestRuns;
import org.predspace.ui.FxWindow;
import org.predspace.ui.PanelFixtures;
import org.predspace.ui.figures.Exports;
import org.predspace.ui.figures.Figure;
import org.predspace.ui.figures.ImageSize;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Dimensions tab in the real window: its stress curves and eigenvalue ladder hold the numbers
 * of an independent numpy InPCA of the same points (bench/inpca_reference.py) for both
 * pictures of the sample runs, the closed form of a tiny picture, and follow the drawn axes.
 */
@Tag("ui")
class DimensionsPanelTest {
    @RegisterExtension
    final FxWindow w = new FxWindow(shown -> { });

    /** Clicks the tab open and finds its charts in the window; fails if the tab or a chart is gone. */
    private Charts openTab(FxRobot robot) {
        robot.clickOn("Dimensions");
        WaitForAsyncUtils.waitForFxEvents();
        Node stress = w.window().scene().lookup("#dims-stress-chart");
        Node ladder = w.window().scene().lookup("#dims-ladder");
        assertNotNull(stress, "the Dimensions tab has a stress chart");
        assertNotNull(ladder, "the Dimensions tab has an eigenvalue ladder");
        @SuppressWarnings("unchecked")
        Charts c = new Charts((LineChart<Number, Number>) stress, (BarChart<String, Number>) ladder);
        return c;
    }

    private record Charts(LineChart<Number, Number> stress, BarChart<String, Number> ladder) {
        double[] curve(String name) throws Exception {
            return WaitForAsyncUtils.asyncFx(() -> {
                for (XYChart.Series<Number, Number> s : stress.getData()) {
                    if (s.getName().equals(name)) return s.getData().stream().mapToDouble(d -> d.getYValue().doubleValue()).toArray();
                }
                throw new AssertionError("no curve named " + name);
            }).get();
        }

        double[] bars() throws Exception {
            return WaitForAsyncUtils.asyncFx(() -> ladder.getData().get(0).getData().stream()
                    .mapToDouble(d -> d.getYValue().doubleValue()).toArray()).get();
        }

        List<String> categories() throws Exception {
            return WaitForAsyncUtils.asyncFx(() -> ladder.getData().get(0).getData().stream().map(XYChart.Data::getXValue).toList()).get();
        }

        /** Categories of the bars outlined as drawn. */
        List<String> outlined() throws Exception {
            return WaitForAsyncUtils.asyncFx(() -> ladder.getData().get(0).getData().stream()
                    .filter(d -> d.getNode().getStyleClass().contains("drawn-axis")).map(XYChart.Data::getXValue).toList()).get();
        }

        double[] rings() throws Exception { return xs("drawn axes"); }

        private double[] xs(String name) throws Exception {
            return WaitForAsyncUtils.asyncFx(() -> stress.getData().stream().filter(s -> s.getName().equals(name)).findFirst()
                    .orElseThrow().getData().stream().mapToDouble(d -> d.getXValue().doubleValue()).toArray()).get();
        }
    }

    /** Three synthetic runs of 8 checkpoints, placed exactly, and the tab open on their ten axes. */
    private Charts openOnSyntheticRuns(FxRobot robot) throws Exception {
        PanelFixtures.openAndWait(w.model(), TestRuns.writeSynthetic(w.tmp(), 3, 8));
        waitForExact(w.model().session(), ExplorerSession.Probe.TRAINING, 2 + 3 * 8);
        Charts charts = openTab(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> charts.bars().length == 10);
        return charts;
    }

    /** Every point of a picture as the reference reads them: the anchors, then each checkpoint's probabilities. */
    private static void writePicture(Path npy, List<Run> runs, boolean heldOut) throws Exception {
        Run first = runs.get(0);
        int[] labels = heldOut ? first.testLabels() : first.labels();
        int n = labels.length, c = first.classes();
        int m = 2 + runs.stream().mapToInt(Run::checkpointCount).sum();
        try (NpyFiles.FloatWriter out = new NpyFiles.FloatWriter(npy, m, n, c)) {
            float[] uniform = new float[n * c];
            Arrays.fill(uniform, 1f / c);
            out.write(uniform);
            float[] truth = new float[n * c];
            for (int s = 0; s < n; s++) truth[s * c + labels[s]] = 1;
            out.write(truth);
            for (Run r : runs) {
                for (int t = 0; t < r.checkpointCount(); t++) out.write(heldOut ? r.testPredictions(t) : r.predictions(t));
            }
        }
    }

    private static void waitForExact(ExplorerSession session, ExplorerSession.Probe probe, int points) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
            var f = session.picture(probe).frame();
            return f.size() == points && f.embedding().exactPoints() == points;
        });
    }

    @Test
    void curvesAndLadderHoldNumpysEigenvaluesAndStressForBothPicturesOfTheSampleRuns(FxRobot robot) throws Exception {
        Optional<String> python = NumpyReference.findPython();
        assumeTrue(python.isPresent(), "python3 with numpy not found");
        // the full problem's runs: the task runs' heads are on probes of their own (the imprinted picture has them)
        List<Path> dirs = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        for (Path d : RunFolders.find(Path.of("sample-runs"))) {
            Run r = Run.open(d);
            if (!RunState.isFullProblem(r.spec())) continue;
            dirs.add(d);
            runs.add(r);
        }
        int m = 2 + runs.stream().mapToInt(Run::checkpointCount).sum();
        PanelFixtures.openAndWait(w.model(), dirs);
        waitForExact(w.model().session(), ExplorerSession.Probe.TRAINING, m);
        waitForExact(w.model().session(), ExplorerSession.Probe.HELD_OUT, m);
        Charts charts = openTab(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> charts.curve("held-out probe").length == 10
                && charts.curve("training probe").length == 10 && charts.bars().length == 10);

        for (boolean heldOut : new boolean[] {false, true}) {
            if (heldOut) robot.clickOn("#dims-held-out");
            WaitForAsyncUtils.waitForFxEvents();
            Path npy = w.tmp().resolve(heldOut ? "held-out.npy" : "training.npy");
            writePicture(npy, runs, heldOut);
            JsonNode ref = NumpyReference.run(python.get(), npy, "--axes", "10", "--no-coordinates");
            double[] lambda = NumpyReference.doubles(ref.get("eigenvalues"));
            double[] stress = NumpyReference.doubles(ref.get("stress"));
            String picture = heldOut ? "held-out" : "training";
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Math.abs(charts.bars()[0] - lambda[0]) < 1e-3 * Math.abs(lambda[0]));
            double[] bars = charts.bars();
            double[] curve = charts.curve(heldOut ? "held-out probe" : "training probe");
            for (int k = 0; k < 10; k++) {
                assertEquals(lambda[k], bars[k], 1e-6 * Math.abs(lambda[0]), picture + " eigenvalue " + (k + 1));
                assertEquals(stress[k], curve[k], 1e-6, picture + " S_" + (k + 1));
            }
            assertTrue(Arrays.stream(lambda).anyMatch(l -> l < 0), "the sample pictures have time-like axes to show");
            List<String> timeLike = WaitForAsyncUtils.asyncFx(() -> charts.ladder().getData().get(0).getData().stream()
                    .filter(d -> d.getNode().getStyleClass().contains("time-like")).map(XYChart.Data::getXValue).toList()).get();
            List<String> expectedTimeLike = new ArrayList<>();
            for (int k = 0; k < 10; k++) if (lambda[k] < 0) expectedTimeLike.add(charts.categories().get(k));
            assertEquals(expectedTimeLike, timeLike, picture + ": bars of negative eigenvalues are marked time-like");
            String summary = WaitForAsyncUtils.asyncFx(() -> ((Label) w.window().scene().lookup("#dims-summary")).getText()).get();
            assertTrue(summary.contains(String.format(Locale.ROOT, "S_1, S_2, S_3 = %.3f, %.3f, %.3f", stress[0], stress[1],
                    stress[2])), summary);
            System.out.printf(Locale.ROOT, "%s picture of the sample runs: lambda 1..3 = %.2f, %.2f, %.2f; S_1..S_3 = %.3f, %.3f, %.3f%n",
                    picture, bars[0], bars[1], bars[2], curve[0], curve[1], curve[2]);
        }
        assertEquals(ExplorerSession.Probe.HELD_OUT, w.model().probeProperty().get(), "the tab's probe switch switches the picture");
    }

    /**
     * One checkpoint that predicts uniformly sits on the ignorance anchor, so the picture is two
     * points at squared distance d = d_B(P0, P*) = (1/2) ln C, one of them twice. Classical MDS of
     * that: one axis, lambda_1 = (2/9 + 4/9) d = (1/3) ln C, every other eigenvalue 0, S_k = 1.
     */
    @Test
    void aPictureOfTwoDistinctPointsHasTheClosedFormEigenvalue(FxRobot robot) throws Exception {
        Path dir = w.tmp().resolve("uniform");
        int[] labels = TestRuns.labels();
        float[] uniform = new float[TestRuns.N * TestRuns.C];
        Arrays.fill(uniform, 1f / TestRuns.C);
        try (RunWriter writer = RunWriter.create(dir, "uniform", TestRuns.C, new ProbeInfo(TestRuns.PROBE, TestRuns.N, "train"),
                Map.of("architecture", "mlp"), labels, labels)) {
            writer.append(new Checkpoint(new CheckpointMetrics(0, 0, 1.1, 0.33, 1.1, 0.33), uniform, uniform, null));
            writer.finish(RunStatus.FINISHED, Map.of());
        }
        PanelFixtures.openAndWait(w.model(), List.of(dir));
        waitForExact(w.model().session(), ExplorerSession.Probe.TRAINING, 3);
        Charts charts = openTab(robot);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> charts.bars().length > 0 && charts.bars()[0] > 0);
        double[] bars = charts.bars();
        assertEquals(Math.log(TestRuns.C) / 3, bars[0], 1e-6);
        for (int k = 1; k < bars.length; k++) assertEquals(0, bars[k], 1e-6, "eigenvalue " + (k + 1));
        double[] stress = charts.curve("training probe");
        assertEquals(bars.length, stress.length, "one S_k per eigenvalue shown");
        for (double s : stress) assertEquals(1, s, 1e-6);
    }

    @Test
    void theChartsExportAsPngAndSvgFromTheWindowsExports(FxRobot robot) throws Exception {
        Charts charts = openOnSyntheticRuns(robot);
        Exports exports = Exports.of(w.window());
        Figure figure = WaitForAsyncUtils.asyncFx(exports::visibleFigure).get();
        assertEquals("dimensions", figure.name(), "File > Export saves the visible Dimensions tab");
        DimensionsPanel panel = (DimensionsPanel) WaitForAsyncUtils.asyncFx(() -> w.window().panels().getSelectionModel()
                .getSelectedItem().getContent()).get();
        Figure ladder = panel.charts().get(1);
        Path png = w.tmp().resolve("ladder.png");
        assertTrue(WaitForAsyncUtils.asyncFx(() -> exports.savePng(ladder, png, new ImageSize(1280, 720))).get(),
                () -> w.model().problems().toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(720, image.getHeight());
        int bars = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 255) - 0x6B) < 4 && Math.abs(((rgb >> 8) & 255) - 0x6B) < 4 && Math.abs((rgb & 255) - 0x6B) < 4) bars++;
            }
        }
        assertTrue(bars > 1280 * 720 / 100, "the bars are in the PNG: " + bars + " pixels of their grey");
        Path svg = w.tmp().resolve("stress.svg");
        assertTrue(WaitForAsyncUtils.asyncFx(() -> exports.saveSvg(panel.charts().get(0), svg, new ImageSize(1600, 900)))
                .get(), () -> w.model().problems().toString());
        String text = Files.readString(svg);
        assertTrue(text.contains("explained stress S_k") && text.contains("number of axes k"), "the axis labels are in the SVG");
    }

    @Test
    void drawnAxesAreMarkedAndClickingABarDrawsIt(FxRobot robot) throws Exception {
        Charts charts = openOnSyntheticRuns(robot);
        assertEquals(List.of("1 (x)", "2 (y)", "3 (z)"), charts.outlined());
        assertArrayEquals(new double[] {1, 2, 3}, charts.rings());

        Node bar5 = WaitForAsyncUtils.asyncFx(() -> charts.ladder().getData().get(0).getData().get(4).getNode()).get();
        robot.clickOn(bar5);
        robot.clickOn("Draw axis 5 as z");
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(new int[] {0, 1, 4}, w.model().axes(), "the clicked axis is drawn as z");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> charts.outlined().equals(List.of("1 (x)", "2 (y)", "5 (z)")));
        assertArrayEquals(new double[] {1, 2, 5}, charts.rings());
        assertEquals("3", charts.categories().get(2), "axis 3 is no longer named as drawn");

        double[] lambda = charts.bars();
        robot.clickOn("#dims-log");
        WaitForAsyncUtils.waitForFxEvents();
        double[] heights = charts.bars();
        double[] kept = WaitForAsyncUtils.asyncFx(() -> charts.ladder().getData().get(0).getData().stream()
                .mapToDouble(d -> (Double) d.getExtraValue()).toArray()).get();
        assertArrayEquals(lambda, kept, "each bar keeps its signed eigenvalue");
        for (int k = 1; k < lambda.length; k++) {
            assertEquals(Math.log10(Math.abs(lambda[k] / lambda[0])), heights[k] - heights[0], 1e-9, "log bar " + (k + 1));
            assertTrue(heights[k] >= 0, "log bars rise from the bottom");
        }
    }
}
