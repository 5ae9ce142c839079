package org.predspace.ui.spectrum;

import org.predspace.spectra.SpectralDensity;
import org.predspace.spectra.Spectrum;
import org.predspace.spectra.SpectrumSummary;
import org.predspace.ui.SnapshotChoice;

/**
 * What a spectrum computation ended with: the spectrum (or, kind density, the spectral density)
 * of the snapshot that stood in for the asked step, or a plain reason why there is none (no
 * snapshots, batch norm refused by the spectra code). A reason is an answer shown in the panel,
 * not a failure.
 *
 * @param choice   which snapshot was used; null when refused
 * @param spectrum null when refused or a density
 * @param summary  null when refused or a density
 * @param density  null unless a density was computed
 * @param refusal  null unless refused
 */
public record SpectrumOutcome(SpectrumKey key, SnapshotChoice choice, Spectrum spectrum, SpectrumSummary summary,
                              SpectralDensity.Density density, String refusal) {
    /** Effective dimension counts eigenvalues above this fraction of the largest, as the CLI does by default. */
    public static final double EFFECTIVE_THRESHOLD = 1e-3;

    public static SpectrumOutcome computed(SpectrumKey key, SnapshotChoice choice, Spectrum spectrum) {
        double[] values = spectrum.eigenvalues();
        SpectrumSummary summary = values.length == 0 ? null
                : SpectrumSummary.of(values, SpectrumSummary.relativeFloor(spectrum.kind()), EFFECTIVE_THRESHOLD * spectrum.largest());
        return new SpectrumOutcome(key, choice, spectrum, summary, null, null);
    }

    public static SpectrumOutcome density(SpectrumKey key, SnapshotChoice choice, SpectralDensity.Density density) {
        return new SpectrumOutcome(key, choice, null, null, density, null);
    }

    public static SpectrumOutcome refused(SpectrumKey key, String reason) {
        return new SpectrumOutcome(key, null, null, null, null, reason);
    }

    public boolean isRefused() { return refusal != null; }

    /** The smallest eigenvalue a log axis draws: the numerical floor below which an eigenvalue is zero. */
    public double floor() {
        return summary == null ? 0 : Math.max(0, summary.relativeFloor() * summary.largest());
    }

    /** The eigenvalues drawn on a log axis: the positive ones above the numerical floor, largest first. */
    public int plottedCount() {
        if (spectrum == null || summary == null) return 0;
        double floor = floor();
        int count = 0;
        for (double v : spectrum.eigenvalues()) if (v > floor) count++;
        return count;
    }
}
