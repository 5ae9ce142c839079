package org.predspace.landscape;

import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.LinearOperator;
import org.predspace.spectra.Samples;
import org.predspace.platform.JobMonitor;

import java.util.Arrays;

/**
 * G v for the Gauss-Newton part of the Hessian of the mean cross-entropy on n samples,
 * G = 1/n sum_i J_i^T (diag(p_i) - p_i p_i^T) J_i with J_i the Jacobian of sample i's logits: the
 * whole Hessian for softmax regression, and its top eigenvalues for trained networks (the
 * outliers the edge of stability is about; docs/science.md §8).
 *
 * <p>Why not H v by central differences of gradients (HessianVectorProduct): in a ReLU network
 * every (sample, unit) pair whose pre-activation changes sign between w - h v and w + h v adds a
 * gradient jump divided by 2 h; the number of such pairs grows like h, so their sum does not shrink
 * with h. On 1,000 Fashion images the top "eigenvalue" of those products scattered by a factor of
 * 5 between neighbouring steps. Here only probabilities are differenced: u_i = (p_i(w + h v) -
 * p_i(w - h v)) / 2 h is (diag(p) - p p^T) J_i v, smooth in the logits, which are continuous in w,
 * so a kink only bends the difference by O(h). Then one back-propagation: the cross-entropy
 * gradient with soft targets t_i = p_i - u_i is sum_i J_i^T (p_i - t_i) = sum_i J_i^T u_i (the u_i
 * sum to zero over the classes, as probabilities do).
 */
final class GaussNewtonProduct implements LinearOperator {
    private static final int CHUNK = 250;
    private final CheckpointModel model;
    private final Samples samples;
    private final double step;
    private final JobMonitor monitor;
    private final double[] w0;
    private final double[] p0;

    GaussNewtonProduct(CheckpointModel model, Samples samples, double step, JobMonitor monitor) {
        if (!(step > 0)) throw new IllegalArgumentException("finite-difference step must be positive, got " + step);
        this.model = model;
        this.samples = samples;
        this.step = step;
        this.monitor = monitor;
        this.w0 = model.parameters();
        this.p0 = probabilities();
    }

    @Override
    public int dimension() { return w0.length; }

    @Override
    public void apply(double[] v, double[] out) {
        monitor.checkCancelled();
        double norm = 0;
        for (double x : v) norm += x * x;
        norm = Math.sqrt(norm);
        Arrays.fill(out, 0);
        if (norm == 0) return;
        double h = step / norm;
        double[] w = new double[w0.length];
        for (int i = 0; i < w.length; i++) w[i] = w0[i] + h * v[i];
        model.setParameters(w);
        double[] plus = probabilities();
        for (int i = 0; i < w.length; i++) w[i] = w0[i] - h * v[i];
        model.setParameters(w);
        double[] minus = probabilities();
        model.setParameters(w0);
        double[] targets = new double[p0.length];
        for (int k = 0; k < targets.length; k++) targets[k] = p0[k] - (plus[k] - minus[k]) / (2 * h);
        int c = model.classCount();
        double[] g = new double[w0.length];
        for (int first = 0; first < samples.size(); first += CHUNK) {
            monitor.checkCancelled();
            int rows = Math.min(CHUNK, samples.size() - first);
            model.lossGradient(samples.features(), first, rows, Arrays.copyOfRange(targets, first * c, (first + rows) * c), g);
            for (int i = 0; i < out.length; i++) out[i] += g[i];
        }
        double mean = 1.0 / samples.size();
        for (int i = 0; i < out.length; i++) out[i] *= mean;
    }

    private double[] probabilities() {
        int c = model.classCount();
        double[] p = new double[samples.size() * c];
        for (int first = 0; first < samples.size(); first += CHUNK) {
            int rows = Math.min(CHUNK, samples.size() - first);
            System.arraycopy(model.probabilities(samples.features(), first, rows), 0, p, first * c, rows * c);
        }
        return p;
    }
}
