package org.predspace.ui.compare;

import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.concurrent.WorkerStateEvent;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.predspace.export.CsvTable;
import org.predspace.export.DistanceCurvesCsv;
import org.predspace.export.DistanceMatrixCsv;
import org.predspace.geometry.trajectory.DistanceByProgress;
import org.predspace.geometry.trajectory.ProgressObjective;
import org.predspace.geometry.trajectory.ReindexedTrajectory;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.session.Configurations;
import org.predspace.session.ExplorerSession.Probe;
import org.predspace.session.LearningRule;
import org.predspace.session.PointInfo;
import org.predspace.session.RunState;
import org.predspace.session.SpecGroups;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.PanelModes;
import org.predspace.ui.PanelOption;
import org.predspace.ui.RunItem;
import org.predspace.ui.Throttle;
import org.predspace.ui.charts.ColourPalette;
import org.predspace.ui.charts.LogAxis;
import org.predspace.ui.charts.LogScale;
import org.predspace.ui.figures.Figure;
import org.predspace.ui.figures.FigureSource;
import org.predspace.ui.figures.TableSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compare: how the visible runs' trajectories differ. Left, the heatmap of pairwise trajectory
 * distances with its complete-linkage dendrogram (as the {@code compare} command computes
 * them); right, progress against step and distance to the geodesic against progress, from the
 * current picture. Clicking a run anywhere here selects it in the model, so everywhere.
 *
 * <p>"Configurations" shows the same comparison between configurations (runs equal but for
 * their seed) averaged over seed pairs, with the ignorance-to-truth geodesic as a leaf and the
 * runs that did not learn left out and listed, and each configuration's tube width against
 * progress in place of progress by step (docs/science.md section 5). Progress, which sets where
 * runs are compared, is [D]'s or [A]'s (the choice in the tool bar, named on the axes).
 *
 * <p>"Groups" compares groups of runs with one value of a spec field (the task by default),
 * averaged over every pair of their runs, the geodesic a leaf: on the imprinted picture, where
 * runs of every task meet, this is the task dendrogram. A third chart draws the trajectory
 * distance against progress from the selected run to the others (from its group to the other
 * groups in the Groups view): where trajectories part, which the heat map's mean hides.
 * The panel works on whichever picture the model shows ({@link TrajectoryDistances.Face}).
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
    private final RunCurveChart tubeCurves;
    private final NumberAxis tubeProgressAxis;
    private final ToggleButton runsView = new ToggleButton("Runs");
    private final ToggleButton configurationsView = new ToggleButton("Configurations");
    private final ToggleButton groupsView = new ToggleButton("Groups");
    /** The spec field the Groups view groups runs by. */
    private final ChoiceBox<String> groupBy = new ChoiceBox<>();
    /** The Groups view by task: the chapters' option compare-tasks. */
    private final BooleanBinding showsTasks;
    /** Trajectory distance against progress from the selected run (or its group) to the others. */
    private final RunCurveChart fromSelected;
    private final NumberAxis fromSelectedProgressAxis;
    private final ChoiceBox<ProgressObjective> objective = new ChoiceBox<>();
    /** Under the heat map in the configuration view: the runs left out because they did not learn. */
    private final Label leftOut = new Label();
    /** Every run left out, one a line (the label may only have room for some). */
    private final Tooltip leftOutTip = new Tooltip();
    /** Under the heat map: how well the drawn dendrogram's clusters follow the architectures (ArchitectureAgreement). */
    private final Label agreement = new Label();
    /** The last distances shown, for switching views without recomputing; null before any. */
    private Computed shown;
    /** Configuration label to its runs, for selection in the configuration view. */
    private Map<String, List<String>> configurationRuns = Map.of();
    /** Group label to its runs, for selection in the Groups view. */
    private Map<String, List<String>> groupRuns = Map.of();
    /** Group label to its colour (see groupColours). */
    private Map<String, Color> groupColours = Map.of();
    /**
     * Configuration label to its colour: the categorical palette in configuration order, so that
     * configurations differ (their first runs' colours repeat every twelve runs).
     */
    private Map<String, Color> configurationColours = Map.of();
    private final VBox heatmapPane;
    private final VBox curves = new VBox();
    private final Label status = new Label();
    private final Label placeholder = new Label();
    private final RecomputeSchedule recompute;
    private final Throttle charts;
    private final LogScale steps = LogScale.steps();
    private final SplitPane split = new SplitPane();
    /** The runs and probe the shown (or coming) distances are for. */
    private Request current;

    /** @param groupBy the field of the Groups view, null in the other views (groups cost a curve per run pair) */
    private record Request(List<String> runs, Probe probe, ProgressObjective objective, LearningRule rule, String groupBy) {}

    /** The views of one computation; groups null unless the Groups view asked for them. */
    record Computed(TrajectoryDistances.Result runs, ConfigurationComparison configurations, FieldGroups groups) {}

    /** Spec fields offered to group by; the task first, as the imprinted picture asks. */
    static final List<String> GROUP_FIELDS = List.of(SpecGroups.TASK, "architecture", "optimizer", "dataset", "learning_rate",
            "batch_size", "seed");

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
        // The picture's progress (its points' progress, as the 3D view colours them) is [D]'s.
        progressCurves = new RunCurveChart("Progress from ignorance to truth, by step", stepAxis,
                new NumberAxis(ProgressObjective.BHATTACHARYYA.axisLabel(), 0, 1, 0.2),
                "Progress of each visible run along the ignorance-to-truth geodesic, by training step."
                        + "\nClick a curve to select its run.", this::select);
        NumberAxis distanceAxis = new NumberAxis();
        distanceAxis.setLabel("distance to geodesic");
        distanceAxis.setForceZeroInRange(true);
        geodesicCurves = new RunCurveChart("Distance to the geodesic against progress",
                new NumberAxis(ProgressObjective.BHATTACHARYYA.axisLabel(), 0, 1, 0.2), distanceAxis,
                "How far each visible run strays from the ignorance-to-truth geodesic (Bhattacharyya distance)"
                        + "\nat each progress. Click a curve to select its run.", this::select);
        tubeProgressAxis = new NumberAxis(ProgressObjective.BHATTACHARYYA.axisLabel(), 0, 1, 0.2);
        NumberAxis widthAxis = new NumberAxis();
        widthAxis.setLabel("tube width (d_B)");
        widthAxis.setForceZeroInRange(true);
        tubeCurves = new RunCurveChart("Tube width against progress, per configuration", tubeProgressAxis, widthAxis,
                "How far the runs of each configuration (equal but for the seed) stray from their mean trajectory:"
                        + "\nthe mean Bhattacharyya distance of its runs to the mean of their predictions at each progress."
                        + "\nClick a curve to select its first run.", this::select);
        fromSelectedProgressAxis = new NumberAxis(ProgressObjective.BHATTACHARYYA.axisLabel(), 0, 1, 0.2);
        NumberAxis apartAxis = new NumberAxis();
        apartAxis.setLabel("trajectory distance (d_B)");
        apartAxis.setForceZeroInRange(true);
        fromSelected = new RunCurveChart(FROM_NOTHING, fromSelectedProgressAxis, apartAxis,
                "Bhattacharyya distance between the selected run and each other run at equal progress: where their"
                        + "\ntrajectories part. In the Groups view, from the selected run's group to the other groups, averaged"
                        + "\nover their run pairs that reach each progress (fewer pairs where some runs stop short: the exported"
                        + "\ntable counts them). Between two runs, its mean over the progress both reach is the heat map's entry."
                        + "\nClick a curve to select its run.", this::select);
        fromSelected.chart().setId("compare-from-selected");
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
        ToggleGroup views = new ToggleGroup();
        runsView.setToggleGroup(views);
        configurationsView.setToggleGroup(views);
        groupsView.setToggleGroup(views);
        groupsView.setId("compare-groups");
        groupsView.setTooltip(new Tooltip("Distances between groups of runs with the same value of a spec field (the task by"
                + " default),\naveraged over every pair of their runs, with the ignorance-to-truth geodesic as a leaf."
                + "\nRuns that did not learn stay in: a random-label task is a group too."
                + "\nOn the imprinted picture, runs of every task meet: this is the task dendrogram."));
        groupBy.setId("compare-group-by");
        groupBy.getItems().setAll(GROUP_FIELDS);
        groupBy.setValue(SpecGroups.TASK);
        groupBy.setTooltip(new Tooltip("The run.json spec field the Groups view groups runs by (a run with a spec but no task"
                + " is on the full problem, \"all\")"));
        groupBy.valueProperty().addListener((o, was, is) -> {
            if (groupsView.isSelected()) inputsChanged();
            else groupsView.setSelected(true);
        });
        configurationsView.setId("compare-configurations");
        runsView.setSelected(true);
        runsView.setTooltip(new Tooltip("Distances between the visible runs' trajectories, run by run"));
        configurationsView.setTooltip(new Tooltip("Distances between configurations (runs equal but for their seed), averaged"
                + " over seed pairs,\nwith the ignorance-to-truth geodesic as a leaf, and each configuration's tube width."
                + "\nRuns that did not learn or diverged (the rule of View > Did-not-learn threshold) are left out and listed."));
        // one of the two is always selected
        views.selectedToggleProperty().addListener((o, was, is) -> {
            if (is == null) was.setSelected(true);
            else viewChanged();
        });
        PanelModes.follow(model, PanelOption.COMPARE_CONFIGURATIONS,
                configurationsView.selectedProperty(), on -> (on ? configurationsView : runsView).setSelected(true));
        // held in a field: a binding only its dependencies' weak listeners reach would be collected
        showsTasks = groupsView.selectedProperty().and(groupBy.valueProperty().isEqualTo(SpecGroups.TASK));
        PanelModes.follow(model, PanelOption.COMPARE_TASKS,
                showsTasks, on -> {
                    if (!on) {
                        runsView.setSelected(true);
                        return;
                    }
                    groupBy.setValue(SpecGroups.TASK);
                    groupsView.setSelected(true);
                });
        objective.setId("compare-objective");
        objective.getItems().setAll(ProgressObjective.values());
        // short in the narrow tool bar; the status line and the axes give the whole name
        objective.setConverter(new StringConverter<>() {
            @Override public String toString(ProgressObjective o) { return o == null ? "" : o.axisLabel().substring(0, o.axisLabel().indexOf(':')); }
            @Override public ProgressObjective fromString(String s) { return null; }
        });
        objective.setValue(ProgressObjective.BHATTACHARYYA);
        objective.setTooltip(new Tooltip("How progress along the ignorance-to-truth geodesic is measured, which sets where runs are"
                + " compared:\n[D] the closest point by Bhattacharyya distance (default), [A] by summed per-sample arc length"));
        objective.valueProperty().addListener((o, was, is) -> inputsChanged());
        ToolBar bar = new ToolBar(runsView, configurationsView, groupsView, groupBy, new Separator(Orientation.VERTICAL), objective,
                recomputeButton);
        // the status on a line of its own: in a narrow side panel it would be pushed into the tool bar's overflow
        status.setPadding(new Insets(2, 8, 2, 8));
        setTop(new VBox(bar, status));
        leftOut.getStyleClass().add("compare-left-out");
        leftOut.setWrapText(true);
        leftOut.setPadding(new Insets(2, 8, 4, 8));
        leftOut.setMaxWidth(Double.MAX_VALUE);
        leftOut.setMinHeight(Region.USE_PREF_SIZE);   // wrapped in full, never cut to one line
        leftOut.setTooltip(leftOutTip);

        placeholder.getStyleClass().add("compare-placeholder");
        placeholder.setWrapText(true);
        placeholder.setTextAlignment(TextAlignment.CENTER);
        placeholder.setMaxWidth(440);
        placeholder.setPadding(new Insets(24));
        placeholder.setTooltip(new Tooltip("Show runs in the run library to compare them"));
        StackPane stack = new StackPane(heatmap, placeholder);
        VBox.setVgrow(stack, Priority.ALWAYS);
        agreement.setId("compare-agreement");
        agreement.setWrapText(true);
        agreement.setPadding(new Insets(2, 8, 2, 8));
        agreement.setMaxWidth(Double.MAX_VALUE);
        agreement.setMinHeight(Region.USE_PREF_SIZE);
        agreement.setTooltip(new Tooltip(ArchitectureAgreement.EXPLANATION));
        agreement.managedProperty().bind(agreement.visibleProperty());
        agreement.setVisible(false);
        heatmapPane = new VBox(stack, agreement, leftOut);
        leftOut.managedProperty().bind(leftOut.visibleProperty());
        leftOut.setVisible(false);
        // wide: heat map left, the two charts stacked right; tall (a side tab): all three stacked,
        // so the heat map keeps a readable size in a narrow panel. By the split's own shape, so that
        // an exported figure laid out wide (a slide) is arranged wide too.
        split.widthProperty().addListener((o, a, b) -> arrange());
        split.heightProperty().addListener((o, a, b) -> arrange());
        arrange();
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
        model.learningRuleProperty().addListener((o, was, is) -> inputsChanged());
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
        return new Request(comparable().stream().map(RunItem::name).toList(), model.probeProperty().get(), objective.getValue(),
                model.learningRuleProperty().get(), groupsView.isSelected() ? groupBy.getValue() : null);
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
        List<RunState> states = runs.stream().map(RunItem::state).toList();
        status.setText("Computing the trajectory distances of " + runs.size() + " runs\u2026");
        Task<Computed> task = model.tasks().submit("Trajectory distances of " + runs.size() + " runs", () -> {
                    TrajectoryDistances.Result byRun = distances.compute(sources, asked.probe(), asked.objective());
                    return new Computed(byRun, ConfigurationComparison.of(byRun,
                            Configurations.of(states, asked.rule()), distances.grid()),
                            asked.groupBy() == null ? null : FieldGroups.of(byRun, states, asked.groupBy()));
                }, result -> {
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

    private void show(Computed result) {
        shown = result;
        Map<String, List<String>> byLabel = new HashMap<>();
        Map<String, Color> colours = new HashMap<>();
        List<Color> palette = ColourPalette.CATEGORICAL.subList(0, 12);
        for (Configurations.Configuration c : result.configurations().configurations()) {
            colours.put(c.label(), palette.get(byLabel.size() % palette.size()));
            byLabel.put(c.label(), c.runs());
        }
        configurationRuns = byLabel;
        configurationColours = colours;
        groupRuns = new HashMap<>();
        if (result.groups() != null && result.groups().groups() != null) {
            for (SpecGroups.Group g : result.groups().groups().groups()) groupRuns.put(g.value(), g.runs());
        }
        groupColours = groupColours(result.groups(), palette);
        showView();
    }

    /**
     * Each group in the colour its runs share in the picture (coloured by task, the tasks' colours),
     * when the groups' colours differ; otherwise the categorical palette in group order.
     */
    private Map<String, Color> groupColours(FieldGroups groups, List<Color> palette) {
        if (groups == null || groups.groups() == null) return Map.of();
        Map<String, Color> shared = new HashMap<>();
        for (SpecGroups.Group g : groups.groups().groups()) {
            Set<Color> colours = new HashSet<>();
            for (String run : g.runs()) {
                RunItem item = model.run(run);
                colours.add(item == null ? Color.GRAY : item.colour());
            }
            if (colours.size() == 1) shared.put(g.value(), colours.iterator().next());
        }
        boolean distinct = shared.size() == groups.groups().groups().size() && new HashSet<>(shared.values()).size() == shared.size();
        if (distinct) return shared;
        Map<String, Color> out = new HashMap<>();
        for (SpecGroups.Group g : groups.groups().groups()) out.put(g.value(), palette.get(out.size() % palette.size()));
        return out;
    }

    /** Shows the last result in the chosen view: runs, or configurations with their tubes and the runs left out. */
    private void showView() {
        Computed result = shown;
        if (result == null) return;
        TrajectoryDistances.Result runs = result.runs();
        boolean byConfiguration = configurationsView.isSelected();
        boolean byGroup = groupsView.isSelected();
        FieldGroups groups = result.groups();
        String probe = runs.face().label;
        String notes = runs.notes().isEmpty() ? "" : ". " + String.join("; ", runs.notes()) + ".";
        String by = ", by " + runs.objective().shortName();
        tubeProgressAxis.setLabel(runs.objective().axisLabel());
        tubeCurves.show(tubeCurves(result.configurations()));
        leftOut.setVisible(byConfiguration);
        leftOut.setText(leftOutText(result.configurations(), current.rule()));
        leftOutTip.setText(String.join("\n", result.configurations().didNotLearn()));
        TrajectoryComparison drawn = byGroup ? (groups == null || groups.comparison() == null ? null
                : groups.comparison().comparison())
                : byConfiguration ? result.configurations().comparison() : runs.comparison();
        int n = drawn == null ? 0 : drawn.runs().size();
        if (n < 2) {
            heatmap.show(null);
            agreement.setVisible(false);
            placeholder.setText(byGroup && groups == null ? "Grouping the runs by " + groupBy.getValue() + "\u2026"
                    : byGroup && groups.problem() != null ? "No groups by " + groups.field() + ": " + groups.problem() + "."
                    : (byConfiguration ? "No configuration of the visible runs can be compared on the "
                    : "Fewer than two of the visible runs can be compared on the ") + probe + notes);
            placeholder.setVisible(true);
            status.setText("");
            refreshFromSelected();
            return;
        }
        heatmap.show(drawn);
        placeholder.setVisible(false);
        Map<String, RunState> states = new HashMap<>();
        for (RunItem r : model.runs()) states.put(r.name(), r.state());
        agreement.setText(ArchitectureAgreement.line(drawn.dendrogram(), byConfiguration ? result.configurations().configurations() : null, states));
        agreement.setVisible(!byGroup);   // each group has one value of its field: the cut would agree trivially
        showSelection(model.selectedRun());
        if (byGroup) {
            int grouped = groups.groups().groups().stream().mapToInt(g -> g.runs().size()).sum();
            status.setText((n - 1) + " groups by " + groups.field() + " of " + grouped + " runs, and the geodesic, on the "
                    + probe + by + ", averaged over run pairs" + notes);
        } else if (byConfiguration) {
            int learned = result.configurations().configurations().stream().mapToInt(c -> c.runs().size()).sum();
            status.setText((n - 1) + " configurations of " + learned + " runs that learned, and the geodesic, on the "
                    + probe + by + ", averaged over seed pairs" + notes);
        } else {
            status.setText(n + " runs on the " + probe + by + notes);
        }
    }

    private List<RunCurveChart.Curve> tubeCurves(ConfigurationComparison c) {
        List<RunCurveChart.Curve> out = new ArrayList<>();
        for (ConfigurationComparison.TubeWidth t : c.tubes()) {
            Color colour = configurationColours.getOrDefault(t.configuration(), Color.GRAY);
            out.add(new RunCurveChart.Curve(t.configuration(), colour, t.progress(), t.width()));
        }
        return out;
    }

    /** Runs named in the list under the heat map; the tooltip has them all. */
    static final int LEFT_OUT_NAMED = 6;

    /** The rule and the runs it left out, without what all their names share (the tooltip has them whole). */
    static String leftOutText(ConfigurationComparison c, LearningRule learning) {
        String rule = String.format(Locale.ROOT, "final training error \u2265 %.2f, or diverged", learning.threshold());
        List<String> runs = c.didNotLearn();
        if (runs.isEmpty()) return "No run is left out: every compared run learned (none has " + rule + ").";
        List<String> named = RunLabels.distinctive(runs);
        String list = String.join(", ", named.subList(0, Math.min(LEFT_OUT_NAMED, named.size())));
        if (named.size() > LEFT_OUT_NAMED) list += " and " + (named.size() - LEFT_OUT_NAMED) + " more (hover for all)";
        return runs.size() + (runs.size() == 1 ? " run" : " runs") + " left out, did not learn (" + rule + "): " + list + ".";
    }

    private void viewChanged() {
        heatmap.setLabelShare(runsView.isSelected() ? 0.25 : 0.4);
        arranged = false;
        arrange();
        // groups are computed only for the Groups view: entering it, or leaving it, asks again
        if (current != null && !Objects.equals(current.groupBy(), request().groupBy())) inputsChanged();
        showView();
    }

    private void showEmpty() {
        shown = null;
        tubeCurves.show(List.of());
        refreshFromSelected();
        leftOut.setText("");
        agreement.setVisible(false);
        heatmap.show(null);
        placeholder.setText("Show at least two runs with two or more checkpoints each to compare their trajectories.");
        placeholder.setVisible(true);
        status.setText("");
    }

    // ---- trajectory distance against progress from the selected run ----------------------

    static final String FROM_NOTHING = "Trajectory distance against progress (select a run)";
    /** The curves the chart shows, for the table export; empty when none. */
    private List<DistanceByProgress> fromSelectedCurves = List.of();
    /** What the curves' ends are: "run", or the grouping field. */
    private String fromSelectedItem = "run";

    /** Counts the requests for from-selected curves: a background result for an older one is dropped. */
    private int fromSelectedAsked;

    /**
     * From the selected run to every other compared run (Runs and Configurations views), or from
     * its group to every other group (Groups view), each curve in the other end's colour. The
     * group curves come with the groups; the run curves are computed in the background (one d_B
     * per other run and progress value: about 0.1 s for 30 runs on a probe of 1000 samples and 10
     * classes, too long for the JavaFX thread on every selection and recompute).
     */
    private void refreshFromSelected() {
        Computed result = shown;
        RunItem selected = model.selectedRun();
        int asked = ++fromSelectedAsked;
        if (result == null || selected == null) {
            showFromSelected(null, List.of(), "run", result);
            return;
        }
        if (groupsView.isSelected()) {
            FieldGroups groups = result.groups();
            String from = groupOf(selected.name());
            List<DistanceByProgress> curves = new ArrayList<>();
            if (from != null && groups != null && groups.comparison() != null) {
                for (DistanceByProgress c : groups.comparison().curves()) {
                    if (c.a().equals(from)) curves.add(c);
                    else if (c.b().equals(from)) curves.add(new DistanceByProgress(c.b(), c.a(), c.grid(), c.distance(), c.pairs()));
                }
            }
            showFromSelected(from, curves, groups == null ? "run" : groups.field(), result);
            return;
        }
        List<String> names = result.runs().comparison().runs();
        int i = names.indexOf(selected.name());
        if (i < 0) {
            showFromSelected(null, List.of(), "run", result);
            return;
        }
        List<ReindexedTrajectory> reindexed = result.runs().reindexed();
        String from = selected.name();
        model.tasks().submit("Trajectory distance from " + from + " against progress", () -> {
            List<DistanceByProgress> curves = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) if (j != i) curves.add(DistanceByProgress.between(reindexed.get(i), reindexed.get(j)));
            return curves;
        }, curves -> {
            if (asked == fromSelectedAsked) showFromSelected(from, curves, "run", result);
        });
    }

    /** @param from the selected run or group, null for none */
    private void showFromSelected(String from, List<DistanceByProgress> curves, String item, Computed result) {
        fromSelectedCurves = List.copyOf(curves);
        fromSelectedItem = item;
        List<RunCurveChart.Curve> shownCurves = new ArrayList<>();
        for (DistanceByProgress c : curves) shownCurves.add(new RunCurveChart.Curve(c.b(), colourOf(c.b()), c.progress(), c.values()));
        fromSelected.show(shownCurves);
        fromSelected.chart().setTitle(from == null ? FROM_NOTHING : "Trajectory distance from "
                + (item.equals("run") ? "" : item + " ") + from + " against progress");
        if (result != null) fromSelectedProgressAxis.setLabel(result.runs().objective().axisLabel());
    }

    // ---- curves from the current picture -------------------------------------------------

    private void coloursChanged() {
        if (shown != null) tubeCurves.show(tubeCurves(shown.configurations()));
        refreshFromSelected();
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

    /** A run, or a configuration (its first run). */
    private void select(String name) {
        List<String> members = (groupsView.isSelected() ? groupRuns : configurationRuns).get(name);
        RunItem item = model.run(members != null && !members.isEmpty() ? members.get(0) : name);
        if (item != null) model.chooseRun(item);
    }

    private void showSelection(RunItem run) {
        String name = run == null ? null : run.name();
        String configuration = configurationOf(name);
        heatmap.setSelected(configurationsView.isSelected() ? configuration : groupsView.isSelected() ? groupOf(name) : name);
        refreshFromSelected();
        progressCurves.setSelected(name);
        geodesicCurves.setSelected(name);
        tubeCurves.setSelected(configuration);
    }

    private String groupOf(String run) {
        if (run == null) return null;
        for (Map.Entry<String, List<String>> e : groupRuns.entrySet()) if (e.getValue().contains(run)) return e.getKey();
        return null;
    }

    private String configurationOf(String run) {
        if (run == null) return null;
        for (Map.Entry<String, List<String>> e : configurationRuns.entrySet()) if (e.getValue().contains(run)) return e.getKey();
        return null;
    }

    /** A run's colour, a configuration's own (see configurationColours), the geodesic black as [A] draws it. */
    private Color colourOf(String name) {
        if (ConfigurationComparison.GEODESIC.equals(name)) return Color.BLACK;
        // a configuration of one run is named as its run: the view says which is meant
        Color configuration = configurationsView.isSelected() ? configurationColours.get(name) : null;
        if (configuration != null) return configuration;
        Color group = groupsView.isSelected() ? groupColours.get(name) : null;
        if (group != null) return group;
        RunItem item = model.run(name);
        return item == null ? Color.GRAY : item.colour();
    }

    // ---- export ---------------------------------------------------------------------------

    /** The heat map and both charts, arranged as on screen. */
    @Override
    public Figure figure() { return new Figure("compare", split); }

    @Override
    public List<Figure> charts() {
        return List.of(new Figure("trajectory-distances", heatmap), new Figure("progress-by-step", progressCurves.chart()),
                new Figure("distance-to-geodesic", geodesicCurves.chart()), new Figure("tube-width", tubeCurves.chart()),
                new Figure("distance-from-selected", fromSelected.chart()));
    }

    @Override
    public List<Table> tables() {
        return List.of(new Table("Trajectory distances", "trajectory-distances", this::distanceTable,
                "fewer than two runs are compared (show at least two runs with two or more checkpoints)."),
                new Table("Tube widths", "tube-width", this::tubeTable,
                        "no configuration has two runs that learned (show runs equal but for their seed)."),
                new Table("Trajectory distance against progress", "distance-from-selected", this::fromSelectedTable,
                        "no run is selected, or it is compared with no other (select a compared run)."));
    }

    /** The curves of the distance-from-selected chart, one row per curve and progress value. */
    private CsvTable fromSelectedTable() {
        Computed c = shown;
        if (c == null || fromSelectedCurves.isEmpty()) return null;
        return DistanceCurvesCsv.of(fromSelectedCurves, fromSelectedItem, c.runs().objective().columnName(), !fromSelectedItem.equals("run"));
    }

    /** One row per configuration and progress value; the progress column names how progress was measured. */
    private CsvTable tubeTable() {
        Computed c = shown;
        if (c == null || c.configurations().tubes().isEmpty()) return null;
        CsvTable table = new CsvTable(List.of("configuration", "runs", c.runs().objective().columnName(), "tube_width"));
        for (ConfigurationComparison.TubeWidth t : c.configurations().tubes()) {
            for (int k = 0; k < t.progress().length; k++) {
                table.row(t.configuration(), t.runs().size(), t.progress()[k], t.width()[k]);
            }
        }
        return table;
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

    RunCurveChart tubeCurves() { return tubeCurves; }

    RunCurveChart fromSelected() { return fromSelected; }

    List<DistanceByProgress> fromSelectedCurves() { return fromSelectedCurves; }

    Label leftOut() { return leftOut; }

    Label agreement() { return agreement; }

    /** Distances are up to date: nothing computing, asked for or scheduled. */
    boolean settled() { return recompute.idle(); }

    private boolean wideLayout;
    private boolean arranged;

    /** The configuration view shows tube width where the run view shows progress by step. */
    private void arrange() {
        boolean wide = split.getWidth() > 1.2 * split.getHeight();
        if (arranged && wide == wideLayout) return;
        arranged = true;
        wideLayout = wide;
        Node first = configurationsView.isSelected() ? tubeCurves.chart() : progressCurves.chart();
        if (wide) {
            curves.getChildren().setAll(first, geodesicCurves.chart(), fromSelected.chart());
            for (Node chart : curves.getChildren()) VBox.setVgrow(chart, Priority.ALWAYS);
            split.setOrientation(Orientation.HORIZONTAL);
            split.getItems().setAll(heatmapPane, curves);
            split.setDividerPositions(0.55);
        } else {
            curves.getChildren().clear();
            split.setOrientation(Orientation.VERTICAL);
            split.getItems().setAll(heatmapPane, first, geodesicCurves.chart(), fromSelected.chart());
            split.setDividerPositions(0.36, 0.57, 0.78);
        }
    }
}
