package org.predspace.ui.details;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.FineTuning;
import org.predspace.session.LearningRule;
import org.predspace.session.PointInfo;
import org.predspace.session.RunState;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.RunItem;
import org.predspace.ui.Throttle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Details: what the selected network is. For the selected checkpoint (or, with only a run
 * selected, its last checkpoint): the metrics there and where it sits in prediction space
 * (progress along the ignorance-to-truth geodesic and distance from it, in the picture drawn
 * now); then the run's status, folder and its spec grouped as data, network, optimisation,
 * probe and engine. A live run's figures refresh at most four times a second.
 */
public final class DetailsPanel extends BorderPane {
    static final String HINT = "Click a point in the 3D view or a run in the table";

    private final ExplorerModel model;
    private final Label hint = new Label(HINT);
    private final Rectangle swatch = new Rectangle(16, 16);
    private final Label title = new Label();
    private final Label status = new Label();
    /** Why the run counts as not learned (or diverged), by the rule in force; hidden for runs that learned. */
    private final Label learning = new Label();
    private final TextField folder = new TextField();
    private final Button copyPath = new Button("Copy path");
    private final Label checkpointTitle = new Label();
    private final GridPane checkpointRows = rowsGrid();
    private final VBox specGroups = new VBox(10);
    private final ScrollPane details;
    /** Label -> value of every row shown, for tests and for a reader's eye. */
    private final Map<String, Label> values = new LinkedHashMap<>();
    private final Throttle liveRefresh = Throttle.quarterSecond(this::refresh);
    private RunItem watched;

