package org.predspace.spectra;

import org.junit.jupiter.api.Test;
import org.predspace.training.Architecture;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class HessianSpectrumTest {
    @Test
    void softmaxRegressionHessianEqualsTheTrueFisher() {
        CheckpointModel model = SpectraFixtures.model(Architecture.LINEAR, 1);
        Samples samples = SpectraFixtures.samples(60);
        int p = model.parameterCount();
        double[] fisher = FisherSpectrum.trueFisher(model, samples, 0, TaskMonitor.silent()).eigenvalues();
        Spectrum hessian = HessianSpectrum.compute(model, samples, HessianSpectrum.Options.defaults(), TaskMonitor.silent());
        assertEquals(p, hessian.eigenvalues().length, "P <= 5000: the full spectrum");
        double top = fisher[0];
        for (int i = 0; i < p; i++) {
            assertEquals(fisher[i], hessian.eigenvalues()[i], 1e-6 * top, "eigenvalue " + i);
        }
    }

    /** The finite-difference step scan behind HessianVectorProduct.DEFAULT_STEP, printed for the record. */
    @Test
    void defaultStepIsInTheFlatPartOfTheErrorCurve() {
        CheckpointModel model = SpectraFixtures.model(Architecture.LINEAR, 1);
        Samples samples = SpectraFixtures.samples(60);
        int p = model.parameterCount();
        GradientRows g = FisherSpectrum.gradientRows(model, samples, false, Long.MAX_VALUE, 1, TaskMonitor.silent());
        double[] v = Vectors.gaussian(p, new SplittableRandom(1));
        Vectors.normalise(v);
        double[] exact = g.fisherTimes(v); // H = F for softmax regression
        double errorAtDefault = Double.NaN;
        double best = Double.POSITIVE_INFINITY;
        for (double h = 1e-2; h >= 1e-9; h /= 10) {
            double[] hv = new double[p];
            new HessianVectorProduct(model, samples, h, TaskMonitor.silent()).apply(v, hv);
            Vectors.axpy(-1, exact, hv);
            double err = Vectors.norm(hv) / Vectors.norm(exact);
            System.out.printf(Locale.ROOT, "softmax regression: step %.0e relative error of Hv %.2e%n", h, err);
            best = Math.min(best, err);
            if (Math.abs(h / HessianVectorProduct.DEFAULT_STEP - 1) < 1e-6) errorAtDefault = err;
        }
        assertTrue(errorAtDefault < 1e-8, "error at the default step " + errorAtDefault);
        assertTrue(errorAtDefault < 100 * best, "default step within 100x of the best step's error");
    }

    @Test
    void hessianVectorProductsAreSymmetric() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 16);
        Samples samples = SpectraFixtures.samples(60);
        HessianVectorProduct h = new HessianVectorProduct(model, samples, HessianVectorProduct.DEFAULT_STEP, TaskMonitor.silent());
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 3; trial++) {
            double[] u = Vectors.gaussian(h.dimension(), rng);
            double[] v = Vectors.gaussian(h.dimension(), rng);
            double[] hu = new double[u.length];
            double[] hv = new double[v.length];
            h.apply(u, hu);
            h.apply(v, hv);
            double uHv = Vectors.dot(u, hv);
            double vHu = Vectors.dot(v, hu);
            double scale = Vectors.norm(u) * Vectors.norm(hv);
            assertEquals(uHv, vHu, 1e-6 * scale, "trial " + trial);
        }
    }

    @Test
    void lanczosTopKEqualsTheExactSpectrum() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 24);
        Samples samples = SpectraFixtures.samples(60);
        HessianVectorProduct h = new HessianVectorProduct(model, samples, HessianVectorProduct.DEFAULT_STEP, TaskMonitor.silent());
        assertTrue(h.dimension() <= 500, "P = " + h.dimension());
        double[] exact = HessianSpectrum.full(h, TaskMonitor.silent());
        HessianSpectrum.Options o = HessianSpectrum.Options.defaults().withK(6).withBothEnds(true);
        double[] lanczos = HessianSpectrum.lanczos(h, o, TaskMonitor.silent());
        assertEquals(12, lanczos.length);
        double scale = Math.max(Math.abs(exact[0]), Math.abs(exact[exact.length - 1]));
        for (int i = 0; i < 6; i++) {
            assertEquals(exact[i], lanczos[i], 1e-6 * scale, "top " + i);
            assertEquals(exact[exact.length - 1 - i], lanczos[11 - i], 1e-6 * scale, "bottom " + i);
        }
        assertTrue(exact[exact.length - 1] < 0, "a ReLU net's Hessian is indefinite away from a minimum");
    }

    @Test
    void cancellingStopsTheComputationWithinAStep() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 24);
        Samples samples = SpectraFixtures.samples(60);
        java.util.concurrent.atomic.AtomicInteger reports = new java.util.concurrent.atomic.AtomicInteger();
        TaskMonitor[] monitor = new TaskMonitor[1];
        monitor[0] = new TaskMonitor((f, s) -> {
            if (reports.incrementAndGet() == 5) monitor[0].cancel(); // as the UI would, from any thread
        });
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> HessianSpectrum.compute(model, samples, HessianSpectrum.Options.defaults(), monitor[0]));
        assertEquals(5, reports.get(), "no progress after the cancel");
    }

    @Test
    void aStageSharesItsParentsCancelFlag() {
        TaskMonitor parent = TaskMonitor.silent();
        TaskMonitor stage = parent.stage(0.5, 1);
        parent.cancel();
        assertThrows(java.util.concurrent.CancellationException.class, stage::checkCancelled);
    }
}
