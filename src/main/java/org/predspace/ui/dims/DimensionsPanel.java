package org.predspace.ui.dims;

import org.predspace.ui.charts.CssColour;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.charts.ColourPalette;
import org.predspace.ui.figures.Figure;
import org.predspace.ui.figures.FigureSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How low-dimensional the picture is (docs/science.md section 3): the explained stress S_k of
 * the first k InPCA axes against k, for the training-probe and the held-out picture, and the
 * signed eigenvalues lambda_k of the drawn picture as a ladder of bars (time-like axes,
 * lambda &lt; 0, red). The axes drawn in the 3D view are ringed on the curve and outlined on the
 * ladder; clicking a bar offers to draw that axis as x, y or z.
 *
 * <p>The numbers are those of the live pictures' last eigendecomposition (the axes the picture
 * keeps), read twice a second while the tab is shown, so they follow the picture as it grows.
 */
public final class DimensionsPanel extends BorderPane implements FigureSource {
    static final Color SPACE_LIKE = Color.web("#6B6B6B");
    /** The 3D view's colour for time-like axes, so the two read as one. */
    static final Color TIME_LIKE = ColourPalette.TIME_LIKE;
    private static final String[] XYZ = {"x", "y", "z"};
    private static final String TRAINING_COLOUR = "#0072B2";
    private static final String HELD_OUT_COLOUR = "#E69F00";
    private static final String IMPRINTED_COLOUR = "#009E73";

    private final ExplorerModel model;
    private final LineChart<Number, Number> stressChart;
    private final BarChart<String, Number> ladder;
    private final XYChart.Series<Number, Number> trainingStress = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> heldOutStress = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> imprintedStress = new XYChart.Series<>();
    /** Rings on the drawn picture's curve at the drawn axes. */
    private final XYChart.Series<Number, Number> drawnStress = new XYChart.Series<>();
    private final XYChart.Series<String, Number> eigenvalues = new XYChart.Series<>();
    private final ToggleButton training = new ToggleButton("Training probe");
    private final ToggleButton heldOut = new ToggleButton("Held-out probe");
    private final ToggleButton imprinted = new ToggleButton("All classes (imprinted)");
    private final Label summary = new Label();
    private final NumberAxis axesShown = new NumberAxis(0.5, 10.5, 1);
    /** From a tenth below the smallest S_1 shown to 1: S_k of real pictures differ in the second decimal. */
    private final NumberAxis share = new NumberAxis(0, 1, 0.1);
    private final NumberAxis values = new NumberAxis();
    private final CheckBox logLadder = new CheckBox("log |λ|");
    private final ContextMenu drawAs = new ContextMenu();
    private final VBox charts;
    /** What is on the charts now: redrawn only when it changes. */
    private List<Object> shown = List.of();

    public DimensionsPanel(ExplorerModel model) {
        this.model = model;
        getStyleClass().add("dimensions-panel");

        axesShown.setLabel("number of axes k");
        axesShown.setAutoRanging(false);
        axesShown.setMinorTickVisible(false);
        axesShown.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number v) {
                double x = v.doubleValue();
                return Math.abs(x - Math.rint(x)) < 1e-9 ? String.valueOf(Math.round(x)) : "";   // the half-way ends
            }

