package org.predspace.ui.chapters;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.RunItem;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The lecture's chapters in tour order, and their editor: show one, add the picture as it is
 * now as a chapter, rename, reorder, delete, write the caption and the reference, save the
 * chapters to a chapters file or load them from one. Edits replace the chapter in the model's
 * list, so workspaces and the tour see them at once.
 */
public final class ChaptersPanel extends VBox {
    private final ExplorerModel model;
    private final ChapterTour tour;
    private final ListView<Chapter> list = new ListView<>();
    private final TextField title = new TextField();
    private final TextArea caption = new TextArea();
    private final TextArea reference = new TextArea();
    /** Set while the editor fields are filled from the list, or the list from the fields: no echo back. */
    private boolean updating;

    public ChaptersPanel(ExplorerModel model, ChapterTour tour) {
        super(8);
        this.model = model;
        this.tour = tour;
        setPadding(new Insets(10));
        getStyleClass().add("chapters-panel");
        list.setId("chapters-list");
        list.setItems(model.chapters());
        list.setCellFactory(l -> new ChapterCell());
        list.setPlaceholder(new Label("No chapters yet.\nArrange the picture, then press Add chapter from this view,\n"
                + "or load a chapters.json."));
        list.setOnMouseClicked(e -> { if (e.getClickCount() == 2) showSelected(); });
        list.setOnKeyPressed(e -> { if (e.getCode() == KeyCode.ENTER) showSelected(); });
        list.getSelectionModel().selectedIndexProperty().addListener((o, was, is) -> fillEditor());
        // stepping through the tour (presentation keys) moves the editor with it
        tour.currentProperty().addListener((o, was, is) -> {
            if (is.intValue() >= 0 && !updating) list.getSelectionModel().select(is.intValue());
            list.refresh();
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        Button show = button("Show", "chapters-show", "Show the selected chapter: its runs, colouring, axes, camera, "
                + "panels and selection (double-click or Enter in the list does the same)", this::showSelected);
        Button add = button("Add chapter from this view", "chapters-add", "Add the picture as it is now (shown runs, colouring, "
                + "axes, time, camera, the panel in front and its mode, the selection) as a chapter after the selected one",
                this::addFromView);
        Button up = button("↑", "chapters-up", "Move the selected chapter earlier in the tour", () -> move(-1));
        Button down = button("↓", "chapters-down", "Move the selected chapter later in the tour", () -> move(1));
        Button delete = button("Delete", "chapters-delete", "Delete the selected chapter", () -> {
            int i = list.getSelectionModel().getSelectedIndex();
            if (i >= 0) model.removeChapter(i);
        });
        for (Button b : new Button[] {show, up, down, delete}) {
            b.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        }

        title.setId("chapters-title");
        title.setTooltip(new Tooltip("The chapter's title: the claim it shows, in a few words"));
        caption.setId("chapters-caption");
        caption.setWrapText(true);
        caption.setPrefRowCount(4);
        caption.setTooltip(new Tooltip("Two or three sentences shown with the chapter: what to look at in the picture, and why"));
        reference.setId("chapters-reference");
        reference.setWrapText(true);
        reference.setPrefRowCount(2);
        reference.setTooltip(new Tooltip("The paper the claim comes from, shown under the caption"));
        writeBack(title, (c, text) -> text.isBlank() ? c : c.withTitle(text.strip()));
        writeBack(caption, Chapter::withCaption);
        writeBack(reference, Chapter::withReference);
        for (TextInputControl t : List.of(title, caption, reference)) {
            t.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        }

        Button save = button("Save chapters…", "chapters-save", "Write these chapters to a chapters file; as chapters.json in "
                + "a folder of runs they open with the runs (docs/chapters.md)", this::chooseAndSave);
        Button load = button("Load chapters…", "chapters-load", "Replace these chapters with those of a chapters file",
                this::chooseAndLoad);
        Label hint = new Label("Presentation mode steps through the chapters. Workspaces keep them too (File › Save workspace).");
        hint.setWrapText(true);
        hint.getStyleClass().add("panel-hint");
        getChildren().addAll(new HBox(6, show, add, up, down, delete), list, new Label("Title"), title, new Label("Caption"),
                caption, new Label("Reference"), reference, new HBox(6, save, load), hint);
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private void showSelected() {
        int i = list.getSelectionModel().getSelectedIndex();
        if (i >= 0) tour.show(i);
    }

    /** The picture as it is now, as a new chapter after the selected one (else last), selected. */
    void addFromView() {
        int at = list.getSelectionModel().getSelectedIndex() + 1;
        if (at == 0) at = model.chapters().size();
        model.addChapter(at, tour.capture(freshTitle()));
        list.getSelectionModel().select(at);
        title.requestFocus();
        title.selectAll();
    }

    private String freshTitle() {
        List<String> taken = model.chapters().stream().map(Chapter::title).toList();
        int n = model.chapters().size() + 1;
        while (taken.contains("Chapter " + n)) n++;
        return "Chapter " + n;
    }

    private void move(int by) {
        int i = list.getSelectionModel().getSelectedIndex();
        int j = i + by;
        if (i < 0 || j < 0 || j >= model.chapters().size()) return;
        model.moveChapter(i, j);
        list.getSelectionModel().select(j);
    }

    private void fillEditor() {
        if (updating) return;
        Chapter c = list.getSelectionModel().getSelectedItem();
        updating = true;
        try {
            title.setText(c == null ? "" : c.title());
            caption.setText(c == null ? "" : c.caption());
            reference.setText(c == null ? "" : c.reference());
        } finally {
            updating = false;
        }
    }

    /** Typing in {@code field} replaces the selected chapter with {@code edit} of it. */
    private void writeBack(TextInputControl field, BiFunction<Chapter, String, Chapter> edit) {
        field.textProperty().addListener((o, was, text) -> {
            if (!updating) replaceSelected(c -> edit.apply(c, text));
        });
    }

    private void replaceSelected(UnaryOperator<Chapter> edit) {
        int i = list.getSelectionModel().getSelectedIndex();
        if (i < 0) return;
        Chapter old = model.chapters().get(i);
        Chapter now = edit.apply(old);
        if (now.equals(old)) return;
        updating = true;
        try {
            model.replaceChapter(i, now);
            list.getSelectionModel().select(i);   // a replaced item may lose its selection
        } finally {
            updating = false;
        }
    }

    // ---- files ------------------------------------------------------------------------------

    private void chooseAndSave() {
        FileChooser chooser = chooser("Save chapters");
        chooser.setInitialFileName(ChapterFile.NAME);
        File chosen = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) save(chosen.toPath());
    }

    private void chooseAndLoad() {
        File chosen = chooser("Load chapters").showOpenDialog(getScene() == null ? null : getScene().getWindow());
        if (chosen != null) load(chosen.toPath());
    }

    /** Beside the runs: the folder that holds the first open run. */
    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Chapters (JSON)", "*.json"));
        for (RunItem r : model.runs()) {
            Path dir = r.state().dir();
            if (dir != null && dir.toAbsolutePath().getParent() != null && dir.toAbsolutePath().getParent().toFile().isDirectory()) {
                chooser.setInitialDirectory(dir.toAbsolutePath().getParent().toFile());
                break;
            }
        }
        return chooser;
    }

    /** Writes the chapters to {@code file}; a failure is reported and leaves the old file whole. */
    public void save(Path file) {
        try {
            ChapterFile.write(file, List.copyOf(model.chapters()));
            model.announceSaved(file, model.chapters().size() + " chapters");
        } catch (IOException | RuntimeException e) {
            model.reportProblem("Could not save the chapters to " + file + ": " + e.getMessage());
        }
    }

    /** Replaces the chapters with those of {@code file}; a bad file is reported and nothing changes. */
    public void load(Path file) {
        try {
            List<Chapter> read = ChapterFile.read(file);
            model.setChapters(read);
            if (!read.isEmpty()) list.getSelectionModel().select(0);
        } catch (ChapterFormatException e) {
            model.reportProblem(e.getMessage());
        } catch (IOException | RuntimeException e) {
            model.reportProblem("Could not read chapters from " + file + ": " + e.getMessage());
        }
    }

    /** "2  Title", the chapter shown last marked; the caption as its tooltip. */
    private final class ChapterCell extends ListCell<Chapter> {
        private final Tooltip tip = new Tooltip();

        ChapterCell() {
            tip.setWrapText(true);
            tip.setMaxWidth(480);
        }

        @Override
        protected void updateItem(Chapter c, boolean empty) {
            super.updateItem(c, empty);
            if (empty || c == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            boolean current = getIndex() == tour.currentProperty().get();
            setText((current ? "▶ " : "   ") + (getIndex() + 1) + "   " + c.title());
            tip.setText(c.caption().isBlank() ? "No caption yet: write it below" : c.caption());
            setTooltip(tip);
        }
    }
}
