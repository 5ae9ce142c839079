package org.predspace.spectra;

import org.predspace.platform.JobMonitor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.training.engine.NativeBackend;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class InputSpectrumTest {
    @Test
    void inputSpectrumEqualsADirectEigensolveOfXtXOverN() {
        NativeBackend.configure();
        Samples s = SpectraFixtures.samples(50);
        int d = s.dimension();
        double[][] c = new double[d][d];
        for (int i = 0; i < s.size(); i++) {
            for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) {
                c[a][b] += s.features()[i * d + a] * (double) s.features()[i * d + b] / s.size();
            }
        }
        // an independent solver: ND4J's own (slow, but not the LAPACKE path under test)
        INDArray m = Nd4j.create(c).castTo(DataType.DOUBLE);
        double[] direct = m.dup().data().asDouble();
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(Nd4j.create(direct, new long[] {d, d}, DataType.DOUBLE), true);
        double[] expected = values.data().asDouble();
        Arrays.sort(expected);
        expected = SymmetricEigen.reversed(expected);

        Spectrum spectrum = InputSpectrum.compute(s, 0, JobMonitor.silent());
        assertEquals(SpectrumKind.INPUT, spectrum.kind());
        assertEquals(d, spectrum.eigenvalues().length);
        for (int i = 0; i < d; i++) assertEquals(expected[i], spectrum.eigenvalues()[i], 1e-12 * expected[0]);
    }

    @Test
    void eigenvectorsOfTheInputCorrelationAreOrthonormal() {
        Samples s = SpectraFixtures.samples(50);
        Spectrum spectrum = InputSpectrum.compute(s, 3, JobMonitor.silent());
        double[][] u = spectrum.eigenvectors();
        assertEquals(3, u.length);
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) {
            assertEquals(i == j ? 1 : 0, Vectors.dot(u[i], u[j]), 1e-12);
        }
        assertEquals(1, SpectrumSummary.overlap(u, u, 3), 1e-12, "a subspace overlaps itself fully");
    }
}
