package org.predspace.ui;

import javafx.scene.control.Label;
import javafx.stage.Stage;

/** Assembles the main window from its panels (one place, so the app and the tests build the same window). */
public final class ExplorerWindows {
    private ExplorerWindows() {}

    public static MainWindow build(Stage stage, ExplorerModel model) {
        MainWindow.Actions actions = new MainWindow.Actions() {
            public void openRuns() { PredSpaceApp.openChosen(model, MainWindow.chooseFolders(stage)); }
            public void newRun() { model.reportProblem("New run dialog: coming with the run library"); }
            public void sweep() { model.reportProblem("Sweep dialog: coming with the run library"); }
            public void demoSweep() { model.reportProblem("Demo sweep: coming with the run library"); }
        };
        return new MainWindow(stage, model, new Label("Runs"),
                PredSpaceApp.placeholderTabs("Curves", "Spectrum", "Compare", "Details"), actions);
    }
}
