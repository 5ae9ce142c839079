package org.predspace.spectra;

import org.predspace.platform.JobMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.predspace.training.spec.Architecture;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

@Tag("slow")
class HessianSpectrumTest {
    @Test
    void softmaxRegressionHessianEqualsTheTrueFisher() {
        CheckpointModel model = SpectraFixtures.model(Architecture.LINEAR, 1);
        Samples samples = SpectraFixtures.samples(60);
        int p = model.parameterCount();
        double[] fisher = FisherSpectrum.trueFisher(model, samples, 0, JobMonitor.silent()).eigenvalues();
        Spectrum hessian = HessianSpectrum.compute(model, samples, HessianSpectrum.Options.defaults(), JobMonitor.silent());
        assertEquals(p, hessian.eigenvalues().length, "P <= 5000: the full spectrum");
        double top = fisher[0];
        for (int i = 0; i < p; i++) {
            assertEquals(fisher[i], hessian.eigenvalues()[i], 1e-6 * top, "eigenvalue " + i);
        }
    }

    /**
     * Softmax regression's Hessian has a null space (adding one vector to every class's weights
     * and bias leaves the softmax unchanged: d + 1 = 6 directions here). The finite differences
     * put those zeros at about 1e-11 of the largest eigenvalue, above the Fisher's floor of 1e-12,
     * where they added 1-2 spurious decades; the Hessian's floor of 1e-8 drops them and leaves the
     * non-zero spectrum, which equals the Fisher's, whole.
     */
    @Test
    void hessianFloorDropsTheFiniteDifferenceNoiseOfExactZeros() {
        CheckpointModel model = SpectraFixtures.model(Architecture.LINEAR, 1);
        Samples samples = SpectraFixtures.samples(60);
        int p = model.parameterCount();
        int nullity = SpectraFixtures.DIMS + 1;
        double[] fisher = FisherSpectrum.trueFisher(model, samples, 0, JobMonitor.silent()).eigenvalues();
        double[] hessian = HessianSpectrum.compute(model, samples, HessianSpectrum.Options.defaults(), JobMonitor.silent()).eigenvalues();
        double noise = 0;
        for (int i = p - nullity; i < p; i++) noise = Math.max(noise, Math.abs(hessian[i]) / hessian[0]);
        System.out.printf(Locale.ROOT, "softmax regression: null-space eigenvalues of the Hessian up to %.1e of the largest, smallest non-zero %.1e%n",
                noise, hessian[p - nullity - 1] / hessian[0]);
        SpectrumSummary h = SpectrumSummary.of(hessian, SpectrumSummary.relativeFloor(SpectrumKind.HESSIAN), 0);
        SpectrumSummary f = SpectrumSummary.of(fisher, SpectrumSummary.relativeFloor(SpectrumKind.FIM), 0);
        assertTrue(noise < 0.01 * SpectrumSummary.HESSIAN_RELATIVE_FLOOR, "noise " + noise + " is 100x below the Hessian's floor");
        assertEquals(p - nullity, h.aboveFloor(), "only the non-zero eigenvalues count");
        SpectrumSummary old = SpectrumSummary.of(hessian, SpectrumSummary.DEFAULT_RELATIVE_FLOOR, 0);
        System.out.printf(Locale.ROOT, "softmax regression Hessian: %.2f decades above 1e-8 of the largest, %.2f above 1e-12%n",
                h.decades(), old.decades());
        assertTrue(old.aboveFloor() > p - nullity && old.decades() > h.decades() + 5,
                "under the Fisher's floor the noise counted: " + old.aboveFloor() + " values, " + old.decades() + " decades");
        assertEquals(f.aboveFloor(), h.aboveFloor());
        assertEquals(f.decades(), h.decades(), 1e-6, "same decades as the Fisher's (H = F here)");
    }

    /** The finite-difference step scan behind HessianVectorProduct.DEFAULT_STEP, printed for the record. */
    @Test
    void defaultStepIsInTheFlatPartOfTheErrorCurve() {
        CheckpointModel model = SpectraFixtures.model(Architecture.LINEAR, 1);
        Samples samples = SpectraFixtures.samples(60);
        int p = model.parameterCount();
        GradientRows g = FisherSpectrum.gradientRows(model, samples, false, Long.MAX_VALUE, 1, JobMonitor.silent());
        double[] v = Vectors.gaussian(p, new SplittableRandom(1));
        Vectors.normalise(v);
        double[] exact = g.fisherTimes(v); // H = F for softmax regression
        double errorAtDefault = Double.NaN;
        double best = Double.POSITIVE_INFINITY;
        for (double h = 1e-2; h >= 1e-9; h /= 10) {
            double[] hv = new double[p];
            new HessianVectorProduct(model, samples, h, JobMonitor.silent()).apply(v, hv);
            Vectors.axpy(-1, exact, hv);
            double err = Vectors.norm(hv) / Vectors.norm(exact);
            System.out.printf(Locale.ROOT, "softmax regression: step %.0e relative error of Hv %.2e%n", h, err);
            best = Math.min(best, err);
            if (Math.abs(h / HessianVectorProduct.DEFAULT_STEP - 1) < 1e-6) errorAtDefault = err;
        }
        assertTrue(errorAtDefault < 1e-8, "error at the default step " + errorAtDefault);
        assertTrue(errorAtDefault < 100 * best, "default step within 100x of the best step's error");
    }