            @Override
            public Number fromString(String s) { return Double.valueOf(s); }
        });
        share.setAutoRanging(false);
        share.setLabel("explained stress S_k");
        stressChart = new LineChart<>(axesShown, share);
        stressChart.setId("dims-stress-chart");
        stressChart.setAnimated(false);
        stressChart.setLegendVisible(false);
        stressChart.setMinHeight(180);
        trainingStress.setName("training probe");
        heldOutStress.setName("held-out probe");
        imprintedStress.setName("all classes, imprinted");
        drawnStress.setName("drawn axes");
        stressChart.getData().addAll(List.of(imprintedStress, heldOutStress, trainingStress, drawnStress));

        CategoryAxis rank = new CategoryAxis();
        rank.setLabel("axis k (drawn axes named x, y, z)");
        values.setForceZeroInRange(true);
        ladder = new BarChart<>(rank, values);
        ladder.setId("dims-ladder");
        ladder.setAnimated(false);
        ladder.setLegendVisible(false);
        ladder.setBarGap(0);
        ladder.setCategoryGap(6);
        ladder.setMinHeight(180);
        eigenvalues.setName("eigenvalues");
        ladder.getData().add(eigenvalues);
        ladder.setOnMouseClicked(this::clickedLadder);

        SegmentedButton probe = new SegmentedButton(training, heldOut, imprinted);
        training.setId("dims-training");
        heldOut.setId("dims-held-out");
        imprinted.setId("dims-imprinted");
        imprinted.setTooltip(new Tooltip("Ladder and rings for the imprinted picture of all classes (switches the 3D picture too; I)"));
        imprinted.setOnAction(e -> model.showProbe(ExplorerSession.Probe.IMPRINTED));
        training.setTooltip(new Tooltip("Ladder and rings for the training-probe picture (switches the 3D picture too; H)"));
        heldOut.setTooltip(new Tooltip("Ladder and rings for the held-out picture (switches the 3D picture too; H)"));
        training.setOnAction(e -> model.showProbe(ExplorerSession.Probe.TRAINING));
        heldOut.setOnAction(e -> model.showProbe(ExplorerSession.Probe.HELD_OUT));
        summary.setId("dims-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add("dims-summary");
        logLadder.setId("dims-log");
        logLadder.setTooltip(new Tooltip("Bars of log10 |λ_k| (the colour keeps the sign): the small eigenvalues become visible"));
        logLadder.selectedProperty().addListener((o, a, b) -> {
            shown = List.of();
            update();
        });
        HBox switches = new HBox(16, probe, logLadder);
        switches.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(4, switches, summary);
        header.setPadding(new Insets(6, 10, 2, 10));
        setTop(header);

        Label curveKey = key(line(TRAINING_COLOUR, false), "training probe", line(HELD_OUT_COLOUR, true), "held-out probe");
        ((HBox) curveKey.getGraphic()).getChildren().add(new Label("all classes, imprinted", line(IMPRINTED_COLOUR, false)));
        Label ladderKey = key(new Rectangle(12, 12, SPACE_LIKE), "space-like (\u03bb > 0)", new Rectangle(12, 12, TIME_LIKE),
                "time-like (\u03bb < 0)");
        Label drawnKey = new Label("Ringed, outlined: drawn in 3D. Click a bar to draw it.");
        drawnKey.getStyleClass().add("dims-key");
        drawnKey.setWrapText(true);
        charts = new VBox(2, curveKey, stressChart, ladderKey, ladder, drawnKey);
        charts.setPadding(new Insets(0, 6, 6, 6));
        VBox.setVgrow(stressChart, Priority.ALWAYS);
        VBox.setVgrow(ladder, Priority.ALWAYS);
        setCenter(charts);
        Tooltip.install(stressChart, new Tooltip("S_k = 1 - sqrt(1 - (\u03bb_1\u00b2 + ... + \u03bb_k\u00b2) / ||W||\u00b2): "
                + "how much of the distances the first k axes reproduce"));

        model.probeProperty().addListener((o, a, b) -> update());
        for (int d = 0; d < 3; d++) model.axisProperty(d).addListener((o, a, b) -> update());
        visibleProperty().addListener((o, a, b) -> update());
        Timeline poll = new Timeline(new KeyFrame(Duration.millis(500), e -> { if (getScene() != null && isVisible()) update(); }));
        poll.setCycleCount(Animation.INDEFINITE);
        poll.play();
        update();
    }

    /** Reads both pictures and redraws what changed. */
    void update() {
        ExplorerSession.Probe drawnProbe = model.probeProperty().get();
        training.setSelected(drawnProbe == ExplorerSession.Probe.TRAINING);
        heldOut.setSelected(drawnProbe == ExplorerSession.Probe.HELD_OUT);
        imprinted.setSelected(drawnProbe == ExplorerSession.Probe.IMPRINTED);
        PictureFrame onTraining = model.session().picture(ExplorerSession.Probe.TRAINING).frame();
        PictureFrame onHeldOut = model.session().picture(ExplorerSession.Probe.HELD_OUT).frame();
        PictureFrame onImprinted = model.session().picture(ExplorerSession.Probe.IMPRINTED).frame();
        PictureFrame drawn = model.session().picture(drawnProbe).frame();
        int[] axes = model.axes();
        List<Object> now = List.of(drawnProbe, Arrays.toString(axes), Arrays.toString(onTraining.eigenvalues()),
                Arrays.toString(onHeldOut.eigenvalues()), Arrays.toString(onTraining.explainedStress()),
                Arrays.toString(onHeldOut.explainedStress()), Arrays.toString(onImprinted.explainedStress()));
        if (now.equals(shown)) return;
        shown = now;
        int k = Math.max(Math.max(onTraining.eigenvalues().length, onHeldOut.eigenvalues().length), onImprinted.eigenvalues().length);
        axesShown.setUpperBound(Math.max(3, k) + 0.5);
        double lowest = Math.min(Math.min(first(computed(onTraining, onTraining.explainedStress())),
                first(computed(onHeldOut, onHeldOut.explainedStress()))), first(computed(onImprinted, onImprinted.explainedStress())));
        share.setLowerBound(Math.max(0, Math.floor(10 * lowest - 1e-9) / 10));
        share.setTickUnit((1 - share.getLowerBound()) / 10);
        showStress(trainingStress, computed(onTraining, onTraining.explainedStress()));
        showStress(heldOutStress, computed(onHeldOut, onHeldOut.explainedStress()));
        showStress(imprintedStress, computed(onImprinted, onImprinted.explainedStress()));
        styleCurve(trainingStress, TRAINING_COLOUR, false, drawnProbe == ExplorerSession.Probe.TRAINING);
        styleCurve(heldOutStress, HELD_OUT_COLOUR, true, drawnProbe == ExplorerSession.Probe.HELD_OUT);
        styleCurve(imprintedStress, IMPRINTED_COLOUR, false, drawnProbe == ExplorerSession.Probe.IMPRINTED);
        showDrawn(computed(drawn, drawn.explainedStress()), axes);
        showLadder(computed(drawn, drawn.eigenvalues()), axes);
        summary.setText(summary(drawn, computed(drawn, drawn.explainedStress()), computed(drawn, drawn.eigenvalues()), drawnProbe, axes));
    }

    private static double first(double[] values) { return values.length == 0 ? 1 : values[0]; }

    /**
     * The values of the axes the eigendecomposition found: a picture of a few points has fewer
     * than the picture keeps, and the frame pads the rest with zeros (no stress curve falls to 0).
     */
    private static double[] computed(PictureFrame f, double[] values) {
        int k = f.embedding() == null || f.embedding().basis() == null ? 0 : f.embedding().basis().axes();
        return Arrays.copyOf(values, Math.min(k, values.length));
    }

    private static void showStress(XYChart.Series<Number, Number> series, double[] stress) {
        List<XYChart.Data<Number, Number>> data = new ArrayList<>();
        for (int k = 0; k < stress.length; k++) data.add(new XYChart.Data<>(k + 1, stress[k]));
        series.getData().setAll(data);
        for (int k = 0; k < data.size(); k++) {
            Node n = data.get(k).getNode();
            if (n != null) Tooltip.install(n, new Tooltip(String.format(Locale.ROOT, "%s: S_%d = %.3f", series.getName(), k + 1, stress[k])));
        }
    }

    private void styleCurve(XYChart.Series<Number, Number> s, String colour, boolean dashed, boolean drawn) {
        String width = drawn ? "3" : "1.5";
        if (s.getNode() != null) {
            s.getNode().setStyle("-fx-stroke: " + colour + "; -fx-stroke-width: " + width + ";"
                    + (dashed ? " -fx-stroke-dash-array: 8 6;" : ""));
            s.getNode().setOpacity(drawn ? 1 : 0.55);
        }
        for (XYChart.Data<Number, Number> d : s.getData()) {
            if (d.getNode() == null) continue;
            d.getNode().setStyle("-fx-background-color: " + colour + ", white; -fx-background-radius: 5px; -fx-padding: "
                    + (drawn ? "4px" : "3px") + ";");
            d.getNode().setOpacity(drawn ? 1 : 0.55);
        }
    }

    /** Rings on the drawn picture's curve at k = each drawn axis. */
    private void showDrawn(double[] stress, int[] axes) {
        List<XYChart.Data<Number, Number>> data = new ArrayList<>();
        for (int d = 0; d < 3; d++) if (axes[d] < stress.length) data.add(new XYChart.Data<>(axes[d] + 1, stress[axes[d]]));
        drawnStress.getData().setAll(data);
        if (drawnStress.getNode() != null) drawnStress.getNode().setStyle("-fx-stroke: transparent;");
        for (XYChart.Data<Number, Number> d : data) {
            if (d.getNode() == null) continue;
            d.getNode().setStyle("-fx-background-color: transparent; -fx-border-color: #111111; -fx-border-width: 2.5px;"
                    + " -fx-border-radius: 11px; -fx-background-radius: 11px; -fx-padding: 9px;");
            d.getNode().setMouseTransparent(true);
            d.getNode().getStyleClass().add("drawn-axis");
        }
    }

    /**
     * Bars of lambda_k, or with log |lambda| of log10 |lambda_k| above the smallest decade shown
     * (bars rise from the bottom, the colour keeps the sign). Each bar's extra value is lambda_k.
     */
    private void showLadder(double[] lambda, int[] axes) {
        boolean log = logLadder.isSelected();
        double smallest = Double.POSITIVE_INFINITY, largest = 0;
        for (double l : lambda) {
            if (l != 0) smallest = Math.min(smallest, Math.abs(l));
            largest = Math.max(largest, Math.abs(l));
        }
        double base = Double.isFinite(smallest) ? Math.floor(Math.log10(smallest)) : 0;
        List<XYChart.Data<String, Number>> data = new ArrayList<>();
        for (int k = 0; k < lambda.length; k++) {
            double height = !log ? lambda[k] : lambda[k] == 0 ? 0 : Math.log10(Math.abs(lambda[k])) - base;
            data.add(new XYChart.Data<>(category(k, axes), height, lambda[k]));
        }
        if (log) {
            values.setLabel("|\u03bb_k| (log scale)");
            values.setAutoRanging(false);
            values.setLowerBound(0);
            values.setUpperBound(largest > 0 ? Math.max(1, Math.ceil(Math.log10(largest) - base)) : 1);
            values.setTickUnit(1);
            values.setTickLabelFormatter(new StringConverter<>() {
                @Override
                public String toString(Number v) { return String.format(Locale.ROOT, "%.3g", Math.pow(10, v.doubleValue() + base)); }

                @Override
                public Number fromString(String s) { return Math.log10(Double.parseDouble(s)) - base; }
            });
        } else {
            values.setLabel("eigenvalue \u03bb_k");
            values.setAutoRanging(true);
            values.setTickLabelFormatter(new NumberAxis.DefaultFormatter(values));
        }
        eigenvalues.getData().setAll(data);
        for (int k = 0; k < data.size(); k++) {
            Node bar = data.get(k).getNode();
            if (bar == null) continue;
            boolean timeLike = lambda[k] < 0;
            boolean isDrawn = drawnAs(k, axes) != null;
            bar.setStyle("-fx-background-color: " + CssColour.hex(timeLike ? TIME_LIKE : SPACE_LIKE) + ";"
                    + (isDrawn ? " -fx-border-color: #111111; -fx-border-width: 2px; -fx-border-insets: -3px;" : ""));
            bar.getStyleClass().removeAll("time-like", "space-like", "drawn-axis");
            bar.getStyleClass().add(timeLike ? "time-like" : "space-like");
            if (isDrawn) bar.getStyleClass().add("drawn-axis");
            Tooltip.install(bar, new Tooltip(String.format(Locale.ROOT, "\u03bb_%d = %.4g%s%s", k + 1, lambda[k],
                    timeLike ? " (time-like)" : "", isDrawn ? "; drawn as " + drawnAs(k, axes) : "; click to draw it")));
        }
    }

    /** A click anywhere in a bar's column offers it: the bars of small eigenvalues are too thin to hit. */
    private void clickedLadder(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || eigenvalues.getData().isEmpty()) return;
        CategoryAxis rank = (CategoryAxis) ladder.getXAxis();
        String category = rank.getValueForDisplay(rank.sceneToLocal(e.getSceneX(), e.getSceneY()).getX());
        for (int k = 0; k < eigenvalues.getData().size(); k++) {
            if (eigenvalues.getData().get(k).getXValue().equals(category)) {
                offerToDraw(k, ladder, e.getScreenX(), e.getScreenY());
                return;
            }
        }
    }

    /** "3" or, when drawn, "3 (z)". */
    static String category(int axis, int[] drawn) {
        String as = drawnAs(axis, drawn);
        return as == null ? String.valueOf(axis + 1) : (axis + 1) + " (" + as + ")";
    }

    /** "x", "y", "z" (joined when one axis is drawn twice), or null when not drawn. */
    static String drawnAs(int axis, int[] drawn) {
        StringBuilder s = new StringBuilder();
        for (int d = 0; d < 3; d++) if (drawn[d] == axis) s.append(s.length() == 0 ? "" : ",").append(XYZ[d]);
        return s.length() == 0 ? null : s.toString();
    }

    private void offerToDraw(int axis, Node bar, double screenX, double screenY) {
        drawAs.getItems().clear();
        for (int d = 0; d < 3; d++) {
            MenuItem item = new MenuItem("Draw axis " + (axis + 1) + " as " + XYZ[d]);
            item.setId("draw-as-" + XYZ[d]);
            int dim = d;
            item.setDisable(model.axes()[d] == axis);
            item.setOnAction(e -> model.setAxis(dim, axis));
            drawAs.getItems().add(item);
        }
        drawAs.show(bar, screenX, screenY);
    }

    private static String summary(PictureFrame drawn, double[] stress, double[] lambda, ExplorerSession.Probe probe, int[] axes) {
        String picture = probe.pictureName() + " picture";
        if (drawn.size() == 0 || stress.length == 0) return picture + ": empty. Open runs to see how many axes it needs.";
        if (stress.length < 3) {
            return String.format(Locale.ROOT, "%s, %d points with the anchors: S_%d = %.3f", picture, drawn.embedding().exactPoints(), stress.length,
                    stress[stress.length - 1]);
        }
        int timeLike = 0;
        for (double l : lambda) if (l < 0) timeLike++;
        return String.format(Locale.ROOT, "%s, %d points with the anchors: S_1, S_2, S_3 = %.3f, %.3f, %.3f; %d of the %d leading axes time-like;"
                        + " drawn: axes %d, %d, %d", picture, drawn.embedding().exactPoints(), stress[0], stress[1], stress[2],
                timeLike, lambda.length, axes[0] + 1, axes[1] + 1, axes[2] + 1);
    }

    private static Label key(Node first, String firstText, Node second, String secondText) {
        Label a = new Label(firstText, first);
        Label b = new Label(secondText, second);
        HBox both = new HBox(16, a, b);
        Label key = new Label(null, both);
        key.getStyleClass().add("dims-key");
        key.setPadding(new Insets(4, 0, 0, 8));
        return key;
    }

    private static Node line(String colour, boolean dashed) {
        Line l = new Line(0, 0, 22, 0);
        l.setStroke(Color.web(colour));
        l.setStrokeWidth(3);
        if (dashed) l.getStrokeDashArray().setAll(6.0, 4.0);
        return l;
    }


    // ---- export ---------------------------------------------------------------------------

    @Override
    public Figure figure() { return new Figure("dimensions", charts); }

    @Override
    public List<Figure> charts() { return List.of(new Figure("dimensions-stress", stressChart), new Figure("dimensions-eigenvalues", ladder)); }

    // ---- for tests ------------------------------------------------------------------------

    LineChart<Number, Number> stressChart() { return stressChart; }

    BarChart<String, Number> ladder() { return ladder; }

    Label summary() { return summary; }
}
