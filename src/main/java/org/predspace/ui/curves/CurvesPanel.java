package org.predspace.ui.curves;

import org.predspace.ui.charts.CssColour;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.FineTuning;
import org.predspace.session.RunState;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.NextFrame;
import org.predspace.ui.RunItem;
import org.predspace.ui.Throttle;
import org.predspace.ui.charts.ListEdits;
import org.predspace.ui.charts.LogAxis;
import org.predspace.ui.charts.LogScale;
import org.predspace.ui.charts.MarkedLineChart;
import org.predspace.ui.charts.NearestPoint;
import org.predspace.ui.figures.Figure;
import org.predspace.ui.figures.FigureSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Curves: loss and accuracy against training step (log x) for the selected run, drawn boldly
 * in its colour (solid: training probe, dashed: held-out probe), over the other visible runs
 * drawn faintly. The selected checkpoint gets a vertical marker on both charts and a ring on
 * its points; clicking near a point selects that checkpoint.
 *
 * <p>Two stacked charts rather than one with a switch: loss and accuracy tell different parts
 * of the story (loss keeps falling after accuracy saturates), a student should see both at
 * the marked step without finding a toggle, and they share the step axis so they line up.
 *
 * <p>Live runs grow their series in place, at most four times a second ({@link Throttle}).
 */
public final class CurvesPanel extends BorderPane implements FigureSource {
    /** How far from a point (pixels) a click still selects it; the selected run wins ties. */
    static final double PICK_PIXELS = 14;

    private final ExplorerModel model;
    private final ObservableList<RunItem> runs;
    private final LogScale scale = LogScale.steps();
    private final MarkedLineChart lossChart;
    private final MarkedLineChart accuracyChart;
    private final CheckBox othersShown = new CheckBox("Other visible runs");
    private final Label title = new Label();
    private final Rectangle swatch = new Rectangle(16, 16);
    private final Map<RunItem, RunCurves> curves = new LinkedHashMap<>();
    /** Runs on the charts, the selected one last (drawn on top). */
    private final List<RunCurves> shown = new ArrayList<>();
    private final Set<RunItem> grown = new LinkedHashSet<>();
    /** Runs whose loss series grew and whose accuracy series follow in the next frame. */
    private final Set<RunItem> growingAccuracy = new LinkedHashSet<>();
    private final NextFrame accuracyNext = new NextFrame(this::growAccuracy);
    private final Throttle growth = Throttle.quarterSecond(this::grow);
    /** New or removed runs reach the charts a frame after the run table (see {@link NextFrame}). */
    private final NextFrame runsChanged = new NextFrame(() -> syncRuns(true));
    /** The accuracy chart takes new or removed runs a frame after the loss chart, as it takes their growth. */
    private final NextFrame accuracySeriesNext = new NextFrame(() -> showSeries(false, true));
    private final VBox charts;

    public CurvesPanel(ExplorerModel model) {
        this.model = model;
        this.runs = model.runs();
        getStyleClass().add("curves-panel");
        getStylesheets().add(CurvesPanel.class.getResource("curves.css").toExternalForm());

        lossChart = chart("loss-chart", "loss (cross-entropy)", new NumberAxis());
        // Room above 100 so that a curve at 100% is not cut by the plot's edge, and the unlabelled top tick does not crowd out the 100 label.
        NumberAxis percent = new NumberAxis(0, 108, 20);
        percent.setAutoRanging(false);
        percent.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number v) { return v.doubleValue() > 100.5 ? "" : String.valueOf(Math.round(v.doubleValue())); }

