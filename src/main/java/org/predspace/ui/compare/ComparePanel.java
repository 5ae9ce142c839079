package org.predspace.ui.compare;

import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.predspace.session.ExplorerSession.Probe;
import org.predspace.session.PointInfo;
import org.predspace.session.RunState;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.RunItem;
import org.predspace.ui.Throttle;
import org.predspace.ui.charts.LogAxis;
import org.predspace.ui.charts.LogScale;
import org.predspace.export.CsvTable;
import org.predspace.export.DistanceMatrixCsv;
import org.predspace.ui.export.Figure;
import org.predspace.ui.export.FigureSource;
import org.predspace.ui.export.TableSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compare: how the visible runs' trajectories differ. Left, the heatmap of pairwise trajectory
 * distances with its complete-linkage dendrogram (as the {@code compare} command computes
 * them); right, progress against step and distance to the geodesic against progress, from the
 * current picture. Clicking a run anywhere here selects it in the model, so everywhere.
 *
 * <p>Distances are recomputed in the background when the visible runs, their checkpoints or
 * the probe change, at most once per {@link #RECOMPUTE_INTERVAL} (runs gain checkpoints fast
 * while training); a result for another set of runs than the one now visible is dropped.
 */
public final class ComparePanel extends BorderPane implements FigureSource, TableSource {
    static final Duration RECOMPUTE_INTERVAL = Duration.seconds(2);
    static final Duration CHART_INTERVAL = Duration.millis(400);

    private final ExplorerModel model;
    private final TrajectoryDistances distances = new TrajectoryDistances();
    private final DistanceHeatmap heatmap;
    private final RunCurveChart progressCurves;
    private final RunCurveChart geodesicCurves;
    private final Label status = new Label();
    private final Label placeholder = new Label();
    private final RecomputeSchedule recompute;
    private final Throttle charts;
    private final LogScale steps = LogScale.steps();
    private final SplitPane split = new SplitPane();
    /** The runs and probe the shown (or coming) distances are for. */
    private Request current;

    private record Request(List<String> runs, Probe probe) {}

    private final ChangeListener<Boolean> visibilityChanged = (o, was, is) -> inputsChanged();
    /** Progress events change a run's state often; only new checkpoints change what is compared. */
    private final ChangeListener<RunState> stateChanged = (o, was, is) -> {
        if (was == null || was.metrics().size() != is.metrics().size()) inputsChanged();
    };
    private final ChangeListener<Color> colourChanged = (o, was, is) -> coloursChanged();
    private final ChangeListener<Boolean> holderShown = (o, was, is) -> holderVisibilityChanged();
    /** Inputs changed while the panel was hidden. */
    private boolean chartsBehind;

