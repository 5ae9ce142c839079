package org.predspace.ui;

import com.sun.javafx.tk.Toolkit;

/** Test fixture only: a UI class that uses JavaFX internals outside ui.platform, to prove ArchitectureTest can fail. */
public final class ReachesIntoPrism {
    public Object toolkit() { return Toolkit.getToolkit(); }
}
