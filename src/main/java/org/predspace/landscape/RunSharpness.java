package org.predspace.landscape;

import org.predspace.data.DataFormatException;
import org.predspace.data.DatasetCatalog;
import org.predspace.platform.JobMonitor;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.HessianVectorProduct;
import org.predspace.spectra.Lanczos;
import org.predspace.spectra.LinearOperator;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.Samples;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.util.SplittableRandom;

/**
 * The sharpness of a run along training (docs/science.md §8): the largest eigenvalue of the
 * Gauss-Newton part of the Hessian of the mean cross-entropy on the run's train probe, at every checkpoint that kept its
 * parameters, beside the run's base learning rate. Under full-batch gradient descent it rises to
 * 2 / lr and hovers there (Cohen et al. 2021, "edge of stability").
 *
 * <p>The Hessian's Gauss-Newton part (GaussNewtonProduct): exactly the Hessian for softmax
 * regression, and what its top eigenvalue is made of in trained networks, where the rest is
 * weighted by the residuals p - y. The finite-difference products of the whole Hessian
 * (HessianVectorProduct) are not usable here: ReLU kinks make them depend on the difference step
 * (measured on an MLP at Fashion step 0: a top "eigenvalue" of 92.7 with step 1e-5, 84.2 with
 * 1e-4, against 22.7752 and 22.7753 from these products).
 *
 * <p>By Lanczos, not power iteration: the top of a trained network's Hessian is often a few
 * outliers close together, where power iteration converges at the rate of their ratio and Lanczos
 * far faster. Only the top Ritz value is wanted, so the iteration stops as soon as its residual
 * bound is small, usually within 10 to 30 products.
 */
public final class RunSharpness {
    /** Residual bound of the top Ritz value, relative to it, at which it counts as the top eigenvalue. */
    static final double TOLERANCE = 1e-5;
    /** Products per checkpoint at most; a top eigenvalue not found by then is reported as NaN (missing). */
    static final int MAX_STEPS = 150;

    private RunSharpness() {}

    /**
     * The sharpness at every checkpoint of {@code run} with a parameter snapshot, on the run's
     * train probe ({@code samples} of it, class-balanced as the Spectrum panel takes them, or all of
     * it when {@code samples} is at least its size), with the run's base learning rate.
     * Progress goes to {@code monitor} per Lanczos step; a cancel stops within one product.
     */
    public static SharpnessCurve of(Run run, DatasetCatalog catalog, int samples, JobMonitor monitor)
            throws RunFormatException, DataFormatException {
        if (samples < 1) throw new IllegalArgumentException("sharpness needs at least 1 sample, got " + samples);
        long[] steps = run.parameterSteps();
        if (steps.length == 0) {
            throw new IllegalArgumentException("run " + run.name() + " kept no parameter snapshots, which sharpness needs"
                    + " (train with --snapshots all or sparse)");
        }
        TrainingSpec spec = TrainingSpec.fromMap(run.spec());
        checkSupported(spec);
        RunCheckpoint first = RunCheckpoint.open(run, steps[0], catalog);
        Samples probe = first.samples(samples);
        double[] sharpness = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            double from = i / (double) steps.length;
            double to = (i + 1) / (double) steps.length;
            monitor.progress(from, "sharpness at step " + steps[i] + " (" + (i + 1) + " of " + steps.length + ")");
            sharpness[i] = topEigenvalue(first.at(steps[i]).model(), probe, monitor.stage(from, to));
        }
        monitor.progress(1, "sharpness at " + steps.length + " checkpoints");
        return new SharpnessCurve(steps, sharpness, spec.learningRate(), probe.size());
    }

    /**
     * Refuses batch norm in one line: its Hessian in training mode couples the samples of a batch,
     * and the network the spectra rebuild has none (CheckpointModel).
     */
    static void checkSupported(TrainingSpec spec) {
        if (spec.batchNorm() || spec.architecture() == Architecture.ALLCNN || spec.architecture() == Architecture.RESNET) {
            throw new IllegalArgumentException("sharpness needs the Hessian of a network without batch norm (architecture "
                    + spec.architecture().id() + (spec.batchNorm() ? " with batch norm" : "")
                    + "); use linear, mlp or lenet without batch norm");
        }
    }

    /**
     * The largest eigenvalue of the Gauss-Newton Hessian of the mean cross-entropy of {@code model}
     * on {@code samples} (the model's parameters are where it is taken; they are restored after
     * each product), or NaN when it has not converged within {@value #MAX_STEPS} products.
     */
    public static double topEigenvalue(CheckpointModel model, Samples samples, JobMonitor monitor) {
        return topEigenvalue(new GaussNewtonProduct(model, samples, HessianVectorProduct.DEFAULT_STEP, monitor), monitor);
    }

    /** The top eigenvalue of a symmetric operator by Lanczos from a seeded start, so a checkpoint always gives the same figure. */
    static double topEigenvalue(LinearOperator h, JobMonitor monitor) {
        int p = h.dimension();
        double[] start = new double[p];
        SplittableRandom rng = new SplittableRandom(0);
        for (int i = 0; i < p; i++) start[i] = rng.nextBoolean() ? 1 : -1;
        Lanczos.Tridiagonal t = Lanczos.run(h, start, MAX_STEPS, monitor, RunSharpness::converged);
        Lanczos.Ritz ritz = Lanczos.ritz(t);
        // Stopped by the budget, or by an invariant subspace (small networks: all P directions)
        return converged(t) || t.steps() == p ? ritz.values()[0] : Double.NaN;
    }

    private static boolean converged(Lanczos.Tridiagonal t) {
        Lanczos.Ritz r = Lanczos.ritz(t);
        return r.residuals()[0] <= TOLERANCE * Math.abs(r.values()[0]);
    }
}
