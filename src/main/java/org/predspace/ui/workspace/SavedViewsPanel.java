package org.predspace.ui.workspace;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.predspace.ui.ExplorerModel;

/**
 * The list of saved views: click one to recall it, double-click its name to rename it. The
 * first nine carry their key (1-9); Ctrl+1-9 saves the picture into that slot.
 */
public final class SavedViewsPanel extends VBox {
    private final ExplorerModel model;
    private final SavedViews views;
    private final ListView<SavedView> list = new ListView<>();

    public SavedViewsPanel(ExplorerModel model, SavedViews views) {
        super(8);
        this.model = model;
        this.views = views;
        setPadding(new Insets(10));
        getStyleClass().add("saved-views-panel");
        list.setId("saved-views");
        list.setItems(model.savedViews());
        list.setEditable(true);
        list.setOnEditCommit(e -> model.replaceView(e.getIndex(), e.getNewValue()));
        list.setCellFactory(l -> new ViewCell());
        list.setPlaceholder(new Label("No saved views yet.\nArrange the picture, then press Save view (or Ctrl+1…9)."));
        list.setOnMouseClicked(e -> {
            SavedView v = list.getSelectionModel().getSelectedItem();
            if (v != null && e.getClickCount() == 1) views.recall(v);
        });
        list.setOnKeyPressed(e -> {
            SavedView v = list.getSelectionModel().getSelectedItem();
            if (v != null && e.getCode() == KeyCode.ENTER) views.recall(v);
            if (v != null && e.getCode() == KeyCode.DELETE) model.removeView(v);
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        Button save = button("Save view", "Save the picture as it is now (camera, shown runs, colouring, time) as a new view", () -> {
            views.store(model.savedViews().size() + 1);
            list.getSelectionModel().selectLast();
        });
        save.setId("save-view");
        Button update = button("Update", "Replace the selected view with the picture as it is now", () -> {
            int i = list.getSelectionModel().getSelectedIndex();
            if (i >= 0) views.store(i + 1);
        });
        Button up = button("↑", "Move the selected view up (its key changes)", () -> move(-1));
        Button down = button("↓", "Move the selected view down (its key changes)", () -> move(1));
        Button delete = button("Delete", "Delete the selected view", () -> {
            int i = list.getSelectionModel().getSelectedIndex();
            if (i >= 0) model.removeView(i);
        });
        for (Button b : new Button[] {update, up, down, delete}) {
            b.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        }
        Label hint = new Label("Keys 1–9 recall a view (also in presentation mode, F5); Ctrl+1–9 saves into that slot. "
                + "Views are stored in the workspace (File › Save workspace).");
        hint.setWrapText(true);
        hint.getStyleClass().add("panel-hint");
        getChildren().addAll(new HBox(6, save, update, up, down, delete), list, hint);
    }

    private void move(int by) {
        int i = list.getSelectionModel().getSelectedIndex();
        int j = i + by;
        if (i < 0 || j < 0 || j >= model.savedViews().size()) return;
        model.moveView(i, j);
        list.getSelectionModel().select(j);
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** "3  Name" for the first nine; double-click edits the name in place. */
    private final class ViewCell extends ListCell<SavedView> {
        private final TextField editor = new TextField();

        ViewCell() {
            editor.setOnAction(e -> commitName());
            editor.setOnKeyPressed(e -> { if (e.getCode() == KeyCode.ESCAPE) cancelEdit(); });
        }

        @Override
        protected void updateItem(SavedView v, boolean empty) {
            super.updateItem(v, empty);
            if (empty || v == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            int slot = getIndex() + 1;
            setText((slot <= SavedViews.SLOTS ? slot + "   " : "     ") + v.name());
            setGraphic(null);
        }

        @Override
        public void startEdit() {
            if (getItem() == null) return;
            super.startEdit();
            editor.setText(getItem().name());
            setText(null);
            setGraphic(editor);
            editor.requestFocus();
            editor.selectAll();
        }

        @Override
        public void cancelEdit() {
            super.cancelEdit();
            updateItem(getItem(), getItem() == null);
        }

        private void commitName() {
            String name = editor.getText().strip();
            if (name.isEmpty()) {
                cancelEdit();
                return;
            }
            commitEdit(getItem().named(name));   // the list's commit handler replaces it in the model
        }
    }
}
