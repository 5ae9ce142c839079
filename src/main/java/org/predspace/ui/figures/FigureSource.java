package org.predspace.ui.figures;

import java.util.List;

/** A panel with charts to export: its whole figure (File > Export) and each chart (their context menus). */
public interface FigureSource {
    /** Everything the panel plots, as one figure. */
    Figure figure();

    /** Each chart on its own; a panel whose charts only make sense together gives its figure. */
    List<Figure> charts();
}
