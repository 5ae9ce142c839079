package org.predspace.spectra;

/**
 * Eigenvalues of one matrix at one checkpoint, largest first.
 *
 * @param kind          which matrix
 * @param eigenvalues   descending; for the Fisher all n C (or n) Gram eigenvalues, including the
 *                      numerically zero ones; for the Hessian the converged Ritz values asked for
 * @param samples       n, the samples the matrix was averaged over
 * @param parameters    P, the dimension of weight space (or of the input for {@link SpectrumKind#INPUT})
 * @param eigenvectors  unit eigenvectors in weight (or input) space for the leading eigenvalues,
 *                      row j for eigenvalue j; empty when none were asked for
 * @param seconds       wall-clock time of the computation
 */
public record Spectrum(SpectrumKind kind, double[] eigenvalues, int samples, int parameters,
                       double[][] eigenvectors, double seconds) {
    public Spectrum {
        eigenvalues = eigenvalues.clone();
        for (int i = 1; i < eigenvalues.length; i++) {
            if (eigenvalues[i] > eigenvalues[i - 1]) throw new IllegalArgumentException("eigenvalues must be sorted largest first");
        }
    }

    public double largest() { return eigenvalues.length == 0 ? Double.NaN : eigenvalues[0]; }

    Spectrum withSeconds(double s) { return new Spectrum(kind, eigenvalues, samples, parameters, eigenvectors, s); }
}
