package org.predspace.spectra;

import org.predspace.training.spec.NamedChoice;

/** The matrices whose spectra PredSpace computes (docs/science.md §7). */
public enum SpectrumKind implements NamedChoice {
    FIM("fim", "true Fisher information on n samples, exact non-zero eigenvalues by the Gram trick"),
    EFIM("efim", "empirical Fisher (label rows only), exact by the Gram trick"),
    HESSIAN("hessian", "Hessian of the mean cross-entropy: leading eigenvalues by Lanczos (exact when P <= 5000)"),
    INPUT("input", "input correlation X^T X / n of the samples (uncentred)"),
    DENSITY("density", "Hessian spectral density by stochastic Lanczos quadrature");

    private final String id;
    private final String description;

    SpectrumKind(String id, String description) {
        this.id = id;
        this.description = description;
    }

    @Override
    public String id() { return id; }
    public String description() { return description; }

    public static SpectrumKind fromId(String s) {
        return NamedChoice.parse(SpectrumKind.class, s, "spectrum kind");
    }
}
