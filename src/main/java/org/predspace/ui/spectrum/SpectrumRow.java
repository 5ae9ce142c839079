package org.predspace.ui.spectrum;

import java.util.Locale;

/**
 * A line of the summary table: one kind of spectrum of one compared checkpoint, and where its
 * computation stands (done, refused, failed or running).
 *
 * @param outcome     null until computed
 * @param computation null unless running
 * @param failure     null unless the computation failed
 */
record SpectrumRow(ComparedCheckpoint compared, SpectrumKey key, SpectrumOutcome outcome,
                   SpectrumComputation computation, String failure) {
    boolean hasSpectrum() { return outcome != null && outcome.spectrum() != null; }

    String label() { return compared.label(outcome == null ? null : outcome.choice()); }

    /** The step whose parameters were used, once known. */
    String step() {
        if (outcome == null || outcome.choice() == null) return Long.toString(key.step());
        SnapshotChoice c = outcome.choice();
        return c.exact() ? Long.toString(c.step()) : c.step() + " (for " + c.requested() + ")";
    }

    /** Plain text for a state without a progress bar. */
    String status(boolean runOpen) {
        if (failure != null) return "failed: " + failure;
        if (outcome != null && outcome.isRefused()) return outcome.refusal();
        if (hasSpectrum()) {
            int all = outcome.spectrum().eigenvalues().length;
            return String.format(Locale.ROOT, "done in %.1f s; %d of %d eigenvalues drawn",
                    outcome.spectrum().seconds(), outcome.plottedCount(), all);
        }
        return runOpen ? "waiting" : "run " + key.run() + " is not open";
    }
}
