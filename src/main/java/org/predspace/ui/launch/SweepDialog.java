package org.predspace.ui.launch;

import javafx.stage.Window;
import org.predspace.training.spec.SpecForm;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.ExplorerModel;

import java.util.List;
import java.util.Optional;

/**
 * "Sweep…": several values per field (comma-separated architectures, optimisers, learning
 * rates, batch sizes, seeds); their product is the sweep, counted before it starts.
 */
public final class SweepDialog extends LaunchDialog {
    public SweepDialog(ExplorerModel model) { this(model, model::train); }

    public SweepDialog(ExplorerModel model, Launcher launcher) {
        super(model, true, launcher, "Sweep");
        setHeaderText("Train every combination of the values listed (comma-separated)");
    }

    /** Shows the dialog and waits; the started specs, or empty when cancelled. */
    public static Optional<List<TrainingSpec>> show(ExplorerModel model, Window owner) {
        return showOver(new SweepDialog(model), owner);
    }

    @Override
    protected String ready(SpecForm.Result r) {
        return "Ready: " + runs(r.runCount()) + ", trained one per core at a time, each into its own folder";
    }

    static String runs(int n) { return n == 1 ? "1 run" : n + " runs"; }
}
