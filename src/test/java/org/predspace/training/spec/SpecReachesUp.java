package org.predspace.training.spec;

import org.predspace.training.TrainingRun;

/** Test fixture only: a spec class that uses the run that trains it, to prove ArchitectureTest's split rule can fail. */
public final class SpecReachesUp {
    public void start(TrainingRun run) {}
}
