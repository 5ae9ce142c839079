package org.predspace.spectra;

/**
 * What the Spectrum panel (or the CLI) asks for at one checkpoint.
 *
 * @param kind          which matrix
 * @param samples       n, how many of the run's probe samples (class-balanced subset)
 * @param k             Hessian: how many leading eigenvalues (all P when P <= 5000)
 * @param bothEnds      Hessian: also the k most negative
 * @param eigenvectors  Fisher / input: how many leading eigenvectors to return (0: none)
 * @param hessianStep   finite-difference step of the Hessian-vector products
 * @param density       stochastic Lanczos quadrature options
 */
public record SpectrumRequest(SpectrumKind kind, int samples, int k, boolean bothEnds, int eigenvectors,
                              double hessianStep, SpectralDensity.Options density) {
    public SpectrumRequest {
        if (samples < 1) throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        if (eigenvectors < 0) throw new IllegalArgumentException("eigenvectors must be >= 0, got " + eigenvectors);
    }

    /** The defaults: n = 500, k = 100, no eigenvectors, default step and density options. */
    public static SpectrumRequest of(SpectrumKind kind) {
        return new SpectrumRequest(kind, FisherSpectrum.DEFAULT_SAMPLES, HessianSpectrum.DEFAULT_K, false, 0,
                HessianVectorProduct.DEFAULT_STEP, SpectralDensity.Options.defaults());
    }

    public SpectrumRequest withSamples(int n) { return new SpectrumRequest(kind, n, k, bothEnds, eigenvectors, hessianStep, density); }
    public SpectrumRequest withK(int newK) { return new SpectrumRequest(kind, samples, newK, bothEnds, eigenvectors, hessianStep, density); }
    public SpectrumRequest withBothEnds(boolean b) { return new SpectrumRequest(kind, samples, k, b, eigenvectors, hessianStep, density); }
    public SpectrumRequest withEigenvectors(int e) { return new SpectrumRequest(kind, samples, k, bothEnds, e, hessianStep, density); }
    public SpectrumRequest withHessianStep(double h) { return new SpectrumRequest(kind, samples, k, bothEnds, eigenvectors, h, density); }
    public SpectrumRequest withDensity(SpectralDensity.Options d) { return new SpectrumRequest(kind, samples, k, bothEnds, eigenvectors, hessianStep, d); }
}
