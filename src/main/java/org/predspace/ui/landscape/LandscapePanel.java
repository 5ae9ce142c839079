package org.predspace.ui.landscape;

import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.Chart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.predspace.export.CsvTable;
import org.predspace.landscape.LinePath;
import org.predspace.landscape.PlaneGrid;
import org.predspace.landscape.PlaneLandscape;
import org.predspace.landscape.PlaneSlice;
import org.predspace.landscape.SharpnessCurve;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.session.CheckpointRef;
import org.predspace.session.RunState;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.LandscapeOverlay;
import org.predspace.ui.PanelModes;
import org.predspace.ui.PanelOption;
import org.predspace.ui.RunItem;
import org.predspace.ui.SnapshotChoice;
import org.predspace.ui.figures.Figure;
import org.predspace.ui.figures.FigureSource;
import org.predspace.ui.figures.TableSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * The Landscape panel (docs/science.md §8), bound to the selected checkpoint: loss and accuracy
 * along a line through it (from the run's initialisation, to a pinned checkpoint, or to another
 * run's end), the run's plane as a heat map with contours and the projected path, and the run's
 * sharpness against 2 / lr. Each is computed in the model's background tasks when the panel is
 * shown and cached by request; a computed line or plane, or a clicked cell, becomes the
 * model's landscape overlay, which the 3D picture draws. Clicking a checkpoint on the plane
 * selects it.
 */
public final class LandscapePanel extends BorderPane implements FigureSource, TableSource {
    /** Probe samples per plane model and for the sharpness: 500 keeps a 25 x 25 plane of a small MLP to seconds. */
    public static final int DEFAULT_SAMPLES = 500;

    private final ExplorerModel model;
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", true);
    private final LandscapeResults<LineRequest, LineResult> lines;
    private final LandscapeResults<PlaneRequest, PlaneResult> planes;
    private final LandscapeResults<SharpnessRequest, SharpnessCurve> sharpness;
    private final ChoiceBox<LineEnds> ends = new ChoiceBox<>();
    private final ChoiceBox<String> otherRun = new ChoiceBox<>();
    private final ChoiceBox<PlaneSlice.Kind> kind = new ChoiceBox<>();
    private final Spinner<Integer> seed = new Spinner<>(0, 1_000_000, 1);
    private final Spinner<Integer> grid = new Spinner<>(5, 101, PlaneLandscape.DEFAULT_GRID, 2);
    private final Spinner<Integer> samples = new Spinner<>(10, 10_000, DEFAULT_SAMPLES, 100);
    private final LineCharts lineCharts = new LineCharts();
    private final SharpnessChart sharpnessChart = new SharpnessChart();
    private final PlaneHeatmap heatmap;
    private final Label lineNote = note("landscape-line-note");
    private final Label planeNote = note("landscape-plane-note");
    private final Label planeCaption = note("landscape-plane-caption");
    private final Label sharpnessNote = note("landscape-sharpness-note");
    private final Label empty = new Label("Select a checkpoint of a run with parameter snapshots (click a point in the 3D view)"
            + " to see the loss along a line through it, its run's plane with the path, and its sharpness here.");
    private final StackPane centre = new StackPane();
    private final SplitPane split;
    /** The same three parts as tabs, when the panel is too narrow to show them side by side. */
    private final TabPane parts = new TabPane();
    private final VBox lineBox, sharpnessBox, planeBox;
    private Boolean wide;
    /** Steps with a parameter snapshot, by run, listed again when the run has more checkpoints. */
    private final Map<String, SavedSteps> savedSteps = new HashMap<>();
    private LineRequest lineWanted;
    private PlaneRequest planeWanted;
    private SharpnessRequest sharpnessWanted;
    /** The results handed to the 3D picture, so that each is handed over once, when it arrives, and a clicked cell stays. */
    private final Set<Object> overlaid = Collections.newSetFromMap(new WeakHashMap<>());
    private boolean listingRuns;

    public LandscapePanel(ExplorerModel model) {
        this.model = model;
        getStyleClass().add("landscape-panel");
        lines = new LandscapeResults<>(model.tasks(), (r, partial) -> new LineComputation(r, this::runDir, model.catalog()), this::refresh);
        planes = new LandscapeResults<>(model.tasks(), (r, partial) -> new PlaneComputation(r, runDir(r.run()), model.catalog(), partial),
                this::refresh);
        sharpness = new LandscapeResults<>(model.tasks(), (r, partial) -> new SharpnessComputation(r, runDir(r.run()), model.catalog()),
                this::refresh);
        heatmap = new PlaneHeatmap(new PlaneHeatmap.Listener() {
            public void cellClicked(int row, int column) { showCell(row, column); }

            public void checkpointClicked(long step) { selectStep(step); }
        });
        setTop(controls());
        empty.setId("landscape-empty");
        empty.setWrapText(true);
        empty.getStyleClass().add("placeholder");
        VBox line = new VBox(4, lineNote);
        for (var c : lineCharts.nodes()) {
            line.getChildren().add(c);
            if (c instanceof Chart) VBox.setVgrow(c, Priority.ALWAYS);
        }
        VBox sharp = new VBox(4, sharpnessNote, sharpnessChart.node());
        VBox.setVgrow(sharpnessChart.node(), Priority.ALWAYS);
        VBox plane = new VBox(4, heatmap, planeCaption, planeNote);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        lineBox = line;
        sharpnessBox = sharp;
        planeBox = plane;
        split = new SplitPane();
        split.setOrientation(Orientation.HORIZONTAL);
        split.setId("landscape-charts");
        parts.setId("landscape-parts");
        parts.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        parts.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> showInFrontIn3D());
        widthProperty().addListener((obs, old, now) -> arrange());
        arrange();
        centre.setPadding(new Insets(0, 4, 4, 4));
        setCenter(centre);

        model.selectedCheckpointProperty().addListener((obs, old, now) -> refresh());
        model.pinned().addListener((ListChangeListener<CheckpointRef>) c -> refresh());
        model.runs().addListener((ListChangeListener<RunItem>) c -> refresh());
        active.addListener((obs, old, now) -> refresh());
        refresh();
    }

    /** Panels at least this wide show the line and sharpness charts beside the plane; narrower ones one part at a time. */
    static final double SIDE_BY_SIDE = 1000;

    /** Side by side or as tabs, by the panel's width; the parts move between the two. */
    private void arrange() {
        boolean nowWide = getWidth() == 0 || getWidth() >= SIDE_BY_SIDE;
        if (wide != null && wide == nowWide) return;
        wide = nowWide;
        split.getItems().clear();
        parts.getTabs().clear();
        if (wide) {
            VBox left = new VBox(4, lineBox, sharpnessBox);
            VBox.setVgrow(lineBox, Priority.ALWAYS);
            VBox.setVgrow(sharpnessBox, Priority.SOMETIMES);
            split.getItems().setAll(left, planeBox);
            split.setDividerPositions(0.42);
        } else {
            parts.getTabs().setAll(part("Plane", planeBox), part("Line", lineBox), part("Sharpness", sharpnessBox));
        }
        if (!centre.getChildren().isEmpty() && centre.getChildren().get(0) != empty) centre.getChildren().setAll(wide ? split : parts);
    }

    private static Tab part(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId("landscape-part-" + title.toLowerCase(Locale.ROOT));
        return t;
    }

    /** Whether the panel is on screen: it computes only then (the window binds it to its tab). */
    public BooleanProperty activeProperty() { return active; }

    private static Label note(String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);   // wrapped in full, never cut to "..."
        l.getStyleClass().add("landscape-note");
        l.setPadding(new Insets(0, 6, 0, 6));
        return l;
    }

    private FlowPane controls() {
        ends.setId("landscape-ends");
        ends.getItems().setAll(LineEnds.values());
        ends.setValue(LineEnds.INITIALISATION);
        ends.setTooltip(new Tooltip("The line's ends: the run's initialisation to the selected checkpoint (does the loss fall"
                + " all the way?), the selected checkpoint to the first pinned one, or to the end of another run of the same"
                + " network (is there a barrier between the two solutions?). a runs from -0.5 to 1.5."));
        ends.valueProperty().addListener((obs, old, now) -> refresh());
        otherRun.setId("landscape-other-run");
        otherRun.setTooltip(new Tooltip("The other run: the line ends at its last parameter snapshot"));
        otherRun.visibleProperty().bind(ends.valueProperty().isEqualTo(LineEnds.OTHER_RUN));
        otherRun.managedProperty().bind(otherRun.visibleProperty());
        otherRun.valueProperty().addListener((obs, old, now) -> {
            if (!listingRuns) refresh();
        });
        Button pin = new Button("Pin");
        pin.setId("landscape-pin");
        pin.setTooltip(new Tooltip("Pin the selected checkpoint: the line 'selected \u2192 pinned' then ends there"));
        pin.disableProperty().bind(model.selectedCheckpointProperty().isNull());
        pin.setOnAction(e -> {
            CheckpointRef selected = model.selectedCheckpoint();
            if (selected != null) model.pin(selected);
        });
        kind.setId("landscape-plane-kind");
        kind.getItems().setAll(PlaneSlice.Kind.values());
        kind.setConverter(new StringConverter<>() {
            public String toString(PlaneSlice.Kind k) { return k == null ? "" : k == PlaneSlice.Kind.TRAJECTORY ? "trajectory plane" : "random plane"; }

            public PlaneSlice.Kind fromString(String s) { return null; }
        });
        kind.setValue(PlaneSlice.Kind.TRAJECTORY);
        kind.setTooltip(new Tooltip("Trajectory plane: the run's top two principal directions of its snapshots minus its last,"
                + " through the last. Random plane: two seeded filter-normalised directions through the selected checkpoint."));
        kind.valueProperty().addListener((obs, old, now) -> refresh());
        PanelModes.follow(model, PanelOption.LANDSCAPE_RANDOM_PLANE,
                Bindings.createBooleanBinding(() -> kind.getValue() == PlaneSlice.Kind.FILTER_NORMALIZED, kind.valueProperty()),
                on -> kind.setValue(on ? PlaneSlice.Kind.FILTER_NORMALIZED : PlaneSlice.Kind.TRAJECTORY));
        seed.setId("landscape-seed");
        seed.setEditable(true);
        seed.getEditor().setPrefColumnCount(5);   // wide enough for its digits at any font size
        seed.setTooltip(new Tooltip("Seed of the random plane's first direction (the second uses seed + 1)"));
        seed.disableProperty().bind(kind.valueProperty().isEqualTo(PlaneSlice.Kind.TRAJECTORY));
        seed.valueProperty().addListener((obs, old, now) -> refresh());
        grid.setId("landscape-grid");
        grid.setEditable(true);
        grid.getEditor().setPrefColumnCount(3);   // wide enough for its digits at any font size
        grid.setTooltip(new Tooltip("Grid points per axis (25 by default, 51 for a fine picture): the plane is drawn coarse first"
                + " and refines as the models are scored"));
        grid.valueProperty().addListener((obs, old, now) -> refresh());
        samples.setId("landscape-samples");
        samples.setEditable(true);
        samples.getEditor().setPrefColumnCount(5);   // wide enough for its digits at any font size
        samples.setTooltip(new Tooltip("Train probe samples each model of the plane, and the sharpness, are scored on"
                + " (the line uses the run's whole train and test probes)"));
        samples.valueProperty().addListener((obs, old, now) -> refresh());
        Button retry = new Button("Try again");
        retry.setId("landscape-retry");
        retry.setTooltip(new Tooltip("Compute again what failed"));
        retry.setOnAction(e -> {
            lines.retryFailures();
            planes.retryFailures();
            sharpness.retryFailures();
            refresh();
        });
        FlowPane bar = new FlowPane(10, 6);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getChildren().addAll(labelled("line", ends), otherRun, pin, labelled("plane", kind), labelled("seed", seed),
                labelled("grid", grid), labelled("n", samples), retry);
        return bar;
    }

    private static HBox labelled(String text, Control control) {
        Label l = new Label(text);
        l.setLabelFor(control);
        l.setTooltip(control.getTooltip());
        HBox box = new HBox(6, l, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    // ---- what is wanted -------------------------------------------------------------------

    private Path runDir(String run) {
        RunItem item = model.run(run);
        return item == null ? null : item.state().dir();
    }

    private record SavedSteps(int checkpoints, long[] steps, String problem) {}

    private SavedSteps savedSteps(RunItem run) {
        SavedSteps known = savedSteps.get(run.name());
        int checkpoints = run.state().metrics().size();
        if (known != null && known.checkpoints() == checkpoints) return known;
        SavedSteps now;
        try {
            // a directory listing: cheap enough for the JavaFX thread, once per new checkpoint
            now = new SavedSteps(checkpoints, Run.parameterSteps(run.state().dir(), run.state().checkpointSteps()), null);
        } catch (RunFormatException e) {
            now = new SavedSteps(checkpoints, new long[0], run.name() + ": " + e.getMessage());
        }
        savedSteps.put(run.name(), now);
        return now;
    }

    /** Brings the requests, the charts and the notes in line with the selection and the controls. */
    private void refresh() {
        List<String> others = model.runs().stream().map(RunItem::name)
                .filter(n -> model.selectedCheckpoint() == null || !n.equals(model.selectedCheckpoint().run())).toList();
        if (!otherRun.getItems().equals(others)) {
            String was = otherRun.getValue();
            listingRuns = true;   // the choice's own change must not refresh in the middle of this one
            try {
                otherRun.getItems().setAll(others);
                otherRun.setValue(others.contains(was) ? was : others.isEmpty() ? null : others.get(0));
            } finally {
                listingRuns = false;
            }
        }
        CheckpointRef selected = model.selectedCheckpoint();
        RunItem run = selected == null ? null : model.run(selected.run());
        centre.getChildren().setAll(run == null ? empty : wide ? split : parts);
        if (run == null) {
            lineWanted = null;
            planeWanted = null;
            sharpnessWanted = null;
        } else if (active.get()) {
            wantFor(run, selected);
        }
        if (active.get()) {
            lines.want(lineWanted);
            planes.want(planeWanted);
            sharpness.want(sharpnessWanted);
        }
        showLine();
        showPlane(run, selected);
        showSharpness(selected);
    }

    private void wantFor(RunItem run, CheckpointRef selected) {
        SavedSteps saved = savedSteps(run);
        String none = saved.problem() != null ? saved.problem() : saved.steps().length == 0 ? run.name()
                + " kept no parameter snapshots, so it has no landscape (train it with parameter snapshots all or sparse)." : null;
        if (none != null) {
            lineWanted = null;
            planeWanted = null;
            sharpnessWanted = null;
            lineNote.setText(none);
            return;
        }
        long[] steps = saved.steps();
        long first = steps[0], last = steps[steps.length - 1];
        long at = SnapshotChoice.of(selected.step(), steps).orElseThrow().step();
        lineWanted = lineRequest(run, selected, first);
        int n = samplesScored(run.state());
        planeWanted = kind.getValue() == PlaneSlice.Kind.TRAJECTORY
                ? new PlaneRequest(run.name(), last, PlaneSlice.Kind.TRAJECTORY, 0, grid.getValue(), n)
                : new PlaneRequest(run.name(), at, PlaneSlice.Kind.FILTER_NORMALIZED, seed.getValue(), grid.getValue(), n);
        sharpnessWanted = new SharpnessRequest(run.name(), last, n);
    }

    /**
     * The train probe samples a plane or the sharpness is scored on: the n asked for, but no more
     * than the run's probe holds (its spec's probe_size), so "on N samples" is what was scored and
     * a larger n asks for the same cached result.
     */
    private int samplesScored(RunState state) {
        int asked = samples.getValue();
        Object probe = state == null ? null : state.spec().get("probe_size");
        return probe instanceof Number size && size.intValue() > 0 ? Math.min(asked, size.intValue()) : asked;
    }

    /** The line the controls ask for, or null with the reason in the line's note. */
    private LineRequest lineRequest(RunItem run, CheckpointRef selected, long firstSnapshot) {
        switch (ends.getValue()) {
            case INITIALISATION -> {
                if (selected.step() <= firstSnapshot) {
                    lineNote.setText("The selected checkpoint is the run's initialisation: select a later one to draw the line from it.");
                    return null;
                }
                return new LineRequest(run.name(), firstSnapshot, run.name(), selected.step(), 1);
            }
            case PINNED -> {
                CheckpointRef pinned = model.pinned().stream().filter(p -> !p.equals(selected)).findFirst().orElse(null);
                if (pinned == null) {
                    lineNote.setText("Pin a checkpoint (Pin), then select another: the line runs from the selected one to the pinned one.");
                    return null;
                }
                return new LineRequest(run.name(), selected.step(), pinned.run(), pinned.step(), 0);
            }
            default -> {
                RunItem other = otherRun.getValue() == null ? null : model.run(otherRun.getValue());
                if (other == null) {
                    lineNote.setText("Open another run of the same network to draw the line between the two.");
                    return null;
                }
                long[] steps = savedSteps(other).steps();
                if (steps.length == 0) {
                    lineNote.setText(other.name() + " kept no parameter snapshots, so no line can end at it.");
                    return null;
                }
                return new LineRequest(run.name(), selected.step(), other.name(), steps[steps.length - 1], 0);
            }
        }
    }

    // ---- what is shown --------------------------------------------------------------------

    private void showLine() {
        Outcome<LineResult> outcome = lines.outcome(lineWanted);
        LineResult line = outcome == null || outcome.isRefused() ? null : outcome.value();
        lineCharts.show(line);
        if (lineWanted == null) return;   // the note says why
        if (outcome != null && outcome.isRefused()) lineNote.setText(outcome.refusal());
        else if (lines.failure(lineWanted) != null) lineNote.setText("The line failed: " + lines.failure(lineWanted));
        else if (line == null) lineNote.setText("Computing the " + lineWanted.describe() + "\u2026");
        else {
            lineNote.setText(String.format(Locale.ROOT, "%s (snapshots %d \u2192 %d): barrier %s on the train probe.",
                    lineWanted.describe(), line.fromSnapshot(), line.toSnapshot(), PlaneCaption.number(line.path().barrier())));
            if (lineInFront() || planeReady() == null) overlay(line, () -> lineOverlay(line));
        }
    }

    private void showPlane(RunItem run, CheckpointRef selected) {
        Outcome<PlaneResult> outcome = planes.outcome(planeWanted);
        PlaneResult plane = outcome != null && !outcome.isRefused() ? outcome.value() : planes.partial(planeWanted);
        if (plane != heatmap.shown()) heatmap.mark(-1, -1);
        heatmap.show(plane);
        if (run != null) heatmap.setPathColour(run.colour());
        heatmap.setSelectedStep(plane == null || selected == null ? Long.MIN_VALUE : SnapshotChoice.of(selected.step(), plane.slice().steps())
                .map(SnapshotChoice::step).orElse(Long.MIN_VALUE));
        planeCaption.setText(plane == null ? "" : PlaneCaption.of(plane.slice()));
        if (planeWanted == null) planeNote.setText("");
        else if (outcome != null && outcome.isRefused()) planeNote.setText(outcome.refusal());
        else if (planes.failure(planeWanted) != null) planeNote.setText("The plane failed: " + planes.failure(planeWanted));
        else if (outcome == null) {
            planeNote.setText("Computing the " + planeWanted.describe() + (plane == null ? "\u2026"
                    : ": " + plane.grid().evaluatedCells() + " of " + planeWanted.grid() * planeWanted.grid() + " models so far."));
        } else {
            planeNote.setText("Click a cell to show that model in the 3D picture; click a checkpoint to select it.");
            if (!lineInFront()) overlay(plane, () -> planeOverlay(plane));
        }
    }

    private void showSharpness(CheckpointRef selected) {
        Outcome<SharpnessCurve> outcome = sharpness.outcome(sharpnessWanted);
        sharpnessChart.show(outcome == null || outcome.isRefused() ? null : outcome.value(), selected == null ? null : selected.step());
        if (sharpnessWanted == null) sharpnessNote.setText("");
        else if (outcome != null && outcome.isRefused()) sharpnessNote.setText("Sharpness: " + outcome.refusal());
        else if (sharpness.failure(sharpnessWanted) != null) sharpnessNote.setText("The sharpness failed: " + sharpness.failure(sharpnessWanted));
        else if (outcome == null) sharpnessNote.setText("Computing the " + sharpnessWanted.describe() + "\u2026");
        else sharpnessNote.setText("Sharpness (the top eigenvalue of the Gauss-Newton part of the Hessian) at each snapshot; the dashed line is 2 / lr, where full-batch gradient descent stops being stable.");
    }

    private LandscapeOverlay lineOverlay(LineResult line) {
        return new LandscapeOverlay(lineWanted.describe(), lineWanted.fromRun(), line.fromSnapshot(), line.models(), -1, -1);
    }

    private LandscapeOverlay planeOverlay(PlaneResult plane) {
        return new LandscapeOverlay(planeWanted.describe(), planeWanted.run(), plane.request().originStep(), plane.models(), -1, -1);
    }

    /**
     * Whether the 3D picture should show the line rather than the plane: only when the panel is
     * narrow and its Line part is in front. Side by side, the plane is the canyon (a line that
     * finishes after it does not replace it); the line is shown when there is no plane.
     */
    private boolean lineInFront() {
        if (wide == null || wide) return false;
        Tab front = parts.getSelectionModel().getSelectedItem();
        return front != null && "Line".equals(front.getText());
    }

    /** The finished plane the controls ask for, or null. */
    private PlaneResult planeReady() {
        Outcome<PlaneResult> outcome = planeWanted == null ? null : planes.outcome(planeWanted);
        return outcome == null || outcome.isRefused() ? null : outcome.value();
    }

    /** A part brought to the front (narrow panel) puts its finished line or plane in the 3D picture. */
    private void showInFrontIn3D() {
        if (lineInFront()) {
            Outcome<LineResult> outcome = lineWanted == null ? null : lines.outcome(lineWanted);
            if (outcome != null && !outcome.isRefused()) model.placeLandscape(lineOverlay(outcome.value()));
        } else if (parts.getSelectionModel().getSelectedItem() != null && "Plane".equals(parts.getSelectionModel().getSelectedItem().getText())) {
            PlaneResult plane = planeReady();
            LandscapeOverlay now = model.landscapeOverlayProperty().get();
            boolean shown = now != null && plane != null && now.models().origin() == plane.models().origin() && now.title().equals(planeWanted.describe());
            if (plane != null && plane.grid().isComplete() && !shown) model.placeLandscape(planeOverlay(plane));
        }
    }

    /** Hands a newly arrived result to the 3D picture, once. */
    private void overlay(Object result, Supplier<LandscapeOverlay> overlay) {
        if (!overlaid.add(result)) return;
        model.placeLandscape(overlay.get());
    }

    /** A clicked cell: the plane's models with that one marked, for the 3D picture. */
    private void showCell(int row, int column) {
        PlaneResult plane = heatmap.shown();
        if (plane == null || !plane.grid().isComplete()) return;   // its models are final only when the grid is
        heatmap.mark(row, column);
        overlaid.add(plane);
        PlaneRequest r = plane.request();
        model.placeLandscape(new LandscapeOverlay(r.describe(), r.run(), r.originStep(), plane.models(), row, column));
    }

    /** A clicked checkpoint of the path: that checkpoint of the run selected. */
    private void selectStep(long step) {
        PlaneResult plane = heatmap.shown();
        RunItem run = plane == null ? null : model.run(plane.request().run());
        if (run == null) return;
        long[] steps = run.state().checkpointSteps();
        int at = Arrays.binarySearch(steps, step);
        if (at >= 0) model.selectCheckpoint(new CheckpointRef(run.name(), at, step));
    }

    // ---- for tests and export -------------------------------------------------------------

    PlaneHeatmap heatmap() { return heatmap; }

    LineCharts lineCharts() { return lineCharts; }

    SharpnessChart sharpnessChart() { return sharpnessChart; }

    @Override
    public Figure figure() {
        if (wide) return new Figure("landscape", split);
        Tab part = parts.getSelectionModel().getSelectedItem();
        return new Figure("landscape", part == null ? planeBox : (Region) part.getContent());
    }

    @Override
    public List<Figure> charts() {
        return List.of(new Figure("landscape-line-loss", lineCharts.lossChart()), new Figure("landscape-line-accuracy", lineCharts.accuracyChart()),
                new Figure("landscape-plane", heatmap), new Figure("landscape-sharpness", sharpnessChart.node()));
    }

    @Override
    public List<Table> tables() {
        return List.of(
                new Table("Landscape line", "landscape-line", this::lineTable, "no line has been computed yet (select a checkpoint and wait for its line)."),
                new Table("Landscape plane", "landscape-plane", this::planeTable, "no plane has been computed yet (select a checkpoint and wait for its plane)."),
                new Table("Landscape path", "landscape-path", this::pathTable, "no plane has been computed yet, so no path is projected on one."),
                new Table("Sharpness", "sharpness", this::sharpnessTable, "no sharpness curve has been computed yet."));
    }

    private CsvTable lineTable() {
        Outcome<LineResult> o = lines.outcome(lineWanted);
        if (o == null || o.isRefused()) return null;
        LineResult line = o.value();
        CsvTable t = new CsvTable(List.of("from_run", "from_step", "to_run", "to_step", "a", "train_loss", "train_accuracy",
                "test_loss", "test_accuracy", "barrier"));
        for (LinePath.Point p : line.path().points()) {
            t.row(line.request().fromRun(), line.fromSnapshot(), line.request().toRun(), line.toSnapshot(), p.alpha(), p.trainLoss(),
                    p.trainAccuracy(), p.testLoss(), p.testAccuracy(), line.path().barrier());
        }
        return t;
    }

    private CsvTable planeTable() {
        PlaneResult plane = heatmap.shown();
        if (plane == null) return null;
        PlaneGrid g = plane.grid();
        CsvTable t = new CsvTable(List.of("run", "plane", "seed", "origin_step", "x", "y", "train_loss", "train_accuracy"));
        for (int i = 0; i < g.ys().length; i++) {
            for (int j = 0; j < g.xs().length; j++) {
                t.row(plane.request().run(), plane.slice().kind().id(), plane.slice().seed(), plane.request().originStep(), g.xs()[j],
                        g.ys()[i], g.trainLoss()[i][j], g.trainAccuracy()[i][j]);
            }
        }
        return t;
    }

    private CsvTable pathTable() {
        PlaneResult plane = heatmap.shown();
        if (plane == null) return null;
        PlaneSlice s = plane.slice();
        CsvTable t = new CsvTable(List.of("run", "plane", "step", "x", "y", "off_plane", "variance_explained"));
        for (int i = 0; i < s.steps().length; i++) {
            t.row(plane.request().run(), s.kind().id(), s.steps()[i], s.coordinates()[i][0], s.coordinates()[i][1], s.offPlane()[i],
                    s.varianceExplained());
        }
        return t;
    }

    private CsvTable sharpnessTable() {
        Outcome<SharpnessCurve> o = sharpness.outcome(sharpnessWanted);
        if (o == null || o.isRefused()) return null;
        SharpnessCurve c = o.value();
        CsvTable t = new CsvTable(List.of("run", "step", "sharpness", "two_over_lr", "samples"));
        for (int i = 0; i < c.steps().length; i++) {
            t.row(sharpnessWanted.run(), c.steps()[i], c.sharpness()[i], c.edgeOfStability(), c.samples());
        }
        return t;
    }
}
