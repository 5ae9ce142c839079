package org.predspace.ui.landscape;

import org.predspace.landscape.ModelGrid;
import org.predspace.landscape.PlaneGrid;
import org.predspace.landscape.PlaneSlice;

/** A plane with its grid as far as evaluated (cells not yet reached are NaN). */
record PlaneResult(PlaneRequest request, PlaneSlice slice, PlaneGrid grid) {
    ModelGrid models() { return ModelGrid.plane(slice, grid); }
}
