package org.predspace.ui.spectrum;

import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.predspace.export.CsvTable;
import org.predspace.export.SpectraCsv;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.session.CheckpointRef;
import org.predspace.spectra.SpectralDensity;
import org.predspace.spectra.SpectrumKind;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.PanelModes;
import org.predspace.ui.PanelOption;
import org.predspace.ui.RunItem;
import org.predspace.ui.figures.Figure;
import org.predspace.ui.figures.FigureSource;
import org.predspace.ui.figures.TableSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Spectrum panel: the sloppiness spectra (Fisher, empirical Fisher, Hessian, input, and the
 * Hessian's spectral density) of the selected checkpoint and of the pinned ones, overlaid on log
 * axes, raw or divided by the largest eigenvalue, by rank or as a histogram of log10
 * eigenvalues, with decades spanned and effective dimension per series; one button compares a
 * checkpoint with its run's initialisation. Computation runs in the model's background tasks;
 * results are cached by run, step, kind, n (and k), so going back to a checkpoint is instant.
 */
public final class SpectrumPanel extends BorderPane implements FigureSource, TableSource {
    /**
     * Probe samples by default: 200 keeps a Fisher spectrum of a small network to seconds on a
     * laptop (the CLI's 500 is for results; the spinner goes higher).
     */
    public static final int DEFAULT_SAMPLES = 200;
    public static final int DEFAULT_HESSIAN_K = 50;
    private static final Color UNKNOWN_RUN = Color.GRAY;

    private final ExplorerModel model;
    private final SpectrumResults results;
    private final Map<SpectrumKind, CheckBox> kinds = new EnumMap<>(SpectrumKind.class);
    private final Map<SpectrumKind, SpectrumChart> charts = new EnumMap<>(SpectrumKind.class);
    private final Spinner<Integer> samples = new Spinner<>(2, 5000, DEFAULT_SAMPLES, 50);
    private final Spinner<Integer> hessianK = new Spinner<>(1, 2000, DEFAULT_HESSIAN_K, 10);
    private final Button pin = new Button("Pin");
    private final Button clear = new Button("Clear");
    private final CheckBox normalised = new CheckBox("λ / λmax");
    private final ChoiceBox<SpectrumView.Plot> plot = new ChoiceBox<>();
    private final Button initVsThis = new Button("Initialisation vs this checkpoint");
    private final Tooltip initTip = new Tooltip();
    /** Steps with a parameter snapshot, by run, listed again when the run has more checkpoints. */
    private final Map<String, SavedSteps> savedSteps = new HashMap<>();
    private final VBox notes = new VBox(4);
    private final SpectrumLegend legend = new SpectrumLegend();
    private final VBox chartBox = new VBox(4);
    private final SpectrumTable table;
    private final Label empty = new Label("Select a checkpoint (click a point in the 3D view) "
            + "to see its Fisher, Hessian and input spectra and the Hessian's density here.");
    private final StackPane centre = new StackPane();
    private final SplitPane split;
    private final VBox plots;

    public SpectrumPanel(ExplorerModel model) {
        this.model = model;
        this.results = new SpectrumResults(model.tasks(), model.catalog(), this::refresh);
        this.table = new SpectrumTable(run -> model.run(run) != null);
        getStyleClass().add("spectrum-panel");
        for (SpectrumKind kind : SpectrumKind.values()) charts.put(kind, new SpectrumChart(kind));
        setTop(new VBox(4, controls(), notes));
        notes.setId("spectrum-notes");
        notes.setPadding(new Insets(0, 8, 0, 8));
        empty.setId("spectrum-empty");
        empty.setWrapText(true);
        empty.getStyleClass().add("placeholder");
        plots = new VBox(2, legend, chartBox);
        plots.getStyleClass().add("spectrum-plots");
        VBox.setVgrow(chartBox, Priority.ALWAYS);
        split = new SplitPane(plots, table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        centre.setPadding(new Insets(0, 4, 4, 4));
        setCenter(centre);

        model.selectedCheckpointProperty().addListener((obs, old, now) -> refresh());
        model.selectedRunProperty().addListener((obs, old, now) -> refresh());
        model.pinned().addListener((ListChangeListener<CheckpointRef>) c -> refresh());
        InvalidationListener redraw = obs -> refresh();
        model.runs().addListener((ListChangeListener<RunItem>) c -> {
            while (c.next()) for (RunItem r : c.getAddedSubList()) watch(r, redraw);
            refresh();
        });
        for (RunItem r : model.runs()) watch(r, redraw);
        refresh();
    }

    /** Redraws on a run's new colour, and on a new checkpoint of the selected run (which may add a snapshot to compare). */
    private void watch(RunItem run, InvalidationListener redraw) {
        run.colourProperty().addListener(redraw);
        run.stateProperty().addListener((obs, old, now) -> {
            RunItem selected = model.selectedRun();
            if (selected == run && (old == null || old.metrics().size() != now.metrics().size())) refresh();
        });
    }

    private FlowPane controls() {
        CheckBox fim = kindBox(SpectrumKind.FIM, "Fisher", "True Fisher information on n probe samples: "
                + "all n × classes non-zero eigenvalues, exact (Gram trick)");
        fim.setSelected(true);
        kindBox(SpectrumKind.EFIM, "Empirical Fisher", "Empirical Fisher on n probe samples: only each sample's "
                + "label row, n eigenvalues, exact (Gram trick)");
        kindBox(SpectrumKind.HESSIAN, "Hessian", "Hessian of the mean cross-entropy on n samples: all eigenvalues for "
                + "small networks (up to 5000 parameters), else the k leading by Lanczos. Its products are finite differences:"
                + " on ReLU networks (LeNet, untrained networks) the top eigenvalues can be wrong by orders of magnitude"
                + " (docs/science.md section 7); the Fisher is exact");
        kindBox(SpectrumKind.INPUT, "Input", "Input correlation XᵀX / n of the n samples: the data's own sloppiness");
        kindBox(SpectrumKind.DENSITY, "Density", "Spectral density of the Hessian on n samples by stochastic Lanczos quadrature ("
                + SpectralDensity.DEFAULT_VECTORS + " random vectors × "
                + SpectralDensity.DEFAULT_STEPS + " steps), drawn over log10 eigenvalue: for "
                + "networks too large for all their eigenvalues");
        normalised.setId("spectrum-normalised");
        normalised.setTooltip(new Tooltip("Divide each spectrum by its largest eigenvalue, so spectra of networks of "
                + "different scale start at 1 and their spread compares (the form the papers plot)"));
        normalised.selectedProperty().addListener((obs, old, now) -> refresh());
        PanelModes.follow(model, PanelOption.SPECTRUM_NORMALISED,
                normalised.selectedProperty(), normalised::setSelected);
        plot.setId("spectrum-plot");
        plot.getItems().setAll(SpectrumView.Plot.values());
        plot.setValue(SpectrumView.Plot.RANK);
        plot.setTooltip(new Tooltip("Eigenvalues against their rank, or a histogram of log10 eigenvalues (how many fall "
                + "in each quarter decade); eigenvalues at or below the floor, such as the Hessian's negative ones, "
                + "are not binned and the table counts them"));
        plot.valueProperty().addListener((obs, old, now) -> refresh());
        initVsThis.setId("spectrum-init");
        // the mode in the set: a chapter captured now records it; a chapter shown with it presses this
        initVsThis.setOnAction(e -> {
            compareWithInitialisation();
            model.setPanelMode(PanelOption.SPECTRUM_INITIALISATION, true);
        });
        model.panelModes().addListener((SetChangeListener<PanelOption>) c -> {
            if (c.getElementAdded() == PanelOption.SPECTRUM_INITIALISATION) compareWithInitialisation();
        });
        // a disabled button shows no tooltip, so the box around it carries the reason
        StackPane initBox = new StackPane(initVsThis);
        initBox.setId("spectrum-init-box");
        Tooltip.install(initBox, initTip);
        samples.setId("spectrum-samples");
        samples.setEditable(true);
        samples.setPrefWidth(100);
        samples.setTooltip(new Tooltip("n, probe samples (a class-balanced subset of the run's probe set). Default "
                + DEFAULT_SAMPLES + " so spectra of small networks take seconds; the command line uses 500."));
        samples.valueProperty().addListener((obs, old, now) -> refresh());
        hessianK.setId("spectrum-hessian-k");
        hessianK.setEditable(true);
        hessianK.setPrefWidth(90);
        hessianK.setTooltip(new Tooltip("Hessian: how many leading eigenvalues Lanczos finds for networks with more "
                + "than 5000 parameters (smaller ones get all of them)"));
        hessianK.disableProperty().bind(kinds.get(SpectrumKind.HESSIAN).selectedProperty().not());
        hessianK.valueProperty().addListener((obs, old, now) -> refresh());
        pin.setId("spectrum-pin");
        pin.setTooltip(new Tooltip("Keep the selected checkpoint's spectra to compare with the next ones you select"));
        pin.disableProperty().bind(model.selectedCheckpointProperty().isNull());
        pin.setOnAction(e -> pinSelected());
        clear.setId("spectrum-clear");
        clear.setTooltip(new Tooltip("Remove all pinned checkpoints (and try failed computations again)"));
        clear.setOnAction(e -> {
            results.retryFailures();
            model.clearPins();
            model.setPanelMode(PanelOption.SPECTRUM_INITIALISATION, false);
            refresh();
        });
        FlowPane bar = new FlowPane(10, 6);
        bar.getStyleClass().add("spectrum-controls");
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getChildren().addAll(kinds.values());
        bar.getChildren().addAll(new HBox(6, label("n", samples), samples), new HBox(6, label("Hessian k", hessianK), hessianK),
                normalised, new HBox(6, new Label("plot"), plot), pin, clear, initBox);
        for (var node : bar.getChildren()) if (node instanceof HBox h) h.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private CheckBox kindBox(SpectrumKind kind, String text, String tip) {
        CheckBox box = new CheckBox(text);
        box.setId("spectrum-kind-" + kind.id());
        box.setTooltip(new Tooltip(tip));
        box.selectedProperty().addListener((obs, old, now) -> refresh());
        kinds.put(kind, box);
        return box;
    }

    private static Label label(String text, Spinner<Integer> spinner) {
        Label l = new Label(text);
        l.setLabelFor(spinner);
        l.setTooltip(spinner.getTooltip());
        return l;
    }

    /** Pins the selected checkpoint (once). */
    public void pinSelected() {
        CheckpointRef selected = model.selectedCheckpoint();
        if (selected != null) model.pin(selected);
    }

    /**
     * Pins the run's first snapshot (its initialisation) and selects the checkpoint to compare
     * with it if it is not selected: both are then computed and overlaid like any pins.
     */
    public void compareWithInitialisation() {
        InitialComparison c = initialComparison();
        if (!c.possible()) return;
        model.pinFirst(c.initial());
        if (!c.target().equals(model.selectedCheckpoint())) model.selectCheckpoint(c.target());
    }

    private InitialComparison initialComparison() {
        CheckpointRef selected = model.selectedCheckpoint();
        RunItem run = selected != null ? model.run(selected.run()) : model.selectedRun();
        if (run == null) return InitialComparison.of(null, null, List.of(), new long[0]);
        SavedSteps saved = savedSteps(run);
        if (saved.problem() != null) return new InitialComparison(null, null, saved.problem());
        return InitialComparison.of(run.name(), selected, run.state().metrics(), saved.steps());
    }

    /** A run's steps with a parameter snapshot, or why they cannot be listed. */
    private record SavedSteps(int checkpoints, long[] steps, String problem) {}

    private SavedSteps savedSteps(RunItem run) {
        List<CheckpointMetrics> metrics = run.state().metrics();
        SavedSteps known = savedSteps.get(run.name());
        if (known != null && known.checkpoints() == metrics.size()) return known;
        long[] committed = run.state().checkpointSteps();
        SavedSteps now;
        try {
            // a directory listing: cheap enough for the JavaFX thread, once per new checkpoint
            now = new SavedSteps(metrics.size(), Run.parameterSteps(run.state().dir(), committed), null);
        } catch (RunFormatException e) {
            now = new SavedSteps(metrics.size(), new long[0], run.name() + ": " + e.getMessage());
        }
        savedSteps.put(run.name(), now);
        return now;
    }

    /** The pinned checkpoints, then the selected one if not pinned; dashes number each run's checkpoints. */
    private List<ComparedCheckpoint> compared() {
        Set<CheckpointRef> refs = new LinkedHashSet<>(model.pinned());
        CheckpointRef selected = model.selectedCheckpoint();
        if (selected != null) refs.add(selected);
        Map<String, Integer> perRun = new HashMap<>();
        List<ComparedCheckpoint> out = new ArrayList<>();
        for (CheckpointRef ref : refs) {
            int ordinal = perRun.merge(ref.run(), 1, Integer::sum) - 1;
            RunItem item = model.run(ref.run());
            Color colour = item == null ? UNKNOWN_RUN : item.colour();
            boolean initial = item != null && isFirstSnapshot(item, ref);
            out.add(new ComparedCheckpoint(ref, model.pinned().contains(ref), initial, new SeriesStyle(colour, ordinal)));
        }
        return out;
    }

    private boolean isFirstSnapshot(RunItem item, CheckpointRef ref) {
        long[] steps = savedSteps(item).steps();
        return steps.length > 1 && steps[0] == ref.step();
    }

    private List<SpectrumKind> selectedKinds() {
        return kinds.entrySet().stream().filter(e -> e.getValue().isSelected()).map(Map.Entry::getKey).toList();
    }

    private Path runDir(String run) {
        RunItem item = model.run(run);
        return item == null ? null : item.state().dir();
    }

    /** Brings everything shown in line with the model, the controls and what has been computed. */
    private void refresh() {
        List<ComparedCheckpoint> compared = compared();
        List<SpectrumKind> shown = selectedKinds();
        Map<SpectrumKey, ComparedCheckpoint> wanted = new LinkedHashMap<>();
        for (ComparedCheckpoint c : compared) {
            for (SpectrumKind kind : shown) {
                wanted.put(SpectrumKey.of(c.ref(), kind, samples.getValue(), hessianK.getValue()), c);
            }
        }
        results.want(wanted.keySet(), this::runDir);
        List<SpectrumRow> rows = new ArrayList<>();
        wanted.forEach((key, c) -> rows.add(new SpectrumRow(c, key, results.outcome(key), results.computation(key),
                results.failure(key))));
        table.getItems().setAll(rows);
        legend.show(firstOfEachCheckpoint(rows));
        chartBox.getChildren().clear();
        SpectrumView view = new SpectrumView(normalised.isSelected(), plot.getValue());
        List<SpectrumKind> spectra = shown.stream().filter(k -> k != SpectrumKind.DENSITY).toList();
        for (SpectrumKind kind : shown) {
            SpectrumChart chart = charts.get(kind);
            chart.show(rows, view);
            chart.showAcrossLabel(!spectra.isEmpty() && kind == spectra.get(spectra.size() - 1));
            VBox.setVgrow(chart.node(), Priority.ALWAYS);
            chartBox.getChildren().add(chart.node());
        }
        showNotes(rows, compared.isEmpty(), shown.isEmpty());
        centre.getChildren().setAll(compared.isEmpty() ? empty : split);
        InitialComparison initial = initialComparison();
        initVsThis.setDisable(!initial.possible());
        initTip.setText(initial.tooltip());
    }

    private static List<SpectrumRow> firstOfEachCheckpoint(List<SpectrumRow> rows) {
        Map<CheckpointRef, SpectrumRow> first = new LinkedHashMap<>();
        for (SpectrumRow r : rows) {
            SpectrumRow seen = first.get(r.compared().ref());
            // prefer a row that knows its snapshot, so the legend names the step drawn
            if (seen == null || (seen.outcome() == null && r.outcome() != null)) first.put(r.compared().ref(), r);
        }
        return List.copyOf(first.values());
    }

    /** Substituted steps and refusals (no snapshots, batch norm), said once each in plain words. */
    private void showNotes(List<SpectrumRow> rows, boolean nothingSelected, boolean noKind) {
        Set<String> messages = new LinkedHashSet<>();
        if (!nothingSelected && noKind) messages.add("Tick Fisher, Empirical Fisher, Hessian, Input or Density to compute a spectrum.");
        for (SpectrumRow r : rows) {
            SpectrumOutcome o = r.outcome();
            if (o == null) continue;
            if (o.isRefused()) messages.add(o.refusal());
            else if (!o.choice().exact()) messages.add(o.choice().note(r.key().run()));
        }
        notes.getChildren().clear();
        for (String m : messages) {
            Label l = new Label(m);
            l.setWrapText(true);
            l.getStyleClass().add("spectrum-note");
            notes.getChildren().add(l);
        }
    }

    // ---- export ---------------------------------------------------------------------------

    /** The legend and the charts: a single chart would not say which line is which checkpoint. */
    @Override
    public Figure figure() { return new Figure("spectra", plots); }

    @Override
    public List<Figure> charts() { return List.of(figure()); }

    @Override
    public List<Table> tables() {
        return List.of(new Table("Spectra", "spectra", this::spectraTable,
                "no spectrum has been computed yet (select a checkpoint and wait for its spectra)."));
    }

    /** The spectra drawn now (the selected and pinned checkpoints'), each once; null when there are none. */
    private CsvTable spectraTable() {
        List<SpectraCsv.Entry> entries = new ArrayList<>();
        for (SpectrumRow r : table.getItems()) {
            if (r.hasSpectrum()) entries.add(new SpectraCsv.Entry(r.key().run(), r.outcome().choice().step(), r.outcome().spectrum()));
        }
        return entries.isEmpty() ? null : SpectraCsv.of(entries);
    }
}
