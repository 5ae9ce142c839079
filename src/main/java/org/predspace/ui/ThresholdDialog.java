package org.predspace.ui;

import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.predspace.session.LearningRule;

/**
 * Asks for the train error from which a run counts as not learned. A value that is not a
 * number in (0, 1] is named under the field and OK stays disabled, so a bad value never
 * reaches the model.
 */
final class ThresholdDialog extends Dialog<LearningRule> {
    final TextField field = new TextField();
    final Label problem = new Label();

    ThresholdDialog(LearningRule current) {
        setTitle("Runs that did not learn");
        setHeaderText("A run did not learn when its final train error is at least this\n"
                + "(Mao et al. leave out runs with 0.10 or more), or when its loss diverged.");
        field.setId("learn-threshold");
        field.setText(LearningRule.figure(current.threshold()));
        field.setPrefColumnCount(8);
        problem.setId("learn-threshold-problem");
        problem.setStyle("-fx-text-fill: #c0392b;");   // a dialog has its own scene: no window stylesheet
        problem.setWrapText(true);
        problem.setMaxWidth(380);
        getDialogPane().setContent(new VBox(8, new Label("Train error threshold, in (0, 1]"), field, problem));
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        field.textProperty().addListener((o, a, b) -> check(ok));
        check(ok);
        setResultConverter(b -> b == ButtonType.OK ? LearningRule.parse(field.getText()) : null);
        setOnShown(e -> field.requestFocus());
    }

    private void check(Node ok) {
        try {
            LearningRule.parse(field.getText());
            problem.setText("");
            ok.setDisable(false);
        } catch (IllegalArgumentException e) {
            problem.setText(e.getMessage());
            ok.setDisable(true);
        }
    }
}
