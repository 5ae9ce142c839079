package org.predspace.runs;

import org.predspace.data.Dataset;

/** Test fixture only: the run format depending on the data sets beside it, to prove ArchitectureTest can fail. */
public final class ReachesSideways {
    public void of(Dataset dataset) {}
}
