package org.predspace.ui.landscape;

import org.predspace.landscape.LinePath;
import org.predspace.landscape.ModelGrid;

/**
 * A computed line: the path (losses, accuracies, barrier), the steps whose snapshots are its
 * ends, and its models for the 3D picture.
 */
record LineResult(LineRequest request, long fromSnapshot, long toSnapshot, LinePath path, ModelGrid models) {}