            @Override
            public Number fromString(String s) { return Double.valueOf(s); }
        });
        accuracyChart = chart("accuracy-chart", "accuracy (%)", percent);

        othersShown.setSelected(true);
        othersShown.setTooltip(new Tooltip("Draw every visible run faintly behind the selected one"));
        othersShown.selectedProperty().addListener((o, a, b) -> showSeries());
        title.getStyleClass().add("curves-title");
        title.setTooltip(new Tooltip("The run drawn boldly; select another in the table, the 3D view or here"));
        Label key = new Label();
        key.setId("curves-key");
        key.getStyleClass().add("curves-key");
        key.setTooltip(new Tooltip("Training-probe metrics are measured on training samples, held-out ones on unseen test samples"));
        showKey(key, model.probeProperty().get());
        model.probeProperty().addListener((o, a, b) -> showKey(key, b));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        swatch.getStyleClass().add("run-swatch");
        HBox named = new HBox(8, swatch, title);
        named.setAlignment(Pos.CENTER_LEFT);
        HBox header = new HBox(16, named, key, gap, othersShown);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("curves-header");
        header.setPadding(new Insets(6, 10, 2, 10));
        setTop(header);

        charts = new VBox(lossChart, accuracyChart);
        VBox.setVgrow(lossChart, Priority.ALWAYS);
        VBox.setVgrow(accuracyChart, Priority.ALWAYS);
        setCenter(charts);

        runs.addListener((ListChangeListener<RunItem>) c -> runsChanged.request());
        model.selectedRunProperty().addListener((o, a, b) -> showSeries());
        model.selectedCheckpointProperty().addListener((o, a, b) -> showSelection());
        syncRuns(false);
    }

    private MarkedLineChart chart(String id, String yLabel, NumberAxis y) {
        LogAxis x = new LogAxis(scale);
        x.setLabel("step (log scale)");
        y.setLabel(yLabel);
        // Equal y-axis widths keep the two plots' step axes aligned, so the marker is one vertical line.
        y.setMinWidth(74);
        y.setPrefWidth(74);
        y.setForceZeroInRange(true);
        MarkedLineChart chart = new MarkedLineChart(x, y);
        chart.setId(id);
        chart.setLegendVisible(false);
        chart.setMinHeight(160);
        Tooltip.install(chart, new Tooltip("Click near a point to select that checkpoint"));
        chart.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> pick(chart, e));
        return chart;
    }

    /**
     * The curves are each run's own head on its own task's probe in every picture: in the
     * imprinted one the key says so, since the 3D points there are the imprinted predictions over
     * all classes and their progress is on the full task's geodesic.
     */
    private static void showKey(Label key, ExplorerSession.Probe probe) {
        key.setText("solid: training probe    dashed: held-out probe" + (probe == ExplorerSession.Probe.IMPRINTED
                ? "    (each run's own head on its task; the picture's progress is on the full task)" : ""));
    }

    // ---- runs and their series ----------------------------------------------------------

    /** @param spread the accuracy chart follows in the next frame (a training started); else both now */
    private void syncRuns(boolean spread) {
        Set<RunItem> now = new LinkedHashSet<>(runs);
        curves.keySet().removeIf(r -> !now.contains(r));
        for (RunItem r : now) {
            if (curves.containsKey(r)) continue;
            RunCurves rc = new RunCurves(r, scale, this::stepOffset);
            curves.put(r, rc);
            rc.catchUp(r.state());
            r.stateProperty().addListener((o, a, b) -> {
                if (!curves.containsKey(r)) return;
                if (a == null || a.phase().ended() != b.phase().ended()) {   // started or ended: not every progress step
                    markLive(rc, lossChart);
                    markLive(rc, accuracyChart);
                }
                grown.add(r);
                growth.request();
            });
            r.visibleProperty().addListener((o, a, b) -> showSeries());
            r.colourProperty().addListener((o, a, b) -> showSeries());
        }
        if (!spread) {
            showSeries();
            return;
        }
        showSeries(true, false);
        accuracySeriesNext.request();
    }

    /**
     * Appends what live runs gained since the last time; the throttle calls it at most 4 times
     * a second. The loss chart now, the accuracy chart in the next frame: each chart that
     * changes is laid out and drawn again whole (grid, axes, curves), 20-60 ms of software
     * rendering, and one chart per frame keeps frames short.
     */
    private void grow() {
        for (RunItem r : grown) {
            RunCurves rc = curves.get(r);
            if (rc != null) rc.catchUp(r.state(), false);
        }
        growingAccuracy.addAll(grown);
        grown.clear();
        showSelection(lossChart);
        accuracyNext.request();
    }

    private void growAccuracy() {
        for (RunItem r : growingAccuracy) {
            RunCurves rc = curves.get(r);
            if (rc != null) rc.catchUp(r.state(), true);
        }
        growingAccuracy.clear();
        showSelection(accuracyChart);
    }

    /** Which series are on the charts and how each is drawn; the points themselves are untouched. */
    private void showSeries() { showSeries(true, true); }

    private void showSeries(boolean loss, boolean accuracy) {
        RunItem selected = model.selectedRun();
        shown.clear();
        for (RunCurves rc : curves.values()) {
            boolean isSelected = rc.run == selected;
            if (isSelected || (rc.run.isVisible() && (selected == null || othersShown.isSelected()))) shown.add(rc);
        }
        // The selected run is added last so that it is drawn on top.
        shown.sort((a, b) -> Boolean.compare(a.run == selected, b.run == selected));
        List<MarkedLineChart> charts = new ArrayList<>(2);
        if (loss) charts.add(lossChart);
        if (accuracy) charts.add(accuracyChart);
        for (MarkedLineChart chart : charts) {
            boolean ofAccuracy = chart == accuracyChart;
            List<XYChart.Series<Number, Number>> wanted = new ArrayList<>();
            for (RunCurves rc : shown) {
                for (Metric m : Metric.values()) if (m.accuracy == ofAccuracy) wanted.add(rc.series(m));
            }
            ListEdits.reconcile(chart.getData(), wanted);
            for (RunCurves rc : shown) markLive(rc, chart);
            for (RunCurves rc : shown) {
                for (Metric m : Metric.values()) {
                    if (m.accuracy == ofAccuracy) style(rc.series(m), rc.run, m, selected);
                }
            }
        }
        swatch.setVisible(selected != null);
        if (selected != null) swatch.setFill(selected.colour());
        title.setText(selected == null ? "All visible runs (select one to highlight it)" : selected.name());
        showSelection();
    }

    /** A training run's curves stay out of the chart's cached image until it ends (see MarkedLineChart#setLive). */
    private void markLive(RunCurves rc, MarkedLineChart chart) {
        boolean training = !rc.run.state().phase().ended();
        for (Metric m : Metric.values()) {
            // only curves on the chart: a hidden run's are marked when they are shown (showSeries)
            if (m.accuracy == (chart == accuracyChart) && chart.getData().contains(rc.series(m))) chart.setLive(rc.series(m), training);
        }
    }

    private static void style(XYChart.Series<Number, Number> s, RunItem run, Metric m, RunItem selected) {
        if (s.getNode() == null) return;
        boolean emphasised = run == selected;
        boolean faint = selected != null && !emphasised;
        double width = emphasised ? 3.5 : faint ? 1.5 : 2.5;
        String style = "-fx-stroke: " + CssColour.hex(run.colour()) + "; -fx-stroke-width: " + width + ";"
                + (m.heldOut ? " -fx-stroke-dash-array: " + (emphasised ? "10 7" : "6 5") + ";" : "");
        String kind = emphasised ? "selected-curve" : faint ? "faint-curve" : "curve";
        // Only a real change: CSS applied again sets a dashed path's dash list anew, which marks
        // it changed even with equal values, and every settled curve would be rasterised again.
        if (style.equals(s.getNode().getStyle()) && s.getNode().getStyleClass().contains(kind)) return;
        s.getNode().setStyle(style);
        s.getNode().setOpacity(faint ? 0.3 : 1);
        s.getNode().getStyleClass().removeAll("selected-curve", "faint-curve", "curve");
        s.getNode().getStyleClass().add(kind);
    }


    // ---- selection: dots, rings, marker -----------------------------------------------

    private void showSelection() {
        showSelection(lossChart);
        showSelection(accuracyChart);
    }

    /** Dots on the selected run's points, rings on the selected checkpoint, the step marker: on one chart, touched only if they changed. */
    private void showSelection(MarkedLineChart chart) {
        RunItem run = model.selectedRun();
        RunCurves rc = run == null ? null : curves.get(run);
        CheckpointRef ref = model.selectedCheckpoint();
        long after = ref == null ? 0 : stepOffset(ref.run());
        Number markerX = ref == null ? null : scale.toAxis(ref.step() + after);
        boolean accuracy = chart == accuracyChart;
        List<Point2D> dots = new ArrayList<>();
        List<Point2D> rings = new ArrayList<>();
        if (rc != null) {
            chart.setDotColour(run.colour());
            for (Metric m : Metric.values()) {
                if (m.accuracy != accuracy) continue;
                var data = rc.series(m).getData();
                for (int i = 0; i < data.size(); i++) {
                    Point2D p = new Point2D(data.get(i).getXValue().doubleValue(), data.get(i).getYValue().doubleValue());
                    dots.add(p);
                    if (ref != null && ref.run().equals(run.name()) && rc.checkpointOf(m, i) == ref.checkpoint()) rings.add(p);
                }
            }
        }
        if (!chart.dotPoints().equals(dots)) chart.dotPoints().setAll(dots);
        if (!chart.ringPoints().equals(rings)) chart.ringPoints().setAll(rings);
        chart.markerXProperty().set(markerX);
        chart.markerTextProperty().set(ref == null ? "" : "step " + ref.step() + (after > 0 ? " after the parent's " + after : ""));
    }

    /** The steps a run's curve starts after: its parent's step for a fine-tuned run, so it continues the parent's curve. */
    private long stepOffset(RunState state) {
        return FineTuning.stepOffset(state, runs.stream().map(RunItem::state).toList());
    }

    private long stepOffset(String run) {
        RunItem item = model.run(run);
        return item == null ? 0 : stepOffset(item.state());
    }

    /** Selects the checkpoint whose point is nearest the click: the selected run's first, else any drawn run's. */
    private void pick(MarkedLineChart chart, MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY) return; // the secondary button opens the export menu
        Point2D click = chart.plotPoint(e.getSceneX(), e.getSceneY());
        boolean accuracy = chart == accuracyChart;
        RunItem selected = model.selectedRun();
        List<RunCurves> order = new ArrayList<>(shown);
        order.sort((a, b) -> Boolean.compare(b.run == selected, a.run == selected));
        for (RunCurves rc : order) {
            List<Point2D> pixels = new ArrayList<>();
            List<int[]> which = new ArrayList<>();
            for (Metric m : Metric.values()) {
                if (m.accuracy != accuracy) continue;
                var data = rc.series(m).getData();
                for (int i = 0; i < data.size(); i++) {
                    pixels.add(chart.toPlot(data.get(i).getXValue().doubleValue(), data.get(i).getYValue().doubleValue()));
                    which.add(new int[] {m.ordinal(), i});
                }
            }
            int hit = NearestPoint.within(pixels, click, PICK_PIXELS);
            if (hit < 0) continue;
            Metric m = Metric.values()[which.get(hit)[0]];
            int checkpoint = rc.checkpointOf(m, which.get(hit)[1]);
            long step = rc.run.state().metrics().get(checkpoint).step();
            model.selectCheckpoint(new CheckpointRef(rc.run.name(), checkpoint, step));
            e.consume();
            return;
        }
    }

    // ---- export ---------------------------------------------------------------------------

    /** Both charts, stacked as on screen. */
    @Override
    public Figure figure() { return new Figure("curves", charts); }

    @Override
    public List<Figure> charts() { return List.of(new Figure("curves-loss", lossChart), new Figure("curves-accuracy", accuracyChart)); }

    // ---- for tests ----------------------------------------------------------------------

    MarkedLineChart lossChart() { return lossChart; }

    MarkedLineChart accuracyChart() { return accuracyChart; }

    /** The series of {@code metric} for the run named {@code run}, or null if it has none. */
    XYChart.Series<Number, Number> series(String run, Metric metric) {
        for (RunCurves rc : curves.values()) if (rc.run.name().equals(run)) return rc.series(metric);
        return null;
    }

    CheckBox othersShown() { return othersShown; }
}
