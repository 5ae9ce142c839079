package org.predspace.ui.launch;

import javafx.stage.Window;
import org.predspace.training.spec.SpecForm;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.ExplorerModel;

import java.util.List;
import java.util.Optional;

/** "New run…": one training run with every setting of the engine. */
public final class NewRunDialog extends LaunchDialog {
    /** Start trains through the model. */
    public NewRunDialog(ExplorerModel model) { this(model, model::train); }

    /** Start hands the spec to {@code launcher} (tests record it instead of training). */
    public NewRunDialog(ExplorerModel model, Launcher launcher) {
        super(model, false, launcher, "New run");
        setHeaderText("Train one network; its trajectory grows in the picture as checkpoints arrive");
    }

    /** Shows the dialog and waits; the started spec, or empty when cancelled. */
    public static Optional<List<TrainingSpec>> show(ExplorerModel model, Window owner) {
        return showOver(new NewRunDialog(model), owner);
    }

    @Override
    protected String ready(SpecForm.Result r) {
        return "Ready: " + r.specs().get(0).name();
    }
}
