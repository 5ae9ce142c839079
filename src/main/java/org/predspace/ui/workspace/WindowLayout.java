package org.predspace.ui.workspace;

import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * The parts of a main window that a workspace keeps besides the model's state: the window's
 * size, the panel in front and the dividers. The window hands them over, so the workspace code
 * needs nothing else of it (and the window and its workspace do not import each other).
 *
 * @param stage  the window (its size; the owner of the file dialogs)
 * @param panels the linked panels' tabs
 * @param split  library | picture | panels
 */
public record WindowLayout(Stage stage, TabPane panels, SplitPane split) {
}
