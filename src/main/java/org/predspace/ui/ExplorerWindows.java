package org.predspace.ui;

import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.predspace.session.ExplorerSession;
import org.predspace.ui.compare.ComparePanel;
import org.predspace.ui.curves.CurvesPanel;
import org.predspace.ui.details.DetailsPanel;
import org.predspace.ui.dims.DimensionsPanel;
import org.predspace.ui.figures.Exports;
import org.predspace.ui.figures.PictureExportAction;
import org.predspace.ui.landscape.LandscapePanel;
import org.predspace.ui.launch.DemoSweep;
import org.predspace.ui.launch.NewRunDialog;
import org.predspace.ui.launch.SweepDialog;
import org.predspace.ui.library.RunLibraryPanel;
import org.predspace.ui.platform.GlxDrawablePin;
import org.predspace.ui.spectrum.SpectrumPanel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Assembles the main window from its panels (one place, so the app and the tests build the same window). */
public final class ExplorerWindows {
    private ExplorerWindows() {}

    public static MainWindow build(Stage stage, ExplorerModel model) {
        RunLibraryPanel library = new RunLibraryPanel(model);
        MainWindow.Actions actions = new MainWindow.Actions() {
            public void openRuns() { library.chooseAndOpen(); }
            public void newRun() { NewRunDialog.show(model, stage); }
            public void sweep() { SweepDialog.show(model, stage); }
            public void demoSweep() { DemoSweep.start(model); }
            public void followFolder() { library.chooseAndFollow(); }
            public void openWorkspaceWindow(Path workspace) { openWorkspace(model, workspace); }
        };
        List<Tab> tabs = new ArrayList<>();
        tabs.add(tab("Curves", new CurvesPanel(model), "Loss and accuracy against step (log x)"));
        Tab spectrum = tab("Spectrum", new SpectrumPanel(model),
                "Fisher, Hessian and input spectra of the selected checkpoint; pin to overlay several");
        tabs.add(spectrum);
        // a run chosen while the spectra are in front lands on a checkpoint that has parameters
        model.wantParameters(spectrum.isSelected());
        spectrum.selectedProperty().addListener((o, was, now) -> model.wantParameters(now));
        tabs.add(tab("Compare", new ComparePanel(model),
                "Pairwise trajectory distances with their dendrogram, progress against step, distance to the geodesic"));
        tabs.add(tab("Details", new DetailsPanel(model), "The selected run's spec and its metrics at the selected checkpoint"));
        tabs.add(tab("Dimensions", new DimensionsPanel(model), "How many axes the picture needs: explained stress against the number of axes, and the signed eigenvalues"));
        LandscapePanel landscape = new LandscapePanel(model);
        Tab landscapeTab = tab("Landscape", landscape,
                "The loss along a line through the selected checkpoint, its run's plane with the path, and the sharpness");
        tabs.add(landscapeTab);
        // last, so the tabs before keep their places; the landscape computes only while it is in front: a plane is hundreds of forward passes
        // (in front: its tab selected, or the panel lent out of its tab to show beside the picture in a chapter)
        landscape.activeProperty().bind(landscapeTab.selectedProperty().or(landscapeTab.contentProperty().isNotEqualTo(landscape)
                .and(landscape.sceneProperty().isNotNull())));
        MainWindow window = new MainWindow(stage, model, library, tabs, actions);
        window.exportMenu().getItems().add(new PictureExportAction(stage, model, window.view()).menuItem());
        Exports.install(window, model);
        GlxDrawablePin.keep(stage);   // halves the cost of a frame on Mesa's software renderers
        return window;
    }

    /**
     * A second window, with its own session, showing {@code workspace}: opened when a window
     * that already shows runs is asked to open a workspace. Its session ends with the window.
     */
    public static MainWindow openWorkspace(ExplorerModel like, Path workspace) {
        Stage stage = new Stage();
        ExplorerModel model = new ExplorerModel(ExplorerSession.withDefaults(), like.catalog(),
                like.trainingOutput());
        MainWindow window = build(stage, model);
        stage.setOnHidden(e -> model.shutdown());
        stage.show();
        window.workspace().open(workspace);
        return window;
    }

    static Tab tab(String title, Node panel, String tip) {
        Tab t = new Tab(title, panel);
        t.setTooltip(new Tooltip(tip));
        t.setId("tab-" + title.toLowerCase(Locale.ROOT));
        return t;
    }
}
