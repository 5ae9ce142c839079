package org.predspace.runs;

import java.util.Objects;

/**
 * What a {@link RunWriter} needs to record imprinted predictions: run.json's imprint block and
 * the full problem's labels of the shared probes.
 *
 * @param testLabels labels of the shared held-out probe, or null when the imprinted predictions have none
 */
public record ImprintedProbe(ImprintInfo info, int[] labels, int[] testLabels) {
    public ImprintedProbe {
        Objects.requireNonNull(info, "info");
        if (labels.length != info.probe().size()) {
            throw new IllegalArgumentException(labels.length + " imprinted probe labels for a probe of size " + info.probe().size());
        }
    }
}
