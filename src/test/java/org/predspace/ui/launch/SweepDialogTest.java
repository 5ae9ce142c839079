package org.predspace.ui.launch;

import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Run;
import org.predspace.session.ExplorerSession;
import org.predspace.session.TestRuns;
import org.predspace.tasks.Task;
import org.predspace.training.TrainingRun;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.SpecForm;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.library.Snapshots;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class SweepDialogTest {
    private ExplorerModel model;
    private Stage owner;
    private final List<List<TrainingSpec>> started = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), Files.createTempDirectory("sweep-dialog"));
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    /** Dialogs are windows: made and shown on the JavaFX thread. */
    private <D extends LaunchDialog> D show(FxRobot robot, Supplier<D> make) {
        List<D> made = new ArrayList<>();
        robot.interact(() -> {
            D dialog = make.get();
            dialog.initOwner(owner);
            dialog.show();
            made.add(dialog);
        });
        return made.get(0);
    }

    private static void type(FxRobot robot, String field, String text) {
        robot.doubleClickOn("#" + field).eraseText(40).write(text);
    }

    @Test
    void sweepCountsTheProductAndStartsEveryRun(FxRobot robot) {
        SweepDialog dialog = show(robot, () -> new SweepDialog(model, started::add));
        type(robot, "field-architecture", "linear,mlp");
        type(robot, "field-optimizer", "sgd,adam");
        type(robot, "field-seed", "1,2,3");
        assertEquals("12 runs", robot.lookup("#sweep-count").queryAs(Label.class).getText());
        assertFalse(dialog.startButton().isDisabled());

        robot.clickOn("#launch-start");
        assertFalse(dialog.isShowing());
        List<TrainingSpec> specs = dialog.getResult();
        assertEquals(12, specs.size());
        assertEquals(List.of(specs), started, "Start hands the same specs to the launcher");
        assertEquals(List.of(Architecture.LINEAR, Architecture.MLP), specs.stream().map(TrainingSpec::architecture).distinct().toList());
        assertEquals(List.of(1L, 2L, 3L), specs.stream().map(TrainingSpec::seed).distinct().sorted().toList());
    }

    @Test
    void badLearningRateIsNamedAndStartIsDisabled(FxRobot robot) {
        SweepDialog dialog = show(robot, () -> new SweepDialog(model, started::add));
        type(robot, "field-learning-rate", "abc");
        Label message = robot.lookup("#launch-message").queryAs(Label.class);
        assertEquals("learning rate 'abc' is not a number", message.getText());
        assertTrue(message.getStyleClass().contains(LaunchDialog.PROBLEM_STYLE));
        assertTrue(dialog.startButton().isDisabled());
        assertEquals("1 run", robot.lookup("#sweep-count").queryAs(Label.class).getText(), "the count stays shown");
        Snapshots.write(robot, dialog.getDialogPane().getScene().getRoot(), "/tmp/run-library-sweep.png");

        type(robot, "field-learning-rate", "0.1,0.01");
        assertFalse(dialog.startButton().isDisabled());
        assertEquals("2 runs", robot.lookup("#sweep-count").queryAs(Label.class).getText());
        robot.interact(dialog::close);
    }

    @Test
    void aRefusedStartIsShownAndTheDialogStaysOpen(FxRobot robot) throws Exception {
        // the real model refuses a run whose folder already exists
        NewRunDialog dialog = show(robot, () -> new NewRunDialog(model));
        type(robot, "field-name", "taken");
        Files.createDirectories(model.trainingOutput().resolve("taken"));
        robot.clickOn("#launch-start");
        assertTrue(dialog.isShowing());
        String m = robot.lookup("#launch-message").queryAs(Label.class).getText();
        assertTrue(m.startsWith("run folder ") && m.contains("already exists"), m);
        assertTrue(model.runs().isEmpty());
        robot.interact(dialog::close);
    }

    @Test
    void newRunNamesItselfFromItsValuesAndRefusesImageNetsOnTabularData(FxRobot robot) throws Exception {
        NewRunDialog dialog = show(robot, () -> new NewRunDialog(model, started::add));
        TextField name = robot.lookup("#field-name").queryAs(TextField.class);
        assertEquals("digits-mlp-adam-lr0.001-b128-s0", name.getPromptText());
        type(robot, "field-seed", "7");
        assertEquals("digits-mlp-adam-lr0.001-b128-s7", name.getPromptText());

        ChoiceBox<String> data = dialog.form().builtInData();
        @SuppressWarnings("unchecked")
        ChoiceBox<Architecture> arch = (ChoiceBox<Architecture>) dialog.form().control(SpecForm.Field.ARCHITECTURE);
        robot.interact(() -> {
            data.setValue("iris");
            arch.setValue(Architecture.LENET);
        });
        // the catalog's shapes arrive from a background task
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, dialog.startButton()::isDisabled);
        assertEquals("architecture lenet needs image data, but iris has 4 features; use linear or mlp",
                robot.lookup("#launch-message").queryAs(Label.class).getText());
        Snapshots.write(robot, dialog.getDialogPane().getScene().getRoot(), "/tmp/run-library-newrun.png");
        robot.interact(() -> arch.setValue(Architecture.MLP));
        assertFalse(dialog.startButton().isDisabled());
        robot.clickOn("#launch-start");
        assertEquals("iris-mlp-adam-lr0.001-b128-s7", started.get(0).get(0).name());
    }

    @Test
    void demoSweepOpensTheRunsOfAnEarlierStartInsteadOfTrainingThemAgain(FxRobot robot) throws Exception {
        List<TrainingSpec> demo = DemoSweep.specs();
        for (int i = 0; i < demo.size(); i++) {
            TestRuns.writeSynthetic(model.trainingOutput(), demo.get(i).name(),
                    TestRuns.PROBE, i, 4);
        }
        robot.interact(() -> DemoSweep.start(model));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.runs().size() == demo.size());
        assertTrue(model.runs().stream().noneMatch(r -> r.state().live()), "nothing trains");
        assertTrue(model.problems().isEmpty(), model.problems().toString());
    }

    // the task field and the starting run: typed or picked, checked against the data set, one sweep axis

    private static String message(FxRobot robot) { return robot.lookup("#launch-message").queryAs(Label.class).getText(); }

    @Test
    void newRunOffersTheDataSetsPresetsAndRecordsTheTaskChosen(FxRobot robot) {
        NewRunDialog dialog = show(robot, () -> new NewRunDialog(model, started::add));
        @SuppressWarnings("unchecked")
        ComboBox<String> task = robot.lookup("#field-task").queryAs(ComboBox.class);
        assertEquals(List.of("all", "random-labels", "even-odd", "low-high", "digits-0-4", "digits-5-9"), task.getItems());
        ChoiceBox<String> data = dialog.form().builtInData();
        robot.interact(() -> data.setValue("fashion"));
        assertTrue(task.getItems().containsAll(List.of("tops-footwear-other", "diverse", "similar")), task.getItems().toString());

        robot.clickOn(task.getEditor()).eraseText(10).write("diverse");
        assertFalse(dialog.startButton().isDisabled(), message(robot));
        TextField name = robot.lookup("#field-name").queryAs(TextField.class);
        assertEquals("fashion-diverse-mlp-adam-lr0.001-b128-s0", name.getPromptText(), "the default name says the task");

        robot.interact(() -> data.setValue("digits"));
        assertTrue(dialog.startButton().isDisabled(), "diverse is no task of the digits");
        assertTrue(message(robot).startsWith("unknown task 'diverse'"), message(robot));
        Snapshots.write(robot, dialog.getDialogPane().getScene().getRoot(), "/tmp/t20-tasks-newrun-task.png");

        robot.interact(() -> task.getSelectionModel().select("even-odd"));
        assertFalse(dialog.startButton().isDisabled(), message(robot));
        robot.clickOn("#launch-start");
        TrainingSpec spec = started.get(0).get(0);
        assertEquals("groups:0,2,4,6,8/1,3,5,7,9", spec.task().id());
        assertEquals("even-odd", spec.task().preset());
        assertEquals("digits-even-odd-mlp-adam-lr0.001-b128-s0", spec.name());
    }

    @Test
    void aClassTheDataSetLacksIsRefusedOnceTheCatalogIsRead(FxRobot robot) throws Exception {
        NewRunDialog dialog = show(robot, () -> new NewRunDialog(model, started::add));
        ChoiceBox<String> data = dialog.form().builtInData();
        robot.interact(() -> data.setValue("iris"));
        @SuppressWarnings("unchecked")
        ComboBox<String> task = robot.lookup("#field-task").queryAs(ComboBox.class);
        robot.clickOn(task.getEditor()).eraseText(10).write("classes:0,3");
        // iris's three classes arrive with the catalog, read in the background
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, dialog.startButton()::isDisabled);
        assertEquals("task classes:0,3: class 3 is out of range for iris (classes 0..2)", message(robot));
        robot.interact(() -> task.getEditor().setText("classes:2,0"));
        assertFalse(dialog.startButton().isDisabled(), message(robot));
        robot.interact(dialog::close);
    }

    @Test
    void sweepTakesSeveralTasksAsOneAxis(FxRobot robot) {
        SweepDialog dialog = show(robot, () -> new SweepDialog(model, started::add));
        robot.doubleClickOn("#field-seed").eraseText(10).write("1,2");
        robot.doubleClickOn("#field-task").eraseText(10).write("all; even-odd ;classes:0,1,2");
        assertEquals("6 runs", robot.lookup("#sweep-count").queryAs(Label.class).getText());
        assertFalse(dialog.startButton().isDisabled(), message(robot));
        robot.clickOn("#launch-start");
        List<TrainingSpec> specs = started.get(0);
        assertEquals(6, specs.size());
        assertEquals(List.of(Task.ALL, Task.parse("even-odd", "digits"), Task.parse("classes:0,1,2")),
                specs.stream().map(TrainingSpec::task).distinct().toList());
        assertEquals(6, specs.stream().map(TrainingSpec::name).distinct().count(), "every run has its own name");

        SweepDialog again = show(robot, () -> new SweepDialog(model, started::add));
        robot.doubleClickOn("#field-task").eraseText(10).write("even-odd; groups:0,2,4,6,8/1,3,5,7,9");
        assertTrue(again.startButton().isDisabled());
        assertEquals("task groups:0,2,4,6,8/1,3,5,7,9 is listed twice", message(robot));
        robot.interact(again::close);
    }

    /** A tiny digits run with a snapshot at every checkpoint, trained in the test. */
    private static Run parent(Path dir) throws Exception {
        TrainingSpec spec = TrainingSpec.builder("digits").task(Task.parse("even-odd", "digits")).name(dir.getFileName().toString())
                .hiddenLayers(1).width(16).epochs(1).checkpoints(4).probeSize(50).build();
        new TrainingRun(spec, new DatasetCatalog().load("digits"), dir, e -> {}).execute();
        return Run.open(dir);
    }

    @Test
    void startFromTakesARunAndAStepAndRecordsTheStepItResolves(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("task-field-parent").resolve("parent");
        long[] saved = parent(dir).parameterSteps();
        NewRunDialog dialog = show(robot, () -> new NewRunDialog(model, started::add));
        @SuppressWarnings("unchecked")
        ComboBox<String> task = robot.lookup("#field-task").queryAs(ComboBox.class);
        robot.interact(() -> task.getEditor().setText("digits-0-4"));

        robot.clickOn("#field-init-from").write(dir + "@" + (saved[1] + 1000));
        assertTrue(dialog.startButton().isDisabled());
        assertTrue(message(robot).contains("has no parameter snapshot at step " + (saved[1] + 1000)), message(robot));

        TextField start = robot.lookup("#field-init-from").queryAs(TextField.class);
        robot.interact(() -> start.setText(dir + "@" + saved[1]));
        assertFalse(dialog.startButton().isDisabled(), message(robot));
        robot.interact(() -> start.setText(dir.toString()));
        assertFalse(dialog.startButton().isDisabled(), message(robot));
        robot.clickOn("#launch-start");
        TrainingSpec spec = started.get(0).get(0);
        assertEquals(dir.toString(), spec.initFrom());
        assertEquals(saved[saved.length - 1], spec.initFromStep(), "the last snapshot, recorded");
        assertEquals("classes:0,1,2,3,4", spec.task().id());
    }
}
