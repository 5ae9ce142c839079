package org.predspace.geometry.distance;

import org.predspace.geometry.inpca.InPca;

/** Test fixture only: a distance class that uses InPCA above it, to prove ArchitectureTest's split rule can fail. */
public final class DistanceReachesUp {
    public void embed(InPca inPca) {}
}
