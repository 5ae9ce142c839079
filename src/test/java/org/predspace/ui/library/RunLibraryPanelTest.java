package org.predspace.ui.library;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.session.ExplorerSession;
import org.predspace.session.RunState;
import org.predspace.session.TestRuns;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.RunItem;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.*;

@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class RunLibraryPanelTest {
    private ExplorerModel model;
    private RunLibraryPanel panel;
    private Path runs;

    @Start
    void start(Stage stage) throws Exception {
        Path tmp = Files.createTempDirectory("run-library-test");
        runs = tmp.resolve("sweep");
        TestRuns.writeSynthetic(runs, 3, 6);
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), tmp.resolve("out"));
        panel = new RunLibraryPanel(model);
        stage.setScene(new Scene(panel, 1400, 600));
        stage.show();
    }

    /** Opens the three synthetic runs through the folder-of-runs rule and waits for their rows. */
    private TableView<RunItem> openThree(FxRobot robot) throws Exception {
        robot.interact(() -> panel.open(List.of(runs)));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> panel.table().getItems().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        return panel.table();
    }

    private static Object cell(TableView<RunItem> table, String columnId, RunItem item) {
        for (TableColumn<RunItem, ?> c : table.getColumns()) {
            if (columnId.equals(c.getId())) return c.getCellData(item);
        }
        throw new AssertionError("no column " + columnId);
    }

    private static TableRow<?> row(FxRobot robot, RunItem item) {
        return robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() == item).findFirst().orElseThrow();
    }

    @Test
    void anEmptyTableMakesItsRowsBeforeTheFirstRunAndShowsNoStandIn(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        List<TableRow<?>> made = robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .<TableRow<?>>map(r -> r).toList();
        assertFalse(made.isEmpty(), "the warm-up made row cells while the table was empty");
        assertTrue(made.stream().noneMatch(r -> r.getItem() != null && !r.isEmpty()), "no row shows the stand-in");
        assertTrue(model.runs().isEmpty(), "the model never sees the stand-in");
        assertTrue(panel.table().getItems().isEmpty());
        assertTrue(robot.lookup(".placeholder").queryAll().stream().anyMatch(Node::isVisible), "the empty table's message is shown");

        openThree(robot);
        RunItem first = model.run("run-0");
        assertTrue(made.contains(row(robot, first)), "the first real run takes a row made in advance, not a new one");
    }

    @Test
    void openingAFolderOfRunsListsEachWithItsSpec(FxRobot robot) throws Exception {
        TableView<RunItem> table = openThree(robot);
        for (int i = 0; i < 3; i++) {
            RunItem item = model.run("run-" + i);
            assertEquals(i % 2 == 0 ? "mlp" : "linear", cell(table, "run-column-arch", item));
            assertEquals("all", cell(table, "run-column-task", item), "a spec without a task is on the full problem");
            assertEquals((i / 2) % 2 == 0 ? "sgd" : "adam", cell(table, "run-column-optimiser", item));
            assertEquals("Finished", item.state().phase().label());
            assertEquals(0.9 * 1.0, (Double) cell(table, "run-column-accuracy", item), 1e-6, "held-out accuracy at the last checkpoint");
        }
        // opening the same folder again adds nothing
        robot.interact(() -> panel.open(List.of(runs)));
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, model.runs().size());
        assertTrue(model.problems().isEmpty(), model.problems().toString());
        Snapshots.write(robot, panel, "/tmp/run-library-panel.png");
    }

    @Test
    void uncheckingShowHidesTheRun(FxRobot robot) throws Exception {
        openThree(robot);
        RunItem item = model.run("run-1");
        CheckBox box = (CheckBox) row(robot, item).lookup(".check-box");
        robot.clickOn(box);
        assertFalse(item.isVisible());
        assertTrue(model.run("run-0").isVisible());
        robot.clickOn("#show-all");
        assertTrue(item.isVisible());
        robot.clickOn("#hide-all");
        assertTrue(model.runs().stream().noneMatch(RunItem::isVisible));
    }

    @Test
    void clickingARowSelectsTheRunAndTheModelSelectsTheRow(FxRobot robot) throws Exception {
        TableView<RunItem> table = openThree(robot);
        RunItem two = model.run("run-2");
        Node name = row(robot, two).lookupAll(".table-cell").stream()
                .filter(c -> "run-2".equals(((TableCell<?, ?>) c).getText())).findFirst().orElseThrow();
        robot.clickOn(name);
        assertSame(two, model.selectedRun());

        RunItem zero = model.run("run-0");
        robot.interact(() -> model.selectRun(zero));
        assertSame(zero, table.getSelectionModel().getSelectedItem());
        assertSame(zero, model.selectedRun(), "following the model does not send a selection back");

        robot.interact(() -> model.selectRun(null));
        assertNull(table.getSelectionModel().getSelectedItem());
    }

    @Test
    void searchAndKindFiltersNarrowTheRows(FxRobot robot) throws Exception {
        TableView<RunItem> table = openThree(robot);
        RunItem two = model.run("run-2");
        robot.interact(() -> model.selectRun(two));
        robot.clickOn("#run-search").write("run-1");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(model.run("run-1")), List.copyOf(table.getItems()));
        assertSame(two, model.selectedRun(), "filtering a selected run out leaves the model's selection alone");
        assertNull(table.getSelectionModel().getSelectedItem());

        robot.interact(() -> robot.lookup("#run-search").queryTextInputControl().clear());
        assertEquals(3, table.getItems().size());
        assertSame(two, table.getSelectionModel().getSelectedItem(), "the selection comes back when listed again");

        @SuppressWarnings("unchecked")
        CheckComboBox<String> archs = robot.lookup("#architecture-filter").queryAs(CheckComboBox.class);
        robot.interact(() -> archs.getCheckModel().clearCheck("linear"));
        assertEquals(List.of("run-0", "run-2"), table.getItems().stream().map(RunItem::name).sorted().toList());
        @SuppressWarnings("unchecked")
        CheckComboBox<String> opts = robot.lookup("#optimizer-filter").queryAs(CheckComboBox.class);
        robot.interact(() -> opts.getCheckModel().clearCheck("sgd"));
        assertEquals(List.of("run-2"), table.getItems().stream().map(RunItem::name).toList());
    }

    @Test
    void deleteKeyHidesTheSelectedRun(FxRobot robot) throws Exception {
        openThree(robot);
        RunItem one = model.run("run-1");
        robot.interact(() -> model.selectRun(one));
        robot.clickOn(row(robot, one).lookupAll(".table-cell").stream().skip(2).findFirst().orElseThrow());
        robot.type(KeyCode.DELETE);
        assertFalse(one.isVisible());
        robot.type(KeyCode.SPACE);
        assertTrue(one.isVisible());
    }

    @Test
    void aFolderWithoutRunsIsReported(FxRobot robot) throws Exception {
        Path empty = Files.createTempDirectory("no-runs");
        robot.interact(() -> panel.open(List.of(empty)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.problems().isEmpty());
        assertTrue(model.problems().get(0).startsWith("No run in " + empty), model.problems().toString());
    }

    private static TableCell<?, ?> cellOf(FxRobot robot, RunItem item, String columnId) {
        return row(robot, item).lookupAll(".table-cell").stream().map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getTableColumn() != null && columnId.equals(c.getTableColumn().getId())).findFirst().orElseThrow();
    }

    private static TrainingSpec iris(String name, double lr, int epochs) {
        return TrainingSpec.builder("iris").architecture(Architecture.MLP).optimizer(OptimizerKind.SGD).learningRate(lr)
                .batchSize(16).epochs(epochs).checkpoints(10).probeSize(60).snapshots(SnapshotPolicy.NONE).name(name).build();
    }

    @Test
    void trainingRowsUpdateLiveCanBeCancelledAndShowDivergence(FxRobot robot) throws Exception {
        robot.interact(() -> model.train(List.of(iris("iris-long", 0.1, 5000), iris("iris-diverges", 1000, 2),
                iris("iris-short", 0.3, 4))));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> panel.table().getItems().size() == 3);
        RunItem longRun = model.run("iris-long");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> longRun.state().step() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Training", cellOf(robot, longRun, "run-column-status").getText());
        Tooltip whileTraining = cellOf(robot, longRun, "run-column-status").getTooltip();

        assertTrue(robot.lookup("#cancel-run").queryButton().isDisabled(), "nothing selected, nothing to cancel");
        robot.interact(() -> model.selectRun(longRun));
        robot.clickOn("#cancel-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> longRun.state().phase() == RunState.Phase.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Cancelled", cellOf(robot, longRun, "run-column-status").getText());
        assertSame(whileTraining, cellOf(robot, longRun, "run-column-status").getTooltip(),
                "the status cell rewrites its one tooltip rather than making a popup per update");
        assertEquals("Cancelled", whileTraining.getText().split(":")[0]);
        assertTrue(robot.lookup("#cancel-run").queryButton().isDisabled(), "a cancelled run cannot be cancelled again");
        double stoppedAt = ((ProgressBar) cellOf(robot, longRun, "run-column-progress").getGraphic()).getProgress();
        assertTrue(stoppedAt > 0 && stoppedAt < 0.5, "the bar shows where the cancelled run stopped: " + stoppedAt);

        RunItem diverges = model.run("iris-diverges");
        RunItem shortRun = model.run("iris-short");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> diverges.state().phase().ended() && shortRun.state().phase().ended());
        WaitForAsyncUtils.waitForFxEvents();
        TableCell<?, ?> status = cellOf(robot, diverges, "run-column-status");
        assertEquals("⚠ Diverged", status.getText());
        assertTrue(status.getStyleClass().contains(RunColumns.DIVERGED_STYLE));
        assertTrue(status.getTooltip().getText().startsWith("Diverged: "), status.getTooltip().getText());
        assertEquals("Finished", cellOf(robot, shortRun, "run-column-status").getText());
        assertFalse(cellOf(robot, shortRun, "run-column-status").getStyleClass().contains(RunColumns.DIVERGED_STYLE),
                "a reused cell loses the mark");
        assertTrue(cellOf(robot, shortRun, "run-column-accuracy").getText().endsWith(" %"));
        assertEquals(1.0, ((ProgressBar) cellOf(robot, shortRun, "run-column-progress").getGraphic()).getProgress());
        Snapshots.write(robot, panel, "/tmp/run-library-live.png");
    }

    /**
     * A training thread that dies of an error (thrown by a session listener on the training
     * thread, as a broken library would throw it inside the loop) shows as a failed row whose
     * tooltip gives the reason, and as a notification.
     */
    @Test
    void aTrainingThatDiesOfAnErrorShowsAFailedRowWithTheReason(FxRobot robot) throws Exception {
        AtomicBoolean thrown = new AtomicBoolean();
        model.session().addListener(new ExplorerSession.Listener() {
            public void runChanged(RunState state) {
                if (!state.metrics().isEmpty() && !state.phase().ended() && thrown.compareAndSet(false, true)) {
                    throw new AssertionError("injected at the first checkpoint");
                }
            }
            public void problem(String message) {}
        });
        robot.interact(() -> model.train(List.of(iris("iris-dies", 0.3, 4))));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.run("iris-dies") != null && model.run("iris-dies").state().phase().ended());
        WaitForAsyncUtils.waitForFxEvents();
        RunItem dies = model.run("iris-dies");
        String reason = "internal error: AssertionError: injected at the first checkpoint";
        TableCell<?, ?> status = cellOf(robot, dies, "run-column-status");
        assertEquals(RunColumns.statusText(RunState.Phase.FAILED), status.getText());
        assertTrue(status.getStyleClass().contains(RunColumns.FAILED_STYLE));
        assertEquals("Failed: " + reason, status.getTooltip().getText());
        assertEquals(List.of("iris-dies could not be trained: " + reason), WaitForAsyncUtils.asyncFx(() -> List.copyOf(model.problems())).get());
    }
}
