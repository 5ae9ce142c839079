package org.predspace.ui;

import org.predspace.landscape.ModelGrid;

/**
 * What the Landscape panel asks the 3D picture to draw: the models of a line or a plane of run
 * {@code run}'s network (rebuilt from checkpoint {@code step}'s spec), placed in prediction space
 * as a loss-coloured curve or sheet (the canyon, docs/science.md §8), and optionally one of them
 * marked (a clicked cell of the plane; row and column -1 when none).
 */
public record LandscapeOverlay(String title, String run, long step, ModelGrid models, int markedRow, int markedColumn) {
    public LandscapeOverlay {
        if (markedRow >= models.rows() || markedColumn >= models.columns()) {
            throw new IllegalArgumentException("marked cell (" + markedRow + ", " + markedColumn + ") outside a grid of "
                    + models.rows() + " x " + models.columns());
        }
    }

    public boolean hasMarked() { return markedRow >= 0 && markedColumn >= 0; }

    /** The same models with another cell marked. */
    public LandscapeOverlay marking(int row, int column) {
        return new LandscapeOverlay(title, run, step, models, row, column);
    }
}
