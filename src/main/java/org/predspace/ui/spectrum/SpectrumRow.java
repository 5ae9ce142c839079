package org.predspace.ui.spectrum;

import java.util.Arrays;
import java.util.Locale;
import org.predspace.spectra.LogDensity;
import org.predspace.ui.SnapshotChoice;

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
            double[] eigenvalues = outcome.spectrum().eigenvalues();
            int drawn = outcome.plottedCount();
            long negative = Arrays.stream(eigenvalues).filter(v -> v < 0).count();
            String done = String.format(Locale.ROOT, "done in %.1f s; %d of %d eigenvalues drawn",
                    outcome.spectrum().seconds(), drawn, eigenvalues.length);
            if (drawn == eigenvalues.length) return done;
            // the ones a log axis cannot show are said, not silently dropped
            return done + String.format(Locale.ROOT, " (%d at or below the floor %.1e%s)", eigenvalues.length - drawn,
                    outcome.floor(), negative > 0 ? ", " + negative + " of them negative" : "");
        }
        if (outcome != null && outcome.density() != null) {
            LogDensity d = SpectrumChart.logDensity(outcome.density(), new SpectrumView(false, SpectrumView.Plot.RANK));
            return String.format(Locale.ROOT, "done in %.1f s; %.0f%% of the eigenvalue weight drawn, %.0f%% at or below "
                            + "1e-8 of the largest node (%.0f%% negative)", outcome.density().seconds(), 100 * d.weightDrawn(),
                    100 * d.weightNotDrawn(), 100 * d.weightNegative());
        }
        return runOpen ? "waiting" : "run " + key.run() + " is not open";
    }
}
