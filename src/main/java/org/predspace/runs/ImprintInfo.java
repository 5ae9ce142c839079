package org.predspace.runs;

import java.util.Objects;

/**
 * What run.json says about a run's imprinted predictions (docs/run-format.md, "Imprinted
 * predictions"): the network's penultimate features turned into predictions over all classes
 * of the full problem, so runs trained on different tasks share one prediction space
 * (docs/science.md, the space of tasks).
 *
 * @param classes    C of the full problem; the imprinted labels are in [0, C)
 * @param probe      the shared probe the imprinted predictions are on (every task's run has the same one)
 * @param prototypes the samples the class prototypes were averaged over (never the probe)
 */
public record ImprintInfo(int classes, ProbeInfo probe, ProbeInfo prototypes) {
    public ImprintInfo {
        if (classes < 1) throw new IllegalArgumentException("imprinted classes must be at least 1, got " + classes);
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(prototypes, "prototypes");
    }
}