    public DetailsPanel(ExplorerModel model) {
        this.model = model;
        getStyleClass().add("details-panel");
        getStylesheets().add(DetailsPanel.class.getResource("details.css").toExternalForm());

        hint.getStyleClass().add("details-hint");
        hint.setWrapText(true);
        title.getStyleClass().add("details-title");
        title.setTooltip(new Tooltip("The selected run"));
        status.getStyleClass().add("details-status");
        status.setWrapText(true);
        status.setTooltip(new Tooltip("Where the run is in its life, and the engine's last message"));
        learning.setId("details-learning");
        learning.getStyleClass().add("details-status");
        learning.setWrapText(true);
        learning.setTooltip(new Tooltip("Runs that did not learn are grey in the picture (View > Did-not-learn threshold…)"));
        learning.managedProperty().bind(learning.visibleProperty());
        folder.setEditable(false);
        folder.getStyleClass().add("details-folder");
        folder.setTooltip(new Tooltip("The run's folder (run.json, predictions.npy, ...); select to copy part of it"));
        HBox.setHgrow(folder, Priority.ALWAYS);
        copyPath.setTooltip(new Tooltip("Copy the run folder's full path to the clipboard"));
        copyPath.setOnAction(e -> copyFolder());
        checkpointTitle.getStyleClass().add("details-section");

        HBox named = new HBox(8, swatch, title);
        named.setAlignment(Pos.CENTER_LEFT);
        HBox folderRow = new HBox(8, folder, copyPath);
        folderRow.setAlignment(Pos.CENTER_LEFT);
        VBox content = new VBox(10, named, status, learning, folderRow, checkpointTitle, checkpointRows, specGroups);
        content.setPadding(new Insets(10, 14, 14, 14));
        details = new ScrollPane(content);
        details.setFitToWidth(true);

        model.selectedRunProperty().addListener((o, a, b) -> refresh());
        model.selectedCheckpointProperty().addListener((o, a, b) -> refresh());
        model.probeProperty().addListener((o, a, b) -> refresh());
        model.learningRuleProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    private static GridPane rowsGrid() {
        GridPane g = new GridPane();
        g.setHgap(18);
        g.setVgap(4);
        ColumnConstraints key = new ColumnConstraints();
        key.setMinWidth(170);
        ColumnConstraints value = new ColumnConstraints();
        value.setHgrow(Priority.ALWAYS);
        g.getColumnConstraints().addAll(key, value);
        g.getStyleClass().add("details-table");
        return g;
    }

    private void refresh() {
        RunItem run = model.selectedRun();
        watch(run);
        values.clear();
        if (run == null) {
            setCenter(hint);
            BorderPane.setAlignment(hint, Pos.CENTER);
            return;
        }
        setCenter(details);
        RunState s = run.state();
        swatch.setFill(run.colour());
        title.setText(s.name());
        status.setText(statusLine(s) + FineTuning.of(s)
                .map(f -> "; " + f.describe(f.parentIn(model.runs().stream().map(RunItem::state).toList()))).orElse(""));
        LearningRule.Verdict verdict = model.verdict(run);
        learning.setText(verdict.marked() ? verdict.reason() : "");
        learning.setVisible(verdict.marked());
        folder.setText(s.dir() == null ? "" : s.dir().toAbsolutePath().normalize().toString());
        copyPath.setDisable(s.dir() == null);
        showCheckpoint(s, model.selectedCheckpoint());
        specGroups.getChildren().clear();
        for (SpecTable.Group g : SpecTable.of(s.spec())) {
            Label header = new Label(g.title());
            header.getStyleClass().add("details-section");
            GridPane grid = rowsGrid();
            for (SpecTable.Row r : g.rows()) addRow(grid, r.label(), r.value());
            specGroups.getChildren().addAll(header, grid);
        }
    }

    /** "Finished after 8 checkpoints", not "Finished: Finished after ...": the phase only when the message lacks it. */
    static String statusLine(RunState s) {
        String phase = s.phase().label();
        String message = s.message() == null ? "" : s.message().strip();
        if (message.isEmpty()) return phase;
        return message.toLowerCase(Locale.ROOT).startsWith(phase.toLowerCase(Locale.ROOT))
                ? message : phase + ": " + message;
    }

    private void showCheckpoint(RunState s, CheckpointRef ref) {
        checkpointRows.getChildren().clear();
        List<CheckpointMetrics> metrics = s.metrics();
        int index = ref != null && ref.run().equals(s.name()) ? indexOf(metrics, ref) : metrics.size() - 1;
        if (index < 0) {
            checkpointTitle.setText("No checkpoint yet");
            return;
        }
        boolean chosen = ref != null && ref.run().equals(s.name());
        checkpointTitle.setText((chosen ? "Checkpoint " : "Last checkpoint, ") + (index + 1) + " of " + metrics.size());
        CheckpointMetrics m = metrics.get(index);
        addRow(checkpointRows, "Step", Long.toString(m.step()));
        addRow(checkpointRows, "Epoch", Figures.epoch(m.epoch()));
        addRow(checkpointRows, "Train loss", Figures.significant(m.trainLoss()));
        addRow(checkpointRows, "Train accuracy", Figures.percent(m.trainAccuracy()));
        addRow(checkpointRows, "Test loss", Figures.significant(m.testLoss()));
        addRow(checkpointRows, "Test accuracy", Figures.percent(m.testAccuracy()));
        PointInfo p = pointOf(s.name(), index);
        String probe = model.picture().title();
        boolean imprinted = model.probeProperty().get() == ExplorerSession.Probe.IMPRINTED;
        addRow(checkpointRows, imprinted ? "Progress on the full task" : "Progress to truth",
                p == null ? Figures.MISSING : Figures.significant(p.progress()),
                "Progress lambda along the ignorance-to-truth geodesic (0 = ignorance, 1 = truth), in the " + probe + " picture"
                        + (imprinted ? ": the geodesic of the full problem's classes on the shared probe, whatever task the run learned" : ""));
        addRow(checkpointRows, "Distance to geodesic", p == null ? Figures.MISSING : Figures.significant(p.geodesicDistance()),
                "Bhattacharyya distance from this checkpoint to the geodesic at that progress, in the " + probe + " picture");
    }

    /** The checkpoint's position in the metrics: its index when the step agrees, else found by step. */
    private static int indexOf(List<CheckpointMetrics> metrics, CheckpointRef ref) {
        int i = ref.checkpoint();
        if (i >= 0 && i < metrics.size() && metrics.get(i).step() == ref.step()) return i;
        for (int k = 0; k < metrics.size(); k++) if (metrics.get(k).step() == ref.step()) return k;
        return -1;
    }

    private PointInfo pointOf(String run, int checkpoint) {
        for (PointInfo p : model.picture().frame().points()) {
            if (p.checkpoint() == checkpoint && p.run().equals(run)) return p;
        }
        return null;
    }

    private void addRow(GridPane grid, String key, String value) { addRow(grid, key, value, null); }

    private void addRow(GridPane grid, String key, String value, String explanation) {
        Label k = new Label(key);
        k.getStyleClass().add("details-key");
        Label v = new Label(value);
        v.getStyleClass().add("details-value");
        v.setWrapText(true);
        if (explanation != null) {
            k.setTooltip(new Tooltip(explanation));
            v.setTooltip(new Tooltip(explanation));
        }
        grid.addRow(grid.getRowCount(), k, v);
        values.putIfAbsent(key, v);
    }

    /** Follows the selected run's state (a live run gains checkpoints), throttled. */
    private void watch(RunItem run) {
        if (run == watched) return;
        if (watched != null) watched.stateProperty().removeListener(stateListener);
        watched = run;
        if (run != null) run.stateProperty().addListener(stateListener);
    }

    private final ChangeListener<RunState> stateListener = (o, a, b) -> liveRefresh.request();

    private void copyFolder() {
        ClipboardContent c = new ClipboardContent();
        c.putString(folder.getText());
        Clipboard.getSystemClipboard().setContent(c);
    }

    // ---- for tests ----------------------------------------------------------------------

    /** The text shown for the row labelled {@code key}, or null when there is none. */
    String value(String key) {
        Label l = values.get(key);
        return l == null ? null : l.getText();
    }

    boolean showsHint() { return getCenter() == hint; }

    String checkpointTitle() { return checkpointTitle.getText(); }

    String statusText() { return status.getText(); }

    String learningText() { return learning.isVisible() ? learning.getText() : ""; }

    String folderText() { return folder.getText(); }

    Button copyPathButton() { return copyPath; }

    Label titleLabel() { return title; }
}
