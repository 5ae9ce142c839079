package org.predspace.ui;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.runs.Run;
import org.predspace.session.CheckpointRef;
import org.predspace.session.TestRuns;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Clicking a run in the run table of the real window selects a checkpoint: its last, or with
 * the Spectrum tab in front the last one that kept its parameters, whose spectra the tab then
 * computes instead of asking for a checkpoint.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class RunChoiceTest {
    @TempDir static Path tmp;
    /** A real iris run whose last parameter snapshot is lost, so "last" and "last with parameters" differ. */
    static Path iris;
    static long[] steps;

    ExplorerModel model;
    MainWindow window;

    @BeforeAll
    static void trainIris() throws Exception {
        iris = TestRuns.trainIris(tmp.resolve("iris"), "linear").get(0);
        steps = Run.open(iris).steps();
        Files.delete(iris.resolve("params").resolve("step_" + steps[steps.length - 1] + ".npy"));
    }

    @Start
    void start(Stage stage) throws Exception {
        TestWindow w = TestWindow.show(stage, Files.createTempDirectory(tmp, "window"));
        model = w.model();
        window = w.window();
    }

    @AfterEach
    void stop() { model.shutdown(); }

    private static <T> T fx(Callable<T> read) throws Exception { return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS); }

    private void openAndClickRow(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(List.of(iris))).get();
        TestWindow.waitForDrawn(window, 2 + steps.length);
        RunItem run = fx(() -> model.run("iris-linear"));
        TableRow<?> row = robot.lookup("#run-table .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() == run).findFirst().orElseThrow();
        // the name cell: the row's middle may be a check box, which shows or hides the run instead
        robot.clickOn(row.lookupAll(".table-cell").stream()
                .filter(c -> "iris-linear".equals(((TableCell<?, ?>) c).getText())).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents(5);
        assertSame(run, fx(model::selectedRun));
    }

    @Test
    void aRunClickedInTheTableSelectsItsLastCheckpoint(FxRobot robot) throws Exception {
        assertEquals("Curves", fx(() -> window.panels().getSelectionModel().getSelectedItem().getText()));
        openAndClickRow(robot);
        int last = steps.length - 1;
        assertEquals(new CheckpointRef("iris-linear", last, steps[last]), fx(model::selectedCheckpoint));
    }

    @Test
    void withTheSpectrumTabInFrontItSelectsTheLastCheckpointWithParametersAndItsSpectrumIsComputed(FxRobot robot)
            throws Exception {
        robot.clickOn("#tab-spectrum .tab-label");
        assertTrue(robot.lookup("#spectrum-empty").tryQuery().isPresent(), "before: the tab asks for a checkpoint");
        openAndClickRow(robot);
        int withParameters = steps.length - 2;   // the last one's snapshot was deleted
        assertEquals(new CheckpointRef("iris-linear", withParameters, steps[withParameters]), fx(model::selectedCheckpoint));

        @SuppressWarnings("unchecked")
        LineChart<Number, Number> fisher = robot.lookup("#spectrum-chart-fim").queryAs(LineChart.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> fisher.getData().size() == 1
                && !fisher.getData().get(0).getData().isEmpty()));
        XYChart.Series<Number, Number> series = fx(() -> fisher.getData().get(0));
        // the checkpoint's own parameters: no "(parameters of step ...)" stand-in
        assertEquals("iris-linear · step " + steps[withParameters], fx(series::getName));
        assertTrue(robot.lookup("#spectrum-empty").tryQuery().isEmpty(), "the tab no longer asks for a checkpoint");
        assertTrue(fx(() -> model.problems().isEmpty()), () -> model.problems().toString());
    }
}