    /** Two workers (each on its own network copy) give bit for bit the product of one, over several chunks of samples. */
    @Test
    void productsDoNotDependOnTheNumberOfWorkers() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 16);
        Samples samples = SpectraFixtures.samples(600); // three chunks of at most 250
        double[] w = model.parameters();
        double[] v = Vectors.gaussian(model.parameterCount(), new SplittableRandom(3));
        double[] one = new double[v.length];
        double[] two = new double[v.length];
        new HessianVectorProduct(model, samples, HessianVectorProduct.DEFAULT_STEP, 1, JobMonitor.silent()).apply(v, one);
        HessianVectorProduct parallel = new HessianVectorProduct(model, samples, HessianVectorProduct.DEFAULT_STEP, 2, JobMonitor.silent());
        parallel.apply(v, two);
        assertArrayEquals(one, two);
        parallel.apply(v, two);
        assertArrayEquals(one, two, "again, with the workers' copies reused");
        assertArrayEquals(w, model.parameters(), "the caller's network is back at its parameters");
    }

    @Test
    void hessianVectorProductsAreSymmetric() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 16);
        Samples samples = SpectraFixtures.samples(60);
        HessianVectorProduct h = new HessianVectorProduct(model, samples, HessianVectorProduct.DEFAULT_STEP, JobMonitor.silent());
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

    /** The Hessian of the fixture's one-hidden-layer MLP of this width on 60 samples, small enough for its dense spectrum. */
    private static HessianVectorProduct mlpHessian(int width, int maxParameters) {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, width);
        HessianVectorProduct h = new HessianVectorProduct(model, SpectraFixtures.samples(60), HessianVectorProduct.DEFAULT_STEP,
                JobMonitor.silent());
        assertTrue(h.dimension() <= maxParameters, "P = " + h.dimension());
        return h;
    }

    @Test
    void lanczosTopKEqualsTheExactSpectrum() {
        HessianVectorProduct h = mlpHessian(24, 500);
        double[] exact = HessianSpectrum.full(h, JobMonitor.silent());
        HessianSpectrum.Options o = HessianSpectrum.Options.defaults().withK(6).withBothEnds(true);
        double[] lanczos = HessianSpectrum.lanczos(h, o, JobMonitor.silent());
        assertEquals(12, lanczos.length);
        double scale = Math.max(Math.abs(exact[0]), Math.abs(exact[exact.length - 1]));
        for (int i = 0; i < 6; i++) {
            assertEquals(exact[i], lanczos[i], 1e-6 * scale, "top " + i);
            assertEquals(exact[exact.length - 1 - i], lanczos[11 - i], 1e-6 * scale, "bottom " + i);
        }
        assertTrue(exact[exact.length - 1] < 0, "a ReLU net's Hessian is indefinite away from a minimum");
    }

    /**
     * A dense bulk below a few outliers, as a trained ReLU net's Hessian has (the residual term's
     * +-0.35 bulk under the Fisher's top eigenvalues on iris): Lanczos converges on the outliers
     * first and on the bulk's edge slowly. Every value returned must be an eigenvalue; the old
     * default of 3k steps returned unconverged Ritz values for the bulk, up to 16% low on iris.
     */
    @Test
    void lanczosReturnsOnlyConvergedEigenvaluesOfADenseBulk() {
        int p = 1200;
        double[] d = new double[p];
        for (int i = 0; i < p; i++) d[i] = i < 4 ? 4 - i : -0.35 + 0.7 * (i - 4) / (p - 5.0); // 4, 3, 2, 1, bulk [-0.35, 0.35]
        LinearOperator a = SpectraFixtures.diagonal(d);
        double[] exact = d.clone();
        Arrays.sort(exact);
        for (int k : new int[] {10, 50}) {
            double[] top = HessianSpectrum.lanczos(a, HessianSpectrum.Options.defaults().withK(k), JobMonitor.silent());
            assertTrue(top.length >= 4 && top.length <= k, "k = " + k + ": " + top.length + " values");
            for (int i = 0; i < top.length; i++) {
                assertEquals(exact[p - 1 - i], top[i], 1e-5, "k = " + k + ", eigenvalue " + i + " of " + top.length);
            }
        }
    }

    /** The case of the report: k = 50 of an MLP's Hessian, all of them against the exact spectrum. */
    @Test
    void lanczosTopFiftyOfAnMlpEqualTheExactSpectrum() {
        HessianVectorProduct h = mlpHessian(64, 1000);
        double[] exact = HessianSpectrum.full(h, JobMonitor.silent());
        double[] lanczos = HessianSpectrum.lanczos(h, HessianSpectrum.Options.defaults().withK(50), JobMonitor.silent());
        assertEquals(50, lanczos.length, "all 50 converge within the default step budget");
        for (int i = 0; i < 50; i++) assertEquals(exact[i], lanczos[i], 1e-6 * exact[0], "eigenvalue " + i);
    }

    @Test
    void cancellingStopsTheComputationWithinAStep() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 24);
        Samples samples = SpectraFixtures.samples(60);
        AtomicInteger reports = new AtomicInteger();
        JobMonitor[] monitor = new JobMonitor[1];
        monitor[0] = new JobMonitor((f, s) -> {
            if (reports.incrementAndGet() == 5) monitor[0].cancel(); // as the UI would, from any thread
        });
        assertThrows(CancellationException.class,
                () -> HessianSpectrum.compute(model, samples, HessianSpectrum.Options.defaults(), monitor[0]));
        assertEquals(5, reports.get(), "no progress after the cancel");
    }

    @Test
    void aStageSharesItsParentsCancelFlag() {
        JobMonitor parent = JobMonitor.silent();
        JobMonitor stage = parent.stage(0.5, 1);
        parent.cancel();
        assertThrows(CancellationException.class, stage::checkCancelled);
    }
}
