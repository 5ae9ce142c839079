package org.predspace.ui.launch;

import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Control;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.predspace.training.spec.SpecForm;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.ExplorerModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the New run and Sweep dialogs share: the form, a validation mark on each wrong field
 * (ControlsFX), a message line naming the first problem, and a Start button that is disabled
 * while anything is wrong. Start hands the specs to the {@link Launcher}; when it refuses them
 * (a name clash, an existing folder) the message is shown and the dialog stays open.
 */
public abstract class LaunchDialog extends Dialog<List<TrainingSpec>> {
    /** Style classes of the message line. */
    static final String MESSAGE_STYLE = "launch-message";
    static final String PROBLEM_STYLE = "launch-problem";

    private final SpecFormPane form;
    private final Label message = new Label();
    /** The sweep's run count, shown even while a field is wrong. */
    private final Label count = new Label();
    private final ValidationSupport validation = new ValidationSupport();
    private final ButtonType startType = new ButtonType("Start", ButtonBar.ButtonData.OK_DONE);
    /** A refusal from the launcher, shown until the form changes. */
    private String refusal;

    protected LaunchDialog(ExplorerModel model, boolean sweep, Launcher launcher, String title) {
        setTitle(title);
        setResizable(true);
        form = new SpecFormPane(sweep);
        message.getStyleClass().add(MESSAGE_STYLE);
        message.setId("launch-message");
        message.setWrapText(true);
        message.setMaxWidth(760);
        message.setTooltip(new Tooltip("What Start will do, or what to fix first"));
        VBox content = new VBox(12, form, message);
        if (sweep) {
            count.setId("sweep-count");
            count.getStyleClass().add("sweep-count");
            count.setTooltip(new Tooltip("Runs in the sweep: the product of the numbers of values listed"));
            content.getChildren().add(1, count);
        }
        content.setPadding(new Insets(8));
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(startType, ButtonType.CANCEL);
        getDialogPane().getStylesheets().add(LaunchDialog.class.getResource("launch.css").toExternalForm());

        Button start = startButton();
        start.setId("launch-start");
        start.setTooltip(new Tooltip("Start training in the background; the runs appear in the library"));
        ((Button) getDialogPane().lookupButton(ButtonType.CANCEL)).setTooltip(new Tooltip("Close without starting anything"));
        start.addEventFilter(ActionEvent.ACTION, e -> {
            try {
                launcher.start(form.result().specs());
            } catch (IllegalArgumentException ex) {
                refusal = ex.getMessage();
                showResult(form.result());
                e.consume();
            }
        });
        setResultConverter(b -> b == startType ? form.result().specs() : null);

        for (Map.Entry<SpecForm.Field, Control> c : form.controls().entrySet()) {
            SpecForm.Field f = c.getKey();
            validation.registerValidator(c.getValue(), false, (Control ctl, Object v) -> {
                String problem = form.result().problem(f).orElse(null);
                return ValidationResult.fromErrorIf(ctl, problem, problem != null);
            });
        }
        form.resultProperty().addListener((o, a, r) -> {
            refusal = null;
            showResult(r);
            validation.revalidate();
        });
        showResult(form.result());

        model.tasks().submit("Reading the data sets", () -> model.catalog().available(), form::catalogLoaded);
    }

    /** Shows {@code dialog} over {@code owner} (may be null) and waits for Start or Cancel. */
    protected static Optional<List<TrainingSpec>> showOver(LaunchDialog dialog, Window owner) {
        if (owner != null) dialog.initOwner(owner);
        return dialog.showAndWait();
    }

    private void showResult(SpecForm.Result r) {
        boolean bad = !r.valid() || refusal != null;
        message.getStyleClass().remove(PROBLEM_STYLE);
        if (bad) message.getStyleClass().add(PROBLEM_STYLE);
        count.setText(SweepDialog.runs(r.runCount()));
        message.setText(refusal != null ? refusal : !r.valid() ? r.firstProblem() : ready(r));
        startButton().setDisable(!r.valid());
    }

    /** The message line of a valid form, e.g. "12 runs, each into ...". */
    protected abstract String ready(SpecForm.Result r);

    final Button startButton() { return (Button) getDialogPane().lookupButton(startType); }

    final Label messageLine() { return message; }

    final SpecFormPane form() { return form; }
}
