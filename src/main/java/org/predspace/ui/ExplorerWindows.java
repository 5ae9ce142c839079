package org.predspace.ui;

import javafx.stage.Stage;
import org.predspace.ui.platform.GlxDrawablePin;

/** Assembles the main window from its panels (one place, so the app and the tests build the same window). */
public final class ExplorerWindows {
    private ExplorerWindows() {}

    public static MainWindow build(Stage stage, ExplorerModel model) {
        org.predspace.ui.library.RunLibraryPanel library = new org.predspace.ui.library.RunLibraryPanel(model);
        MainWindow.Actions actions = new MainWindow.Actions() {
            public void openRuns() { library.chooseAndOpen(); }
            public void newRun() { org.predspace.ui.launch.NewRunDialog.show(model, stage); }
            public void sweep() { org.predspace.ui.launch.SweepDialog.show(model, stage); }
            public void demoSweep() { org.predspace.ui.launch.DemoSweep.start(model); }
            public void openWorkspaceWindow(java.nio.file.Path workspace) { openWorkspace(model, workspace); }
        };
        java.util.List<javafx.scene.control.Tab> tabs = new java.util.ArrayList<>();
        tabs.add(tab("Curves", new org.predspace.ui.curves.CurvesPanel(model), "Loss and accuracy against step (log x)"));
        javafx.scene.control.Tab spectrum = tab("Spectrum", new org.predspace.ui.spectrum.SpectrumPanel(model),
                "Fisher, Hessian and input spectra of the selected checkpoint; pin to overlay several");
        tabs.add(spectrum);
        // a run chosen while the spectra are in front lands on a checkpoint that has parameters
        model.wantParameters(spectrum.isSelected());
        spectrum.selectedProperty().addListener((o, was, now) -> model.wantParameters(now));
        tabs.add(tab("Compare", new org.predspace.ui.compare.ComparePanel(model),
                "Pairwise trajectory distances with their dendrogram, progress against step, distance to the geodesic"));
        tabs.add(tab("Details", new org.predspace.ui.details.DetailsPanel(model), "The selected run's spec and its metrics at the selected checkpoint"));
        tabs.add(tab("Dimensions", new org.predspace.ui.dims.DimensionsPanel(model), "How many axes the picture needs: explained stress against the number of axes, and the signed eigenvalues"));
        org.predspace.ui.landscape.LandscapePanel landscape = new org.predspace.ui.landscape.LandscapePanel(model);
        javafx.scene.control.Tab landscapeTab = tab("Landscape", landscape,
                "The loss along a line through the selected checkpoint, its run's plane with the path, and the sharpness");
        tabs.add(landscapeTab);
        // last, so the tabs before keep their places; the landscape computes only while it is in front: a plane is hundreds of forward passes
        // (in front: its tab selected, or the panel lent out of its tab to show beside the picture in a chapter)
        landscape.activeProperty().bind(landscapeTab.selectedProperty().or(landscapeTab.contentProperty().isNotEqualTo(landscape)
                .and(landscape.sceneProperty().isNotNull())));
        MainWindow window = new MainWindow(stage, model, library, tabs, actions);
        window.exportMenu().getItems().add(new org.predspace.ui.figures.PictureExportAction(stage, model, window.view()).menuItem());
        org.predspace.ui.figures.Exports.install(window, model);
        GlxDrawablePin.keep(stage);   // halves the cost of a frame on Mesa's software renderers
        return window;
    }

    /**
     * A second window, with its own session, showing {@code workspace}: opened when a window
     * that already shows runs is asked to open a workspace. Its session ends with the window.
     */
    public static MainWindow openWorkspace(ExplorerModel like, java.nio.file.Path workspace) {
        Stage stage = new Stage();
        ExplorerModel model = new ExplorerModel(org.predspace.session.ExplorerSession.withDefaults(), like.catalog(),
                like.trainingOutput());
        MainWindow window = build(stage, model);
        stage.setOnHidden(e -> model.shutdown());
        stage.show();
        window.workspace().open(workspace);
        return window;
    }

    static javafx.scene.control.Tab tab(String title, javafx.scene.Node panel, String tip) {
        javafx.scene.control.Tab t = new javafx.scene.control.Tab(title, panel);
        t.setTooltip(new javafx.scene.control.Tooltip(tip));
        t.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT));
        return t;
    }
}
