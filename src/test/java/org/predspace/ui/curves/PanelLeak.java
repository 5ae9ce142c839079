package org.predspace.ui.curves;

import org.predspace.ui.MainWindow;
import org.predspace.ui.compare.ComparePanel;
import org.predspace.ui.workspace.SavedViews;

/**
 * Test fixture only: a "panel" class that reaches into the window, another panel and the
 * workspace code, to prove ArchitectureTest's panel rule can fail.
 */
public final class PanelLeak {
    public Object reach(MainWindow window, ComparePanel compare, SavedViews views) {
        return window.panels().getTabs().isEmpty() ? compare : views;
    }
}
