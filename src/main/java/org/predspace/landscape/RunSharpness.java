package org.predspace.landscape;

import org.predspace.data.DataFormatException;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.spectra.TaskMonitor;

/**
 * Placeholder on branch l19-tab: the sharpness computation is built on branch l19-sharp, which
 * replaces this file at merge. It has that branch's signature so the Landscape panel compiles
 * against it; until then the panel's sharpness chart reports this message as its failure.
 */
public final class RunSharpness {
    private RunSharpness() {}

    public static SharpnessCurve of(Run run, DatasetCatalog catalog, int samples, TaskMonitor monitor)
            throws RunFormatException, DataFormatException {
        throw new IllegalStateException("sharpness is built on branch l19-sharp");
    }
}
