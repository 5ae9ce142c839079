package org.predspace.geometry;

import javafx.geometry.Point2D;

/** Test fixture only: a "core" class that wrongly uses JavaFX, to prove ArchitectureTest can fail. */
public final class FxLeak {
    public Point2D origin() { return Point2D.ZERO; }
}