    public ComparePanel(ExplorerModel model) {
        this.model = model;
        getStyleClass().add("compare-panel");
        heatmap = new DistanceHeatmap(this::colourOf, this::select);
        LogAxis stepAxis = new LogAxis(steps);
        stepAxis.setLabel("step (log scale)");
        progressCurves = new RunCurveChart("Progress from ignorance to truth, by step", stepAxis,
                new NumberAxis("progress", 0, 1, 0.2),
                "Progress of each visible run along the ignorance-to-truth geodesic, by training step."
                        + "\nClick a curve to select its run.", this::select);
        NumberAxis distanceAxis = new NumberAxis();
        distanceAxis.setLabel("distance to geodesic");
        distanceAxis.setForceZeroInRange(true);
        geodesicCurves = new RunCurveChart("Distance to the geodesic against progress",
                new NumberAxis("progress from ignorance to truth", 0, 1, 0.2), distanceAxis,
                "How far each visible run strays from the ignorance-to-truth geodesic (Bhattacharyya distance)"
                        + "\nat each progress. Click a curve to select its run.", this::select);
        recompute = new RecomputeSchedule(RECOMPUTE_INTERVAL, this::startDistances);
        charts = new Throttle(CHART_INTERVAL, this::refreshChartsIfShown);

        Button recomputeButton = new Button("Recompute");
        recomputeButton.setTooltip(new Tooltip("Read the visible runs again and recompute their trajectory distances now"));
        recomputeButton.setOnAction(e -> {
            distances.clearCache();
            recompute.now();
        });
        status.getStyleClass().add("compare-status");
        // The whole status (runs left out can make it long) in the tooltip.
        Tooltip statusTip = new Tooltip();
        statusTip.textProperty().bind(status.textProperty());
        statusTip.setWrapText(true);
        statusTip.setMaxWidth(600);
        status.setTooltip(statusTip);
        status.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(status, Priority.ALWAYS);
        ToolBar bar = new ToolBar(recomputeButton, status);
        setTop(bar);

        placeholder.getStyleClass().add("compare-placeholder");
        placeholder.setWrapText(true);
        placeholder.setTextAlignment(TextAlignment.CENTER);
        placeholder.setMaxWidth(440);
        placeholder.setPadding(new Insets(24));
        placeholder.setTooltip(new Tooltip("Show runs in the run library to compare them"));
        StackPane heatmapPane = new StackPane(heatmap, placeholder);
        VBox curves = new VBox();
        // wide: heat map left, the two charts stacked right; tall (a side tab): all three stacked,
        // so the heat map keeps a readable size in a narrow panel. By the split's own shape, so that
        // an exported figure laid out wide (a slide) is arranged wide too.
        split.widthProperty().addListener((o, a, b) -> arrange(split, heatmapPane, curves));
        split.heightProperty().addListener((o, a, b) -> arrange(split, heatmapPane, curves));
        arrange(split, heatmapPane, curves);
        setCenter(split);

        parentProperty().addListener((o, was, is) -> {
            if (was != null) was.visibleProperty().removeListener(holderShown);
            if (is != null) is.visibleProperty().addListener(holderShown);
            holderVisibilityChanged();
        });
        sceneProperty().addListener((o, was, is) -> holderVisibilityChanged());
        model.runs().forEach(this::watch);
        model.runs().addListener((ListChangeListener<RunItem>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(this::unwatch);
                c.getAddedSubList().forEach(this::watch);
            }
            inputsChanged();
        });
        model.probeProperty().addListener((o, was, is) -> inputsChanged());
        model.selectedRunProperty().addListener((o, was, is) -> showSelection(is));
        showSelection(model.selectedRun());
        showEmpty();
        inputsChanged();
    }

    // ---- what is compared ----------------------------------------------------------------

    private void watch(RunItem item) {
        item.visibleProperty().addListener(visibilityChanged);
        item.stateProperty().addListener(stateChanged);
        item.colourProperty().addListener(colourChanged);
    }

    private void unwatch(RunItem item) {
        item.visibleProperty().removeListener(visibilityChanged);
        item.stateProperty().removeListener(stateChanged);
        item.colourProperty().removeListener(colourChanged);
    }

    private void inputsChanged() {
        recompute.request();
        charts.request();
    }

    /** On screen: in a scene, and neither the panel nor its holder (a tab's content region) hidden. */
    private boolean shown() {
        return getScene() != null && isVisible() && (getParent() == null || getParent().isVisible());
    }

    /**
     * The throttle's call. The charts are redrawn only while the panel is on screen: rebuilding
     * their curves for a hidden tab (every 400 ms while runs train) cost the JavaFX thread time
     * the visible panels and the 3D view needed. They catch up at once when the tab is shown.
     * The distances are still recomputed (in the background), so an exported table is never stale.
     */
    private void refreshChartsIfShown() {
        if (shown()) refreshCharts();
        else chartsBehind = true;
    }

    private void holderVisibilityChanged() {
        if (chartsBehind && shown()) {
            chartsBehind = false;
            refreshCharts();
        }
    }

    /** Visible runs with at least two checkpoints, in the model's order. */
    private List<RunItem> comparable() {
        return model.runs().stream().filter(r -> r.isVisible() && r.state().metrics().size() >= 2).toList();
    }

    private Request request() {
        return new Request(comparable().stream().map(RunItem::name).toList(), model.probeProperty().get());
    }

    private void startDistances() {
        List<RunItem> runs = comparable();
        Request asked = request();
        current = asked;
        if (runs.size() < 2) {
            showEmpty();
            recompute.finished();
            return;
        }
        List<TrajectoryDistances.RunSource> sources = runs.stream()
                .map(r -> new TrajectoryDistances.RunSource(r.name(), r.state().dir(), r.state().metrics().size())).toList();
        status.setText("Computing the trajectory distances of " + runs.size() + " runs\u2026");
        Task<TrajectoryDistances.Result> task = model.tasks().submit("Trajectory distances of " + runs.size() + " runs",
                () -> distances.compute(sources, asked.probe()), result -> {
                    recompute.finished();
                    // Runs shown or hidden meanwhile: this result is for a set no longer asked for.
                    if (asked.equals(current) && asked.equals(request())) show(result);
                });
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_FAILED, e -> {
            recompute.finished();
            status.setText("The trajectory distances could not be computed (see the notification).");
        });
        task.addEventHandler(WorkerStateEvent.WORKER_STATE_CANCELLED, e -> recompute.finished());
    }

    private void show(TrajectoryDistances.Result result) {
        int n = result.comparison().runs().size();
        String probe = result.probe() == Probe.TRAINING ? "training probe" : "held-out probe";
        String notes = result.notes().isEmpty() ? "" : ". " + String.join("; ", result.notes()) + ".";
        if (n < 2) {
            heatmap.show(null);
            placeholder.setText("Fewer than two of the visible runs can be compared on the " + probe + notes);
            placeholder.setVisible(true);
            status.setText("");
            return;
        }
        heatmap.show(result.comparison());
        placeholder.setVisible(false);
        status.setText(n + " runs on the " + probe + ", by progress from ignorance to truth" + notes);
    }

    private void showEmpty() {
        heatmap.show(null);
        placeholder.setText("Show at least two runs with two or more checkpoints each to compare their trajectories.");
        placeholder.setVisible(true);
        status.setText("");
    }

    // ---- curves from the current picture -------------------------------------------------

    private void coloursChanged() {
        heatmap.redraw();
        charts.request();
    }

    private void refreshCharts() {
        Map<String, RunItem> visible = new LinkedHashMap<>();
        for (RunItem r : model.runs()) if (r.isVisible()) visible.put(r.name(), r);
        Map<String, List<PointInfo>> byRun = new LinkedHashMap<>();
        for (String name : visible.keySet()) byRun.put(name, new ArrayList<>());
        for (PointInfo p : model.picture().frame().points()) {
            List<PointInfo> points = p.isAnchor() ? null : byRun.get(p.run());
            if (points != null) points.add(p);
        }
        List<RunCurveChart.Curve> progress = new ArrayList<>();
        List<RunCurveChart.Curve> geodesic = new ArrayList<>();
        for (Map.Entry<String, List<PointInfo>> e : byRun.entrySet()) {
            List<PointInfo> points = e.getValue();
            if (points.isEmpty()) continue;
            points.sort(Comparator.comparingInt(PointInfo::checkpoint));
            int n = points.size();
            double[] step = new double[n];
            double[] lambda = new double[n];
            double[] distance = new double[n];
            for (int k = 0; k < n; k++) {
                step[k] = steps.toAxis(points.get(k).step());
                lambda[k] = points.get(k).progress();
                distance[k] = points.get(k).geodesicDistance();
            }
            Color colour = visible.get(e.getKey()).colour();
            progress.add(new RunCurveChart.Curve(e.getKey(), colour, step, lambda));
            geodesic.add(new RunCurveChart.Curve(e.getKey(), colour, lambda, distance));
        }
        progressCurves.show(progress);
        geodesicCurves.show(geodesic);
    }

    // ---- selection -----------------------------------------------------------------------

    private void select(String run) {
        RunItem item = model.run(run);
        if (item != null) model.chooseRun(item);
    }

    private void showSelection(RunItem run) {
        String name = run == null ? null : run.name();
        heatmap.setSelected(name);
        progressCurves.setSelected(name);
        geodesicCurves.setSelected(name);
    }

    private Color colourOf(String run) {
        RunItem item = model.run(run);
        return item == null ? Color.GRAY : item.colour();
    }

    // ---- export ---------------------------------------------------------------------------

    /** The heat map and both charts, arranged as on screen. */
    @Override
    public Figure figure() { return new Figure("compare", split); }

    @Override
    public List<Figure> charts() {
        return List.of(new Figure("trajectory-distances", heatmap), new Figure("progress-by-step", progressCurves.chart()),
                new Figure("distance-to-geodesic", geodesicCurves.chart()));
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table("Trajectory distances", "trajectory-distances", this::distanceTable,
                "fewer than two runs are compared (show at least two runs with two or more checkpoints)."));
    }

    /** The distances as the heat map draws them (its dendrogram order); null when it draws none. */
    private CsvTable distanceTable() {
        List<String> runs = heatmap.runsInOrder();
        return runs.size() < 2 ? null : DistanceMatrixCsv.of(runs, heatmap.matrixInOrder());
    }

    // ---- for tests -----------------------------------------------------------------------

    DistanceHeatmap heatmap() { return heatmap; }

    RunCurveChart progressCurves() { return progressCurves; }

    RunCurveChart geodesicCurves() { return geodesicCurves; }

    /** Distances are up to date: nothing computing, asked for or scheduled. */
    boolean settled() { return recompute.idle(); }

    private boolean wideLayout;
    private boolean arranged;

    private void arrange(SplitPane split, javafx.scene.Node heatmapPane, VBox curves) {
        boolean wide = split.getWidth() > 1.2 * split.getHeight();
        if (arranged && wide == wideLayout) return;
        arranged = true;
        wideLayout = wide;
        if (wide) {
            curves.getChildren().setAll(progressCurves.chart(), geodesicCurves.chart());
            VBox.setVgrow(progressCurves.chart(), Priority.ALWAYS);
            VBox.setVgrow(geodesicCurves.chart(), Priority.ALWAYS);
            split.setOrientation(Orientation.HORIZONTAL);
            split.getItems().setAll(heatmapPane, curves);
            split.setDividerPositions(0.55);
        } else {
            curves.getChildren().clear();
            split.setOrientation(Orientation.VERTICAL);
            split.getItems().setAll(heatmapPane, progressCurves.chart(), geodesicCurves.chart());
            split.setDividerPositions(0.42, 0.71);
        }
    }
}
