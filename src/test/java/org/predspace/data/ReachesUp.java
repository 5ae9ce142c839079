package org.predspace.data;

import org.predspace.session.ExplorerSession;

/** Test fixture only: a data class that depends on the session above it, to prove ArchitectureTest's layer rule can fail. */
public final class ReachesUp {
    public void show(ExplorerSession session) {}
}
