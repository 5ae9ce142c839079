package org.predspace.spectra;

import org.predspace.platform.JobMonitor;
import org.predspace.training.engine.NativeBackend;

import java.nio.DoubleBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fisher information spectra by the Gram trick (docs/science.md §7, [C] FIM2 / FIM_true).
 *
 * <p>True FIM: F = (1/n) sum_i sum_c p_ic g_ic g_ic^T with g_ic = grad_w log p_w(c|x_i). Stack
 * the rows sqrt(p_ic / n) g_ic into G (nC x P); F = G^T G and K = G G^T share their non-zero
 * eigenvalues, and K is small when P is large. Empirical FIM: only the label's row per sample.
 *
 * <p>Gradients: one back-propagation per row, on a batch of one with a one-hot target
 * (DL4J's MCXENT gradient of -log p_c; the sign does not change G G^T). DL4J sums gradients
 * over a batch and has no per-sample gradients, so batching cannot help; on LeNet this costs
 * 4-9 ms per row in double precision (5,000 rows in 21-46 s, bench/fisher-bench.sh), where
 * PyTorch's vmap over per-sample Jacobians is batched. So the rows are shared out over one worker
 * per core, each on its own copy of the network (DL4J networks are not thread-safe), and the
 * loop keeps the Java heap small ({@link HeapBound}). Computing the logit Jacobian by a
 * hand-written per-sample backward pass would be faster but would duplicate every layer's maths.
 *
 * <p>K = G G^T (dsyrk) and its eigenvalues (dsyev_2stage, no eigenvectors unless asked for) run
 * with OpenBLAS on all cores for those calls only ({@link BlasThreads}).
 *
 * <p>Precision: gradients are computed in double. G is kept in double when it fits
 * {@code doubleRowsBudget} bytes, else rounded to float (LeNet, n = 500: 5000 x 44k is 1.8 GB
 * in double, 0.9 GB in float). K is always accumulated in double (dsyrk over column blocks).
 * Rounding G to float perturbs it by E with |E_ab| <= 2^-24 |G_ab|, so every singular value
 * moves by at most ||E||_2 <= 2^-24 ||G||_F = 6e-8 sqrt(tr F) (Weyl), and an eigenvalue
 * lambda = sigma^2 by at most 1.2e-7 sqrt(lambda tr F) + 3.6e-15 tr F: eigenvalues above
 * 1e-10 tr F keep 1% accuracy, above 1e-8 tr F 0.1% (a worst case; random rounding does far
 * better). That is 10 decades, more than the 8 the sloppy claim needs. Rounding K itself to
 * float (ssyrk) is far worse and is not done: see GramMatrix.
 */
public final class FisherSpectrum {
    public static final int DEFAULT_SAMPLES = 500;
    /** G is held in double below this size, in float above it (see the class comment). */
    public static final long DEFAULT_DOUBLE_ROWS_BUDGET = 512L << 20;

    private FisherSpectrum() {}

    /** The true FIM's Gram eigenvalues (nC of them) and the leading {@code eigenvectors} weight-space eigenvectors. */
    public static Spectrum trueFisher(CheckpointModel model, Samples samples, int eigenvectors, JobMonitor monitor) {
        return compute(model, samples, false, eigenvectors, DEFAULT_DOUBLE_ROWS_BUDGET, monitor);
    }

    /** The empirical FIM's Gram eigenvalues (n of them) and leading weight-space eigenvectors. */
    public static Spectrum empiricalFisher(CheckpointModel model, Samples samples, int eigenvectors, JobMonitor monitor) {
        return compute(model, samples, true, eigenvectors, DEFAULT_DOUBLE_ROWS_BUDGET, monitor);
    }

    static Spectrum compute(CheckpointModel model, Samples samples, boolean empirical, int eigenvectors,
                            long doubleRowsBudget, JobMonitor monitor) {
        return compute(model, samples, empirical, eigenvectors, doubleRowsBudget, NativeBackend.cores(), monitor);
    }

    /** {@code threads}: gradient workers (each on its own copy of the network) and OpenBLAS threads for K and its eigenvalues. */
    static Spectrum compute(CheckpointModel model, Samples samples, boolean empirical, int eigenvectors,
                            long doubleRowsBudget, int threads, JobMonitor monitor) {
        long t0 = System.nanoTime();
        GradientRows g = gradientRows(model, samples, empirical, doubleRowsBudget, threads, monitor.stage(0, 0.4));
        return BlasThreads.using(threads, () -> {
            DoubleBuffer k = GramMatrix.of(g, monitor.stage(0.4, 0.8));
            int r = g.count();
            double[][] vectors = new double[0][];
            DoubleBuffer forVectors = null;
            if (eigenvectors > 0) {
                forVectors = SymmetricEigen.direct((long) r * r);
                forVectors.put(k).flip();
                k.flip();
            }
            monitor.progress(0.8, "eigenvalues of the " + r + " x " + r + " Gram matrix");
            double[] values = SymmetricEigen.eigenvalues(k, r);
            if (forVectors != null) {
                monitor.progress(0.95, "eigenvectors");
                vectors = weightSpaceVectors(g, SymmetricEigen.largest(forVectors, r, eigenvectors));
            }
            monitor.progress(1, "done");
            return new Spectrum(empirical ? SpectrumKind.EFIM : SpectrumKind.FIM, values, samples.size(),
                    model.parameterCount(), vectors, (System.nanoTime() - t0) / 1e9);
        });
    }

    /** u = G^T v / sqrt(lambda), the weight-space eigenvector for each Gram eigenpair (lambda, v). */
    private static double[][] weightSpaceVectors(GradientRows g, SymmetricEigen.Decomposition d) {
        int p = g.columns();
        double[][] u = new double[d.values().length][p];
        double[] row = new double[p];
        for (int i = 0; i < g.count(); i++) {
            g.copy(i, 0, p, row, 0);
            for (int j = 0; j < u.length; j++) {
                double vij = d.vectors()[j][i];
                for (int a = 0; a < p; a++) u[j][a] += vij * row[a];
            }
        }
        for (double[] uj : u) Vectors.normalise(uj); // dividing by sqrt(lambda) exactly, robust when lambda ~ 0
        return u;
    }

    /**
     * The rows of G, one back-propagation each, by {@code threads} workers: this thread on
     * {@code model}, the others each on its own copy, taking samples from a shared counter. Each
     * row is computed by the same arithmetic whichever worker takes it, so G does not depend on
     * the number of threads. Progress is reported from this thread only.
     */
    static GradientRows gradientRows(CheckpointModel model, Samples samples, boolean empirical, long doubleRowsBudget,
                                     int threads, JobMonitor monitor) {
        int n = samples.size();
        int perSample = empirical ? 1 : model.classCount();
        int p = model.parameterCount();
        GradientRows rows = GradientRows.allocate(n * perSample, p, (long) n * perSample * p * Double.BYTES <= doubleRowsBudget);
        double[] probs = empirical ? null : model.probabilities(samples.features(), 0, n);
        AtomicInteger next = new AtomicInteger();
        HeapBound heap = new HeapBound();
        List<CheckpointModel> models = ModelWorkers.withCopies(model, Math.max(1, Math.min(threads, n)));
        ModelWorkers.run(models, "fisher-gradients",
                m -> fillRows(m, samples, empirical, probs, rows, next, heap, monitor, m == model));
        monitor.checkCancelled();
        return rows;
    }

    /** One worker's loop: takes samples until none are left or the task is cancelled. */
    private static void fillRows(CheckpointModel model, Samples samples, boolean empirical, double[] probs,
                                 GradientRows rows, AtomicInteger next, HeapBound heap, JobMonitor monitor,
                                 boolean reports) {
        int n = samples.size();
        int classes = model.classCount();
        int perSample = empirical ? 1 : classes;
        double[] target = new double[classes];
        double[] grad = new double[model.parameterCount()];
        for (int i = next.getAndIncrement(), taken = 0; i < n; i = next.getAndIncrement(), taken++) {
            if (reports && taken % 5 == 0) monitor.progress(i / (double) n, "per-sample gradients");
            if (monitor.isCancelled()) return;
            heap.check();
            for (int j = 0; j < perSample; j++) {
                int c = empirical ? samples.labels()[i] : j;
                double weight = empirical ? 1.0 / n : probs[i * classes + c] / n;
                target[c] = 1;
                model.lossGradient(samples.features(), i, 1, target, grad);
                target[c] = 0;
                rows.set(i * perSample + j, grad, Math.sqrt(weight));
            }
        }
    }
}
