package org.predspace.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.controlsfx.control.SegmentedButton;
import org.predspace.session.ExplorerSession;

/** The bar above the 3D view: which probe, colouring, which axes, point size, lines, reset. */
final class ViewControls extends FlowPane {
    final ToggleButton training = new ToggleButton("Training probe");
    final ToggleButton heldOut = new ToggleButton("Held-out probe");
    final ToggleButton imprinted = new ToggleButton("All classes (imprinted)");
    final ChoiceBox<Colouring> colouring = new ChoiceBox<>();
    final CheckBox trajectories = new CheckBox("Trajectories");
    final CheckBox landscape = new CheckBox("Landscape");
    final Button reset = new Button("Reset view");

    ViewControls(ExplorerModel model, Runnable resetView) {
        super(10, 6);
        getStyleClass().add("view-controls");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 10, 6, 10));

        SegmentedButton probe = new SegmentedButton(training, heldOut, imprinted);
        training.setTooltip(new Tooltip("Draw predictions on the training probe set (H switches)"));
        heldOut.setTooltip(new Tooltip("Draw predictions on the held-out (test) probe set (H switches)"));
        imprinted.setTooltip(new Tooltip("Draw the imprinted predictions over all classes of the full problem, where runs of "
                + "every task meet (I switches)"));
        imprinted.setId("probe-imprinted");
        training.setOnAction(e -> model.showProbe(ExplorerSession.Probe.TRAINING));
        heldOut.setOnAction(e -> model.showProbe(ExplorerSession.Probe.HELD_OUT));
        imprinted.setOnAction(e -> model.showProbe(ExplorerSession.Probe.IMPRINTED));
        showProbe(model.probeProperty().get());
        model.probeProperty().addListener((o, a, b) -> showProbe(b));

        colouring.getItems().setAll(Colouring.values());
        ControlBinding.bothWays(colouring.valueProperty(), model.colouringProperty(), c -> { if (c != null) model.colourBy(c); });
        colouring.setTooltip(new Tooltip("What the colour of a point shows (C cycles)"));

        HBox axes = new HBox(4, new Label("Axes"));
        axes.setAlignment(Pos.CENTER_LEFT);
        String[] names = {"x", "y", "z"};
        for (int d = 0; d < 3; d++) {
            Spinner<Integer> s = new Spinner<>();
            SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 10,
                    model.axisProperty(d).get() + 1);
            s.setValueFactory(f);
            s.setPrefWidth(68);
            s.setId("axis-" + names[d]);
            int dim = d;
            f.valueProperty().addListener((o, a, b) -> model.setAxis(dim, b - 1));
            model.axisProperty(d).addListener((o, a, b) -> f.setValue(b.intValue() + 1));
            s.setTooltip(new Tooltip("InPCA axis drawn as " + names[d] + " (1 = largest |eigenvalue|)"));
            axes.getChildren().add(s);
        }

        Slider size = new Slider(0.4, 3, model.pointSizeProperty().get());
        size.setPrefWidth(90);
        ControlBinding.bothWays(size.valueProperty(), model.pointSizeProperty(), v -> model.setPointSize(v.doubleValue()));
        size.setTooltip(new Tooltip("Point size"));

        ControlBinding.bothWays(trajectories.selectedProperty(), model.trajectoriesShownProperty(), model::showTrajectories);
        trajectories.setTooltip(new Tooltip("Draw each run's path through its checkpoints (T)"));
        landscape.setId("landscape-shown");
        ControlBinding.bothWays(landscape.selectedProperty(), model.landscapeShownProperty(), model::showLandscape);
        // nothing to show until the Landscape panel has computed a line or a plane
        // and a landscape's models are scored by the network's own head, which the imprinted picture does not draw
        landscape.disableProperty().bind(model.landscapeOverlayProperty().isNull()
                .or(model.probeProperty().isEqualTo(ExplorerSession.Probe.IMPRINTED)));
        landscape.setTooltip(new Tooltip("Draw the Landscape panel's line or plane in the picture, coloured by loss (the canyon);"
                + " in the training-probe or held-out picture"));
        reset.setOnAction(e -> resetView.run());
        reset.setTooltip(new Tooltip("Back to the default camera (R)"));

        Label colourLabel = new Label("Colour by");
        Label sizeLabel = new Label("Size");
        HBox colour = new HBox(6, colourLabel, colouring);
        colour.setAlignment(Pos.CENTER_LEFT);
        HBox sizing = new HBox(6, sizeLabel, size);
        sizing.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(probe, colour, axes, sizing, trajectories, landscape, reset);
    }

    /** One segment lit, even when a button is clicked twice (a toggle would go dark). */
    private void showProbe(ExplorerSession.Probe p) {
        training.setSelected(p == ExplorerSession.Probe.TRAINING);
        heldOut.setSelected(p == ExplorerSession.Probe.HELD_OUT);
        imprinted.setSelected(p == ExplorerSession.Probe.IMPRINTED);
    }
}
