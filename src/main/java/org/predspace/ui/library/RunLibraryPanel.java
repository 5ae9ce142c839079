package org.predspace.ui.library;

import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.Duration;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.textfield.TextFields;
import org.predspace.session.RunState;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.RunItem;
import org.predspace.ui.launch.DemoSweep;
import org.predspace.ui.launch.NewRunDialog;
import org.predspace.ui.launch.SweepDialog;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The run library: a table of every run with its spec, status and progress, live while runs
 * train; visibility checkboxes; filters by architecture and optimiser (ticked lists, new kinds
 * ticked as they appear) and a search field; open run folders (chooser, drag and drop, Ctrl+O);
 * start runs and sweeps; cancel a training run. Selecting a row selects the run in the model,
 * and a run selected elsewhere is selected and scrolled to here.
 */
public final class RunLibraryPanel extends BorderPane {
    static final KeyCombination OPEN_KEYS = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);

    private final ExplorerModel model;
    /** Held here: the model hands out a fresh unmodifiable view, which only our reference keeps alive. */
    private final ObservableList<RunItem> modelRuns;
    /** The model's runs, reporting a change when a run's state is replaced (so filters and sorting follow). */
    private final ObservableList<RunItem> tracked = FXCollections.observableArrayList(
            item -> new Observable[] {item.stateProperty()});
    private final FilteredList<RunItem> filtered = new FilteredList<>(tracked);
    private final TableView<RunItem> table = new TableView<>();
    private final CheckComboBox<String> architectures = new CheckComboBox<>();
    private final CheckComboBox<String> optimizers = new CheckComboBox<>();
    private final TextField search = TextFields.createClearableTextField();
    private final Label count = new Label();
    /** True while this panel moves the table's selection itself, so that move is not sent back to the model. */
    private boolean following;
    /** True while a stand-in row is in the table to make its cells ({@link #warmUpRows}). */
    private boolean warmingUp;

    public RunLibraryPanel(ExplorerModel model) {
        this.model = model;
        this.modelRuns = model.runs();
        getStyleClass().add("run-library");
        getStylesheets().add(RunLibraryPanel.class.getResource("run-library.css").toExternalForm());

        Bindings.bindContent(tracked, modelRuns);
        SortedList<RunItem> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getColumns().setAll(RunColumns.all(model.learningRuleProperty(), model::showRun));
        table.setEditable(true);
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.setPlaceholder(new Label("No runs yet: Open runs…, drop run folders here, or start a Demo sweep"));
        Tooltip tableTip = new Tooltip("Click a run to select it everywhere; Delete hides it, Space shows or hides it; "
                + "drop run folders here to open them");
        // slow to appear: it covers every row, and should not chase the pointer over the table
        tableTip.setShowDelay(Duration.seconds(2));
        table.setTooltip(tableTip);
        table.setId("run-table");

        setTop(toolbars());
        setCenter(table);
        setPadding(new Insets(4));

        tracked.addListener((ListChangeListener<RunItem>) c -> {
            if (warmingUp) return;
            offerNewKinds();
            count.setText(filtered.size() + " of " + tracked.size() + " runs");
        });
        offerNewKinds();
        architectures.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> refilter());
        optimizers.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c -> refilter());
        search.textProperty().addListener((o, a, b) -> refilter());
        refilter();

        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!following && b != null && b != model.selectedRun()) model.chooseRun(b);
        });
        model.selectedRunProperty().addListener((o, a, b) -> follow(b));
        follow(model.selectedRun());

        table.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
            e.consume();
        });
        table.setOnDragDropped(e -> {
            boolean files = e.getDragboard().hasFiles();
            if (files) open(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            e.setDropCompleted(files);
            e.consume();
        });
        table.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (OPEN_KEYS.match(e)) {
                chooseAndOpen();
                e.consume();
            }
        });
        sceneProperty().addListener((o, a, b) -> registerAccelerator(b));
        table.skinProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable o) {
                table.skinProperty().removeListener(this);
                Platform.runLater(RunLibraryPanel.this::warmUpRows);
            }
        });
    }

    /**
     * Lays out one stand-in row and lets it go, before anything is drawn, when the table starts
     * empty. An empty table shows its placeholder and has no cells; the first run then makes a
     * whole screen of them at once (one row and 13 cells for every 24 px, about 33 rows here,
     * empty rows included, to keep the stripes going): with their classes loading, CSS matching
     * and cold code, 300 ms in the frame a first training started (bench/stall-bench.sh). The
     * stand-in goes through the table's own item list (not a list swapped in, which made the
     * table throw its cells away again), so the cells stay and the first real rows reuse them.
     * The model never sees the stand-in, nor do the filters or the run count. The stand-in row
     * is also drawn once, offscreen (a snapshot), so the first real rows find its glyphs and
     * shapes cached: the table's painting in the frame a first training started went from
     * 50-69 ms to 38-46 ms (pulse logger, 3 runs each).
     */
    void warmUpRows() {
        if (!tracked.isEmpty() || table.getScene() == null) return;
        warmingUp = true;
        try {
            tracked.add(RunItem.standIn());
            table.applyCss();
            table.layout();
            table.snapshot(null, null);
            tracked.clear();
            table.layout();
        } finally {
            warmingUp = false;
        }
    }

    private Node toolbars() {
        Button open = button("Open runs…", "Open a run folder, or a folder of runs (a sweep's output); Ctrl+O", this::chooseAndOpen);
        Button newRun = button("New run…", "Train one network with settings you choose", () -> NewRunDialog.show(model, getScene().getWindow()));
        Button sweep = button("Sweep…", "Train every combination of several architectures, optimisers, learning rates, batch sizes and seeds",
                () -> SweepDialog.show(model, getScene().getWindow()));
        Button demo = button("Demo sweep", DemoSweep.DESCRIPTION, () -> DemoSweep.start(model));
        Button showAll = button("Show all", "Draw every run listed below", () -> setListedVisible(true));
        Button hideAll = button("Hide all", "Hide every run listed below from the pictures", () -> setListedVisible(false));
        Button cancel = button("Cancel run", "Stop the selected run's training after its current step", this::cancelSelected);
        cancel.disableProperty().bind(Bindings.createBooleanBinding(() -> !cancellable(table.getSelectionModel().getSelectedItem()),
                table.getSelectionModel().selectedItemProperty(), tracked));
        open.setId("open-runs");
        showAll.setId("show-all");
        hideAll.setId("hide-all");
        cancel.setId("cancel-run");

        architectures.setTitle("Architectures");
        architectures.setTooltip(new Tooltip("List only runs of the ticked architectures"));
        optimizers.setTitle("Optimisers");
        optimizers.setTooltip(new Tooltip("List only runs of the ticked optimisers"));
        architectures.setId("architecture-filter");
        optimizers.setId("optimizer-filter");
        search.setPromptText("Search name, data, architecture, optimiser");
        search.setTooltip(new Tooltip("List only runs whose name, data set, architecture or optimiser contains this text"));
        search.setId("run-search");
        HBox.setHgrow(search, Priority.ALWAYS);
        count.getStyleClass().add("run-library-count");

        FlowPane actions = new FlowPane(6, 6, open, newRun, sweep, demo, showAll, hideAll, cancel);
        HBox filters = new HBox(6, architectures, optimizers, search, count);
        filters.setAlignment(Pos.CENTER_LEFT);
        VBox bars = new VBox(6, actions, filters);
        bars.setPadding(new Insets(0, 0, 6, 0));
        return bars;
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    // ---- opening ------------------------------------------------------------------------

    /** Asks for a folder and opens the runs in it. */
    public void chooseAndOpen() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a run folder or a folder of runs");
        if (Files.isDirectory(model.trainingOutput())) chooser.setInitialDirectory(model.trainingOutput().toFile());
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) open(List.of(dir.toPath()));
    }

    /** Asks for a folder and follows it (see {@link ExplorerModel#follow}). */
    public void chooseAndFollow() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Follow a folder: runs other processes write there appear as they train");
        if (Files.isDirectory(model.trainingOutput())) chooser.setInitialDirectory(model.trainingOutput().toFile());
        File dir = chooser.showDialog(getScene() == null ? null : getScene().getWindow());
        if (dir != null) model.follow(dir.toPath());
    }

    /** Opens what the folders hold (see {@link ExplorerModel#openFolders}). */
    public void open(List<Path> folders) {
        model.openFolders(folders);
    }

    private void registerAccelerator(Scene scene) {
        if (scene != null) scene.getAccelerators().putIfAbsent(OPEN_KEYS, this::chooseAndOpen);
    }

    // ---- visibility, cancel, keys -------------------------------------------------------

    private void setListedVisible(boolean visible) {
        for (RunItem r : table.getItems()) model.showRun(r, visible);
    }

    private static boolean cancellable(RunItem r) {
        return r != null && r.state().live() && !r.state().phase().ended();
    }

    private void cancelSelected() {
        RunItem r = table.getSelectionModel().getSelectedItem();
        if (cancellable(r)) model.cancel(r);
    }

    private void keyPressed(KeyEvent e) {
        RunItem r = table.getSelectionModel().getSelectedItem();
        if (r == null) return;
        if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
            model.showRun(r, false);
            e.consume();
        } else if (e.getCode() == KeyCode.SPACE) {
            model.showRun(r, !r.isVisible());
            e.consume();
        }
    }

    // ---- filters and selection ----------------------------------------------------------

    /** Adds architectures and optimisers not offered yet, ticked, so new runs are listed. */
    private void offerNewKinds() {
        offer(architectures, RunState::architecture);
        offer(optimizers, RunState::optimizer);
    }

    private void offer(CheckComboBox<String> box, Function<RunState, String> kind) {
        for (RunItem r : tracked) {
            String k = kind.apply(r.state());
            if (!box.getItems().contains(k)) {
                box.getItems().add(k);
                box.getCheckModel().check(k);
            }
        }
    }

    private void refilter() {
        RunFilter filter = new RunFilter(unticked(architectures), unticked(optimizers), search.getText());
        following = true;
        try {
            filtered.setPredicate(r -> filter.matches(r.state()));
        } finally {
            following = false;
        }
        follow(model.selectedRun());
        count.setText(filtered.size() + " of " + tracked.size() + " runs");
    }

    private static Set<String> unticked(CheckComboBox<String> box) {
        // asked item by item: the check model's checked-items list does not iterate reliably
        Set<String> out = new HashSet<>();
        for (String k : box.getItems()) {
            if (!box.getCheckModel().isChecked(k)) out.add(k);
        }
        return out;
    }

    /** Shows the model's selected run: selected and scrolled to when listed, no selection otherwise. */
    private void follow(RunItem run) {
        following = true;
        try {
            if (run == null || !table.getItems().contains(run)) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != run) {
                table.getSelectionModel().select(run);
                table.scrollTo(run);
            }
        } finally {
            following = false;
        }
    }

    /** The table, for the window's keyboard focus and for tests. */
    public TableView<RunItem> table() { return table; }
}
