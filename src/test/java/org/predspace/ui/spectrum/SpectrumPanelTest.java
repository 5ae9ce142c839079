package org.predspace.ui.spectrum;

import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Run;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.TestRuns;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.SpectralDensity;
import org.predspace.spectra.SpectrumKind;
import org.predspace.spectra.SpectrumRequest;
import org.predspace.spectra.SpectrumTask;
import org.predspace.ui.CameraPose;
import org.predspace.ui.Colouring;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.PanelOption;
import org.predspace.ui.chapters.Chapter;
import org.predspace.ui.chapters.ChapterStage;
import org.predspace.ui.chapters.ChapterTour;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Drives the real panel in a window (run under xvfb-run) against small real iris runs. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SpectrumPanelTest {
    @TempDir static Path tmp;
    static Path linear, mlp;
    static final DatasetCatalog CATALOG = new DatasetCatalog();

    ExplorerModel model;
    SpectrumPanel panel;

    @BeforeAll
    static void trainIris() {
        List<Path> dirs = TestRuns.trainIris(tmp.resolve("iris"), "linear", "mlp");
        linear = dirs.get(0);
        mlp = dirs.get(1);
    }

    @Start
    void start(Stage stage) {
        model = new ExplorerModel(ExplorerSession.withDefaults(), CATALOG, tmp.resolve("out"));
        panel = new SpectrumPanel(model);
        stage.setScene(new Scene(panel, 1100, 800));
        stage.show();
    }

    @AfterEach
    void shutdown() { model.shutdown(); }

    @Test
    void selectingACheckpointPlotsItsFisherEigenvaluesOnTheLogAxis(FxRobot robot) throws Exception {
        open(mlp);
        CheckpointRef ref = checkpoint(mlp, 5);
        robot.interact(() -> model.selectCheckpoint(ref));
        XYChart.Series<Number, Number> series = awaitSeries("fim", 1).get(0);

        double[] expected = fisher(mlp, ref.step());
        assertEquals("iris-mlp · step " + ref.step(), onFx(series::getName));
        assertPlotted(expected, series);
        assertTrue(onFx(() -> model.tasks().running().isEmpty()));
        assertTrue(onFx(() -> model.problems().isEmpty()), () -> model.problems().toString());
    }

    @Test
    void aPinnedCheckpointStaysOverlaidWhenAnotherIsSelected(FxRobot robot) throws Exception {
        open(mlp, linear);
        CheckpointRef first = checkpoint(mlp, 9);
        CheckpointRef second = checkpoint(linear, 3);
        robot.interact(() -> model.selectCheckpoint(first));
        awaitSeries("fim", 1);
        robot.clickOn("#spectrum-pin");
        assertEquals(List.of(first), onFx(() -> List.copyOf(model.pinned())));
        robot.interact(() -> model.selectCheckpoint(second));
        List<XYChart.Series<Number, Number>> both = awaitSeries("fim", 2);

        assertEquals(List.of("iris-mlp · step " + first.step() + " · pinned", "iris-linear · step " + second.step()),
                onFx(() -> both.stream().map(XYChart.Series::getName).toList()));
        assertPlotted(fisher(linear, second.step()), both.get(1));
        String colourOfLinear = SeriesStyle.hex(onFx(() -> model.run("iris-linear").colour()));
        assertTrue(onFx(() -> both.get(1).getNode().getStyle()).contains(colourOfLinear), "drawn in its run's colour");
        assertEquals(2, onFx(() -> robot.lookup("#spectrum-legend").queryAs(SpectrumLegend.class).getChildren().size()));

        robot.clickOn("#spectrum-clear");
        assertEquals(1, awaitSeries("fim", 1).size());
    }

    @Test
    void goingBackToAComputedCheckpointIsInstantAndAStaleResultNeverTakesTheNewLabel(FxRobot robot) throws Exception {
        open(mlp);
        CheckpointRef a = checkpoint(mlp, 2);
        CheckpointRef b = checkpoint(mlp, 7);
        // a is asked for, then b at once: a's computation is cancelled or ends in the cache
        robot.interact(() -> {
            model.selectCheckpoint(a);
            model.selectCheckpoint(b);
        });
        XYChart.Series<Number, Number> shown = awaitSeries("fim", 1).get(0);
        assertEquals("iris-mlp · step " + b.step(), onFx(shown::getName));
        assertPlotted(fisher(mlp, b.step()), shown);

        robot.interact(() -> model.selectCheckpoint(a));
        awaitSeries("fim", 1);
        robot.interact(() -> model.selectCheckpoint(b));
        // no waiting: the cached result is drawn in the same pulse, and nothing is computed again
        List<XYChart.Series<Number, Number>> again = onFx(() -> List.copyOf(chart("fim").getData()));
        assertEquals(1, again.size());
        assertEquals("iris-mlp · step " + b.step(), onFx(again.get(0)::getName));
        assertTrue(onFx(() -> model.tasks().running().isEmpty()));
    }

    @Test
    void aStepWithoutParametersUsesTheNearestEarlierSnapshotAndSaysSo(FxRobot robot) throws Exception {
        Path copy = copyRun(mlp, tmp.resolve("sparse"));
        CheckpointRef ref = checkpoint(copy, 6);
        long earlier = Run.open(copy).steps()[5];
        Files.delete(copy.resolve("params").resolve("step_" + ref.step() + ".npy"));
        open(copy);
        robot.interact(() -> model.selectCheckpoint(ref));
        XYChart.Series<Number, Number> series = awaitSeries("fim", 1).get(0);

        assertEquals("iris-mlp · step " + ref.step() + " (parameters of step " + earlier + ")", onFx(series::getName));
        assertPlotted(fisher(copy, earlier), series);
        assertTrue(notes().contains("step " + ref.step() + " has no parameter snapshot"), notes());
        assertTrue(notes().contains("step " + earlier + ", the nearest earlier"), notes());
    }

    @Test
    void aRunWithoutParametersShowsAPlainMessageAndReportsNoProblem(FxRobot robot) throws Exception {
        Path synthetic = TestRuns.writeSynthetic(tmp.resolve("synthetic-" + System.nanoTime()), 1, 4).get(0);
        open(synthetic);
        robot.interact(() -> model.selectCheckpoint(new CheckpointRef("run-0", 2, 20)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> notes().contains("kept no parameter snapshots"));

        assertTrue(notes().startsWith("run-0 kept no parameter snapshots"), notes());
        assertEquals(0, onFx(() -> chart("fim").getData().size()));
        assertTrue(onFx(() -> panel.lookup("#spectrum-init").isDisabled()));
        assertTrue(initTooltip().startsWith("run-0 kept no parameter snapshots"), initTooltip());
        assertTrue(onFx(() -> model.problems().isEmpty()), () -> model.problems().toString());
    }

    @Test
    void aBatchNormNetworkShowsTheSpectraCodesRefusal(FxRobot robot) throws Exception {
        Path copy = copyRun(mlp, tmp.resolve("batchnorm"));
        Path manifest = copy.resolve("run.json");
        String json = Files.readString(manifest, StandardCharsets.UTF_8);
        String withBatchNorm = json.replaceFirst("\"batch_norm\"(\\s*):(\\s*)false", "\"batch_norm\"$1:$2true");
        assertNotEquals(json, withBatchNorm, "the spec names batch_norm");
        Files.writeString(manifest, withBatchNorm);
        CheckpointRef ref = checkpoint(copy, 4);
        open(copy);
        robot.interact(() -> model.selectCheckpoint(ref));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> notes().contains("batch norm"));

        assertTrue(notes().startsWith("iris-mlp: spectra need per-sample gradients"), notes());
        assertTrue(onFx(() -> model.problems().isEmpty()), () -> model.problems().toString());
    }

    @Test
    void cancellingTheTaskStopsTheSpectrumComputationInsideIt() throws Exception {
        // the mlp's Hessian by Lanczos (P = 67843) takes many seconds: long enough to cancel midway
        SpectrumKey key = new SpectrumKey("iris-mlp", checkpoint(mlp, 3).step(), SpectrumKind.HESSIAN, 60, 50);
        SpectrumComputation task = new SpectrumComputation(key, mlp, CATALOG);
        Thread worker = new Thread(task, "cancel-test");
        worker.start();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(task::getProgress) > 0);
        long t0 = System.nanoTime();
        assertTrue(onFx(() -> task.cancel()));
        worker.join(10_000);
        assertFalse(worker.isAlive(), "the computation went on after its task was cancelled");
        assertTrue((System.nanoTime() - t0) / 1e9 < 10);
    }

    @Test
    void dividedByTheLargestEverySpectrumStartsAtOneAndTheAxisSaysSo(FxRobot robot) throws Exception {
        open(mlp);
        CheckpointRef ref = checkpoint(mlp, 5);
        robot.interact(() -> model.selectCheckpoint(ref));
        XYChart.Series<Number, Number> raw = awaitSeries("fim", 1).get(0);
        double[] expected = fisher(mlp, ref.step());
        assertEquals(Math.log10(expected[0]), onFx(() -> raw.getData().get(0).getYValue().doubleValue()), 1e-12);
        assertEquals("Fisher λ", onFx(() -> chart("fim").getYAxis().getLabel()));

        robot.clickOn("#spectrum-normalised");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> chart("fim").getYAxis().getLabel()).equals("Fisher λ / λmax"));
        XYChart.Series<Number, Number> normalised = awaitSeries("fim", 1).get(0);
        List<XYChart.Data<Number, Number>> points = onFx(() -> List.copyOf(normalised.getData()));
        assertEquals(1.0, Math.pow(10, points.get(0).getYValue().doubleValue()), 0.0, "the largest is exactly 1");
        for (int i = 0; i < points.size(); i++) {
            double plotted = Math.pow(10, points.get(i).getYValue().doubleValue());
            assertEquals(expected[i] / expected[0], plotted, 1e-9 * expected[i] / expected[0], "eigenvalue " + (i + 1));
        }
    }

    @Test
    void theHistogramCountsEachEigenvalueAboveTheFloorOnceInItsQuarterDecade(FxRobot robot) throws Exception {
        open(mlp);
        CheckpointRef ref = checkpoint(mlp, 8);
        robot.interact(() -> model.selectCheckpoint(ref));
        awaitSeries("fim", 1);
        robot.clickOn("#spectrum-plot");
        robot.clickOn("histogram of log10");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> chart("fim").getYAxis().getLabel()).contains("count per"));
        assertEquals("Fisher λ\ncount per ¼ decade", onFx(() -> chart("fim").getYAxis().getLabel()));
        List<XYChart.Data<Number, Number>> outline = onFx(() -> List.copyOf(awaitSeries("fim", 1).get(0).getData()));

        // counted here without the panel's code: every eigenvalue above the floor, in (edge, edge + 1/4]
        double[] eigenvalues = fisher(mlp, ref.step());
        double floor = 1e-12 * eigenvalues[0];
        int bins = (outline.size() - 2) / 2;
        long total = 0;
        for (int i = 0; i < bins; i++) {
            double from = outline.get(1 + 2 * i).getXValue().doubleValue();
            double to = outline.get(2 + 2 * i).getXValue().doubleValue();
            assertEquals(0.25, to - from, 1e-12);
            long inBin = Arrays.stream(eigenvalues).filter(v -> v > floor)
                    .filter(v -> Math.log10(v) > from && Math.log10(v) <= to).count();
            assertEquals(inBin, outline.get(1 + 2 * i).getYValue().intValue(), "bin " + from + ".." + to);
            assertEquals(inBin, outline.get(2 + 2 * i).getYValue().intValue());
            total += inBin;
        }
        long aboveFloor = Arrays.stream(eigenvalues).filter(v -> v > floor).count();
        assertEquals(aboveFloor, total, "the histogram holds every eigenvalue above the floor");
        assertTrue(bins > 20, "a spectrum over several decades: " + bins + " bins");
    }

    @Test
    void theEmpiricalFisherIsSelectableAndComputedFromLabelRowsOnly(FxRobot robot) throws Exception {
        open(mlp);
        CheckpointRef ref = checkpoint(mlp, 6);
        robot.interact(() -> model.selectCheckpoint(ref));
        robot.clickOn("#spectrum-kind-efim");
        XYChart.Series<Number, Number> series = awaitSeries("efim", 1).get(0);

        double[] expected = spectrum(mlp, ref.step(), SpectrumKind.EFIM);
        assertEquals(60, expected.length, "one eigenvalue per sample (the probe has 60), not per sample and class");
        assertPlotted(expected, series);
        assertEquals("empirical Fisher\nλ", onFx(() -> chart("efim").getYAxis().getLabel()));
        assertNotEquals(fisher(mlp, ref.step())[0], expected[0], "not the true Fisher");
    }

    @Test
    void theDensityIsACurveOverLog10EigenvalueNamingItsSmoothing(FxRobot robot) throws Exception {
        open(linear);
        CheckpointRef ref = checkpoint(linear, 9);
        robot.interact(() -> model.selectCheckpoint(ref));
        robot.clickOn("#spectrum-kind-density");
        XYChart.Series<Number, Number> series = awaitSeries("density", 1).get(0);
        List<XYChart.Data<Number, Number>> curve = onFx(() -> List.copyOf(series.getData()));

        assertTrue(onFx(() -> chart("density").getXAxis().getLabel()).endsWith("Gaussian σ = 0.1 decade"));
        // its area (trapezoids) is the quadrature weight of the nodes above the floor, from the spectra code directly
        SpectralDensity.Density d = new SpectrumTask(RunCheckpoint.open(Run.open(linear), ref.step(), CATALOG),
                SpectrumRequest.of(SpectrumKind.DENSITY).withSamples(SpectrumPanel.DEFAULT_SAMPLES), (f, s) -> {}).call().density();
        double largest = Arrays.stream(d.nodes()).max().orElseThrow();
        double drawn = 0;
        for (int j = 0; j < d.nodes().length; j++) if (d.nodes()[j] > 1e-8 * largest) drawn += d.weights()[j];
        double area = 0;
        for (int g = 1; g < curve.size(); g++) {
            area += 0.5 * (curve.get(g).getYValue().doubleValue() + curve.get(g - 1).getYValue().doubleValue())
                    * (curve.get(g).getXValue().doubleValue() - curve.get(g - 1).getXValue().doubleValue());
        }
        assertTrue(drawn > 0.3, "softmax regression's Hessian has rank 10 of 15: " + drawn);
        assertEquals(drawn, area, 3e-3 * drawn);
        // the largest node sits at log10 of itself
        double peakX = curve.stream().max(Comparator.comparingDouble(p -> p.getYValue().doubleValue())).orElseThrow()
                .getXValue().doubleValue();
        assertTrue(peakX <= Math.log10(largest) + 0.05, "peak at " + peakX + ", largest node " + Math.log10(largest));
    }

    @Test
    void oneClickOverlaysTheInitialisationAndTheSelectedCheckpoint(FxRobot robot) throws Exception {
        open(mlp);
        assertEquals(0, Run.open(mlp).steps()[0], "the run saved its initialisation");
        CheckpointRef ref = checkpoint(mlp, 7);
        robot.interact(() -> model.selectCheckpoint(ref));
        awaitSeries("fim", 1);
        assertFalse(onFx(() -> panel.lookup("#spectrum-init").isDisabled()));

        robot.clickOn("#spectrum-init");
        List<XYChart.Series<Number, Number>> both = awaitSeries("fim", 2);
        assertEquals(List.of("iris-mlp · step 0 · initialisation · pinned", "iris-mlp · step " + ref.step()),
                onFx(() -> both.stream().map(XYChart.Series::getName).toList()));
        assertPlotted(fisher(mlp, 0), both.get(0));
        assertPlotted(fisher(mlp, ref.step()), both.get(1));
        assertEquals(2, onFx(() -> robot.lookup("#spectrum-legend").queryAs(SpectrumLegend.class).getChildren().size()));

        // on the first snapshot itself there is nothing to compare: disabled, and the box around it says why
        CheckpointRef initial = checkpoint(mlp, 0);
        robot.interact(() -> model.selectCheckpoint(initial));
        assertTrue(onFx(() -> panel.lookup("#spectrum-init").isDisabled()));
        assertTrue(initTooltip().contains("select a later checkpoint"), initTooltip());
    }

    @Test
    void theNormalisedBoxAndTheModelsPanelModesFollowEachOther(FxRobot robot) throws Exception {
        var mode = PanelOption.SPECTRUM_NORMALISED;
        var box = onFx(() -> (CheckBox) panel.lookup("#spectrum-normalised"));
        robot.clickOn("#spectrum-normalised");
        assertTrue(onFx(() -> model.panelModes().contains(mode)), "ticked by hand, the mode is in the set a chapter captures");
        WaitForAsyncUtils.asyncFx(() -> model.setPanelModes(Set.of())).get();
        assertFalse(onFx(box::isSelected), "a chapter without the mode shows raw eigenvalues");
        WaitForAsyncUtils.asyncFx(() -> model.setPanelMode(mode, true)).get();
        assertTrue(onFx(box::isSelected), "a chapter with the mode divides by the largest");
    }

    @Test
    void aChapterAskingForTheInitialisationOverlaysItOnItsSelectedCheckpoint(FxRobot robot) throws Exception {
        open(mlp);
        CheckpointRef ref = checkpoint(mlp, 7);
        var chapter = new Chapter("Sloppy", "", "", CameraPose.DEFAULT,
                Colouring.RUN, ExplorerSession.Probe.TRAINING, new int[] {0, 1, 2}, Long.MAX_VALUE, true,
                List.of(), List.of("Spectrum"), Set.of(PanelOption.SPECTRUM_INITIALISATION),
                ref, false);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> model.run("iris-mlp").state().metrics().size() > 7));
        robot.interact(() -> {
            model.setChapters(List.of(chapter));
            new ChapterTour(model, new StillStage()).show(0);
        });
        assertEquals(List.of(checkpoint(mlp, 0)), onFx(() -> List.copyOf(model.pinned())), "the initialisation is pinned");
        assertEquals(ref, onFx(model::selectedCheckpoint));
        List<XYChart.Series<Number, Number>> both = awaitSeries("fim", 2);
        assertEquals(List.of("iris-mlp · step 0 · initialisation · pinned", "iris-mlp · step " + ref.step()),
                onFx(() -> both.stream().map(XYChart.Series::getName).toList()));
        robot.clickOn("#spectrum-clear");
        assertFalse(onFx(() -> model.panelModes().contains(PanelOption.SPECTRUM_INITIALISATION)),
                "cleared pins are no longer the mode a chapter would capture");
    }

    /** A window that does nothing for a chapter (this test has only the panel). */
    private static final class StillStage implements ChapterStage {
        public void glideTo(CameraPose pose) {}
        public String panel() { return null; }
        public void showPanels(List<String> panels) {}
        public void play(boolean fromStart) {}
    }

    @Test
    void withOnlyARunSelectedTheButtonComparesItsLastSnapshot(FxRobot robot) throws Exception {
        open(linear);
        assertTrue(onFx(() -> panel.lookup("#spectrum-init").isDisabled()), "nothing selected");
        assertTrue(initTooltip().startsWith("Select a checkpoint (or a run)"), initTooltip());
        robot.interact(() -> model.selectRun(model.run("iris-linear")));
        // enabled once the opened run's checkpoints have arrived
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !onFx(() -> panel.lookup("#spectrum-init").isDisabled()));
        robot.clickOn("#spectrum-init");
        long[] steps = Run.open(linear).steps();
        List<XYChart.Series<Number, Number>> both = awaitSeries("fim", 2);
        assertEquals(List.of("iris-linear · step 0 · initialisation · pinned", "iris-linear · step " + steps[steps.length - 1]),
                onFx(() -> both.stream().map(XYChart.Series::getName).toList()));
        assertEquals(steps[steps.length - 1], onFx(() -> model.selectedCheckpoint().step()));
    }

    // ---- helpers ------------------------------------------------------------------------

    private void open(Path... dirs) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(List.of(dirs))).get();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> model.runs().size()) == dirs.length);
    }

    private static CheckpointRef checkpoint(Path dir, int index) throws Exception {
        Run run = Run.open(dir);
        return new CheckpointRef(run.name(), index, run.steps()[index]);
    }

    /** The true Fisher eigenvalues computed here, without the panel, for the panel's default n. */
    private static double[] fisher(Path dir, long step) throws Exception { return spectrum(dir, step, SpectrumKind.FIM); }

    private static double[] spectrum(Path dir, long step, SpectrumKind kind) throws Exception {
        RunCheckpoint checkpoint = RunCheckpoint.open(Run.open(dir), step, CATALOG);
        SpectrumRequest request = SpectrumRequest.of(kind).withSamples(SpectrumPanel.DEFAULT_SAMPLES);
        return new SpectrumTask(checkpoint, request, (f, s) -> {}).call().spectrum().eigenvalues();
    }

    private String initTooltip() throws Exception {
        return onFx(() -> {
            Object tip = panel.lookup("#spectrum-init-box").getProperties().get("javafx.scene.control.Tooltip");
            return tip == null ? "" : ((Tooltip) tip).getText();
        });
    }

    /** Every eigenvalue above the numerical floor is drawn at its rank, as log10, to 1e-9 relative. */
    private static void assertPlotted(double[] expected, XYChart.Series<Number, Number> series) throws Exception {
        List<XYChart.Data<Number, Number>> points = onFx(() -> List.copyOf(series.getData()));
        long aboveFloor = Stream.of(expected).flatMapToDouble(Arrays::stream).filter(v -> v > 1e-12 * expected[0]).count();
        // the linear net has P = 15 and a Fisher of rank (C - 1)(d + 1) = 10; the mlp has far more
        assertTrue(aboveFloor >= 10, "a spectrum worth the name: " + aboveFloor);
        assertEquals(aboveFloor, points.size());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(i + 1, points.get(i).getXValue().intValue());
            double plotted = Math.pow(10, points.get(i).getYValue().doubleValue());
            assertEquals(expected[i], plotted, 1e-9 * expected[i], "eigenvalue " + (i + 1));
        }
    }

    private List<XYChart.Series<Number, Number>> awaitSeries(String kind, int count) throws Exception {
        WaitForAsyncUtils.waitFor(25, TimeUnit.SECONDS, () -> onFx(() -> chart(kind).getData().size() == count
                && chart(kind).getData().stream().allMatch(s -> !s.getData().isEmpty())));
        return onFx(() -> List.copyOf(chart(kind).getData()));
    }

    @SuppressWarnings("unchecked")
    private LineChart<Number, Number> chart(String kind) {
        return (LineChart<Number, Number>) panel.lookup("#spectrum-chart-" + kind);
    }

    private String notes() throws Exception {
        return onFx(() -> String.join("\n", ((Parent) panel.lookup("#spectrum-notes")).getChildrenUnmodifiable().stream()
                .map(n -> ((Label) n).getText()).toList()));
    }

    private static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    private static Path copyRun(Path run, Path parent) throws IOException {
        Path target = parent.resolve(run.getFileName());
        try (Stream<Path> files = Files.walk(run)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(run.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(to); else Files.copy(p, to);
            }
        }
        return target;
    }
}
