package org.predspace.spectra;

import org.predspace.platform.JobMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.predspace.training.spec.Architecture;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.*;

@Tag("slow")
class FisherSpectrumTest {
    @Test
    void gramEigenvaluesEqualThoseOfTheExplicitFisher() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 6);
        Samples samples = SpectraFixtures.samples(40);
        int p = model.parameterCount();
        GradientRows g = FisherSpectrum.gradientRows(model, samples, false, Long.MAX_VALUE, 1, JobMonitor.silent());
        assertTrue(g.isDouble());
        // F = G^T G formed explicitly, P x P
        double[] f = new double[p * p];
        double[] row = new double[p];
        for (int r = 0; r < g.count(); r++) {
            g.copy(r, 0, p, row, 0);
            for (int a = 0; a < p; a++) for (int b = 0; b < p; b++) f[a * p + b] += row[a] * row[b];
        }
        double[] explicit = SymmetricEigen.all(f, p).values();
        Spectrum gram = FisherSpectrum.trueFisher(model, samples, 0, JobMonitor.silent());
        assertEquals(samples.size() * SpectraFixtures.CLASSES, gram.eigenvalues().length);
        double top = explicit[0];
        for (int i = 0; i < p; i++) {
            assertEquals(explicit[i], gram.eigenvalues()[i], 1e-12 * top, "eigenvalue " + i);
        }
        // beyond P the Gram matrix has only zeros
        assertEquals(0, gram.eigenvalues()[p + 1], 1e-12 * top);
    }

    @Test
    void floatRowsKeepTheSpectrumWithinTheRoundingBound() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 6);
        Samples samples = SpectraFixtures.samples(40);
        double[] inDouble = FisherSpectrum.compute(model, samples, false, 0, Long.MAX_VALUE, JobMonitor.silent()).eigenvalues();
        double[] inFloat = FisherSpectrum.compute(model, samples, false, 0, 0, JobMonitor.silent()).eigenvalues();
        double trace = Arrays.stream(inDouble).sum();
        for (int i = 0; i < model.parameterCount(); i++) {
            double bound = 1.2e-7 * Math.sqrt(inDouble[i] * trace) + 3.6e-15 * trace;
            assertEquals(inDouble[i], inFloat[i], bound, "eigenvalue " + i);
        }
    }

    @Test
    void empiricalFisherHasOneRowPerSample() {
        CheckpointModel model = SpectraFixtures.model(Architecture.LINEAR, 1);
        Samples samples = SpectraFixtures.samples(30);
        Spectrum s = FisherSpectrum.empiricalFisher(model, samples, 0, JobMonitor.silent());
        assertEquals(30, s.eigenvalues().length);
        assertEquals(SpectrumKind.EFIM, s.kind());
        // tr(F_emp) = (1/n) sum_i |g_i,y_i|^2 is the Gram trace
        GradientRows g = FisherSpectrum.gradientRows(model, samples, true, Long.MAX_VALUE, 1, JobMonitor.silent());
        double trace = 0;
        double[] row = new double[model.parameterCount()];
        for (int r = 0; r < g.count(); r++) {
            g.copy(r, 0, row.length, row, 0);
            trace += Vectors.dot(row, row);
        }
        assertEquals(trace, Arrays.stream(s.eigenvalues()).sum(), 1e-10 * trace);
    }

    @Test
    void weightSpaceEigenvectorsSatisfyTheEigenEquation() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 6);
        Samples samples = SpectraFixtures.samples(40);
        Spectrum s = FisherSpectrum.trueFisher(model, samples, 3, JobMonitor.silent());
        assertEquals(3, s.eigenvectors().length);
        GradientRows g = FisherSpectrum.gradientRows(model, samples, false, Long.MAX_VALUE, 1, JobMonitor.silent());
        for (int j = 0; j < 3; j++) {
            double[] u = s.eigenvectors()[j];
            assertEquals(1, Vectors.norm(u), 1e-12);
            double[] fu = g.fisherTimes(u);
            Vectors.axpy(-s.eigenvalues()[j], u, fu);
            assertTrue(Vectors.norm(fu) < 1e-10 * s.largest(), "residual of eigenvector " + j + ": " + Vectors.norm(fu));
        }
    }

    @Test
    void parallelWorkersComputeTheSameRowsAsOneThread() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 6);
        Samples samples = SpectraFixtures.samples(41); // odd, so the workers take unequal shares
        for (long budget : new long[] {Long.MAX_VALUE, 0}) { // rows in double, then in float
            GradientRows one = FisherSpectrum.gradientRows(model, samples, false, budget, 1, JobMonitor.silent());
            GradientRows three = FisherSpectrum.gradientRows(model, samples, false, budget, 3, JobMonitor.silent());
            assertEquals(budget == 0, !three.isDouble());
            int p = model.parameterCount();
            double[] a = new double[p];
            double[] b = new double[p];
            for (int r = 0; r < one.count(); r++) {
                one.copy(r, 0, p, a, 0);
                three.copy(r, 0, p, b, 0);
                assertArrayEquals(a, b, "row " + r + (budget == 0 ? " (float)" : " (double)"));
                assertTrue(Vectors.norm(a) > 0, "row " + r + " was written");
            }
        }
    }

    @Test
    void aCancelledTaskStopsItsWorkers() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 6);
        JobMonitor monitor = new JobMonitor((f, s) -> {});
        monitor.cancel();
        assertThrows(CancellationException.class,
                () -> FisherSpectrum.gradientRows(model, SpectraFixtures.samples(20), false, Long.MAX_VALUE, 2, monitor));
    }
}
