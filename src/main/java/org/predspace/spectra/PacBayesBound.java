package org.predspace.spectra;

/**
 * The effective-dimension PAC-Bayes bound of [C] (docs/science.md §7), from the Hessian eigenvalues:
 * d0 = #{lambda_i > eps / a}, KL = 0.5 (sum_{i<=d0} ln(a lambda_i / eps) + eps ||w||^2),
 * K = sqrt(2 (KL + ln(2n / delta)) / (n - 1)), bound = d0 / a + sqrt((d0 / a) K) + K.
 *
 * @param eps    prior precision scale
 * @param a      posterior-to-prior scale of the eigen-directions
 * @param delta  confidence: the bound holds with probability 1 - delta
 */
public record PacBayesBound(double eps, double a, double delta) {
    public PacBayesBound {
        if (!(eps > 0) || !(a > 0) || !(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("PAC-Bayes needs eps > 0, a > 0 and delta in (0, 1)");
        }
    }

    public record Result(int effectiveDimension, double kl, double complexity, double bound) {}

    /**
     * @param hessianEigenvalues  largest first (a Lanczos top-k suffices when its smallest is below eps / a)
     * @param weightNormSquared   ||w||^2 of the checkpoint
     * @param samples             n, the training-set size the bound is about
     */
    public Result evaluate(double[] hessianEigenvalues, double weightNormSquared, int samples) {
        if (samples < 2) throw new IllegalArgumentException("PAC-Bayes needs n >= 2");
        double cut = eps / a;
        int d0 = 0;
        double logSum = 0;
        for (double v : hessianEigenvalues) {
            if (v > cut) {
                d0++;
                logSum += Math.log(a * v / eps);
            }
        }
        double kl = 0.5 * (logSum + eps * weightNormSquared);
        double k = Math.sqrt(2 * (kl + Math.log(2.0 * samples / delta)) / (samples - 1));
        double ratio = d0 / a;
        return new Result(d0, kl, k, ratio + Math.sqrt(ratio * k) + k);
    }
}
