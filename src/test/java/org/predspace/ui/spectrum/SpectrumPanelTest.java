package org.predspace.ui.spectrum;

import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Run;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.TestRuns;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.SpectrumKind;
import org.predspace.spectra.SpectrumRequest;
import org.predspace.spectra.SpectrumTask;
import org.predspace.ui.ExplorerModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Drives the real panel in a window (run under xvfb-run) against small real iris runs. */
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
    private static double[] fisher(Path dir, long step) throws Exception {
        RunCheckpoint checkpoint = RunCheckpoint.open(Run.open(dir), step, CATALOG);
        SpectrumRequest request = SpectrumRequest.of(SpectrumKind.FIM).withSamples(SpectrumPanel.DEFAULT_SAMPLES);
        return new SpectrumTask(checkpoint, request, (f, s) -> {}).call().spectrum().eigenvalues();
    }

    /** Every eigenvalue above the numerical floor is drawn at its rank, as log10, to 1e-9 relative. */
    private static void assertPlotted(double[] expected, XYChart.Series<Number, Number> series) throws Exception {
        List<XYChart.Data<Number, Number>> points = onFx(() -> List.copyOf(series.getData()));
        long aboveFloor = Stream.of(expected).flatMapToDouble(java.util.Arrays::stream).filter(v -> v > 1e-12 * expected[0]).count();
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
        return onFx(() -> String.join("\n", ((javafx.scene.Parent) panel.lookup("#spectrum-notes")).getChildrenUnmodifiable().stream()
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
