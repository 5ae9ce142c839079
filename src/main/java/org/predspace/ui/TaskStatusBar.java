package org.predspace.ui;

import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.controlsfx.control.StatusBar;

import java.util.List;

/**
 * The bottom bar: what the picture holds on the left, and every background task (opening
 * runs, spectra, comparisons) on the right with its progress and a cancel button.
 */
final class TaskStatusBar extends StatusBar {
    private final HBox tasks = new HBox(12);

    TaskStatusBar(ExplorerModel model) {
        getStyleClass().add("task-status-bar");
        setText("Ready");
        tasks.setAlignment(Pos.CENTER_RIGHT);
        getRightItems().add(tasks);
        model.tasks().running().addListener((ListChangeListener<Task<?>>) c -> rebuild(model));
        rebuild(model);   // tasks started before the window was built (opening the first runs)
    }

    /** More tasks than this (e.g. opening a folder of 28 runs) are summed up in one line. */
    static final int CHIPS = 3;

    private void rebuild(ExplorerModel model) {
        tasks.getChildren().clear();
        List<Task<?>> running = model.tasks().running();
        if (running.size() > CHIPS) {
            Label more = new Label("+ " + (running.size() - CHIPS) + " more tasks");
            Button cancelAll = new Button("Cancel all");
            cancelAll.setTooltip(new Tooltip("Cancel every background task"));
            cancelAll.setOnAction(e -> List.copyOf(running).forEach(Task::cancel));
            tasks.getChildren().addAll(more, cancelAll);
        }
        for (Task<?> t : running.subList(0, Math.min(CHIPS, running.size()))) {
            Label title = new Label();
            title.textProperty().bind(t.titleProperty());
            ProgressBar bar = new ProgressBar();
            bar.setPrefWidth(110);
            bar.progressProperty().bind(t.progressProperty());
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(t.messageProperty());
            bar.setTooltip(tip);
            Button cancel = new Button("✕");
            cancel.getStyleClass().add("task-cancel");
            cancel.setTooltip(new Tooltip("Cancel this task"));
            cancel.setOnAction(e -> t.cancel());
            HBox chip = new HBox(6, title, bar, cancel);
            chip.setAlignment(Pos.CENTER_LEFT);
            chip.getStyleClass().add("task-chip");
            tasks.getChildren().add(chip);
        }
    }
}
