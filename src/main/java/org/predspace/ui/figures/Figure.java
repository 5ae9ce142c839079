package org.predspace.ui.figures;

import javafx.scene.layout.Region;

/**
 * A chart, or a panel's set of charts, as something to export: the region drawn and a short
 * name for its files ("curves-loss" becomes curves-loss.png).
 */
public record Figure(String name, Region node) {}
