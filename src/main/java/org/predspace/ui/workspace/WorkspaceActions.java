package org.predspace.ui.workspace;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.stage.FileChooser;
import org.predspace.runs.FailureText;
import org.predspace.ui.ExplorerModel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * File > Open / Save workspace for one window. The workspace file last opened or saved is
 * remembered, so Save writes it again. A workspace opened into a window that already shows
 * runs opens in a new window instead (a session cannot close runs), through {@code newWindow}.
 * Failures are reported in plain words; a failed save leaves the previous file as it was.
 */
public final class WorkspaceActions {
    private final WindowLayout window;
    private final ExplorerModel model;
    private final WorkspaceBinding binding;
    private final Consumer<Path> newWindow;
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>(this, "file");

    public WorkspaceActions(WindowLayout window, ExplorerModel model, Consumer<Path> newWindow) {
        this.window = window;
        this.model = model;
        this.binding = new WorkspaceBinding(window, model);
        this.newWindow = newWindow;
    }

    /** The workspace file this window was last saved to or opened from, or null. */
    public ObjectProperty<Path> fileProperty() { return file; }

    public void chooseAndOpen() {
        File f = chooser("Open workspace").showOpenDialog(window.stage());
        if (f != null) open(f.toPath());
    }

    public void save() {
        if (file.get() == null) chooseAndSave(); else saveTo(file.get());
    }

    public void chooseAndSave() {
        FileChooser c = chooser("Save workspace");
        c.setInitialFileName(file.get() != null ? file.get().getFileName().toString() : "lecture" + WorkspaceFile.EXTENSION);
        File f = c.showSaveDialog(window.stage());
        if (f == null) return;
        Path p = f.toPath();
        if (!p.getFileName().toString().endsWith(WorkspaceFile.EXTENSION)) p = p.resolveSibling(p.getFileName() + WorkspaceFile.EXTENSION);
        saveTo(p);
    }

    /** Writes the window's workspace to {@code target}; true if it was written. */
    public boolean saveTo(Path target) {
        try {
            WorkspaceFile.write(target, binding.capture());
            file.set(target);
            return true;
        } catch (IOException | RuntimeException e) {
            model.reportProblem("Could not save the workspace to " + target + ": " + FailureText.describe(e));
            return false;
        }
    }

    /** Opens {@code source} here if no run is open, else in a new window; true if it could be read. */
    public boolean open(Path source) {
        Workspace w;
        try {
            w = WorkspaceFile.read(source);
        } catch (IOException | RuntimeException e) {
            model.reportProblem("Could not open the workspace: " + FailureText.describe(e));
            return false;
        }
        if (!model.runs().isEmpty()) {
            newWindow.accept(source);
            return true;
        }
        binding.restore(w, source);
        file.set(source);
        return true;
    }

    private FileChooser chooser(String title) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("PredSpace workspace", "*" + WorkspaceFile.EXTENSION));
        if (file.get() != null && file.get().toAbsolutePath().getParent() != null) {
            c.setInitialDirectory(file.get().toAbsolutePath().getParent().toFile());
        }
        return c;
    }
}
