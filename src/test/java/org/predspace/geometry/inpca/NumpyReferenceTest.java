package org.predspace.geometry.inpca;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.bench.NpyFiles;
import org.predspace.bench.NumpyReference;
import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.distance.SyntheticTrajectories;
import org.predspace.geometry.trajectory.Progress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Java against the independent numpy reference (bench/inpca_reference.py) on the same float32
 * checkpoints. Runs only where python3 with numpy is installed.
 */
class NumpyReferenceTest {
    @Test
    void coordinatesEigenvaluesStressAndProgressMatchNumpy(@TempDir Path dir) throws Exception {
        Optional<String> python = NumpyReference.findPython();
        assumeTrue(python.isPresent(), "python3 with numpy not found");

        SyntheticTrajectories source = new SyntheticTrajectories(6, 50, 200, 10, 2, 31);
        int m = source.size();
        Path probs = dir.resolve("probs.npy");
        Path labels = dir.resolve("labels.npy");
        List<SqrtProbabilities> points = new ArrayList<>();
        try (NpyFiles.FloatWriter out = new NpyFiles.FloatWriter(probs, m, 200, 10)) {
            float[] p = new float[200 * 10];
            for (int i = 0; i < m; i++) {
                source.read(i, p);
                out.write(p);
                points.add(SqrtProbabilities.of(source.run(i), source.shape(), p));
            }
        }
        NpyFiles.writeInts(labels, source.labels());
        JsonNode ref = NumpyReference.run(python.get(), probs, "--axes", "10", "--labels", labels.toString());

        Embedding e = InPca.embed(DistanceMatrix.of(points, Parallelism.of(2)), 10);
        double[] lambda = NumpyReference.doubles(ref.get("eigenvalues"));
        double[] stress = NumpyReference.doubles(ref.get("stress"));
        for (int a = 0; a < 10; a++) {
            assertEquals(lambda[a], e.eigenvalues()[a], 1e-6 * Math.abs(lambda[0]), "eigenvalue " + a);
            assertEquals(stress[a], e.explainedStress()[a], 1e-6, "stress " + a);
        }
        assertEquals(ref.get("frobenius_squared").asDouble(), e.frobeniusSquared(), 1e-6 * e.frobeniusSquared());
        // Up to the sign of each axis, within 1e-6 of the picture's extent (the range of axis 1).
        // Measured: at most 1.5e-7. The float32 storage of sqrt(p) (numpy takes sqrt in double)
        // perturbs small distances by about 1e-8, which mostly moves the weakest axes:
        // axis 10 (lambda 1000x smaller than lambda 1) differs by 2e-6 of its own range.
        JsonNode coords = ref.get("coordinates");
        double extent = InPcaTest.range(e, 0);
        for (int a = 0; a < 10; a++) {
            double sign = Math.signum(dot(coords, e, a));
            double tolerance = a < 3 ? 1e-6 * InPcaTest.range(e, a) : 1e-6 * extent;
            for (int i = 0; i < m; i++) {
                assertEquals(sign * coords.get(i).get(a).asDouble(), e.coordinate(i, a), tolerance, "point " + i + " axis " + a);
            }
        }
        Progress progress = Progress.ignoranceToTruth(source.shape(), source.labels());
        JsonNode refProgress = ref.get("progress");
        for (int i = 0; i < m; i += 7) {
            assertEquals(refProgress.get(i).asDouble(), progress.of(points.get(i)), 1e-3, "progress of " + i);
        }
    }

    private static double dot(JsonNode coords, Embedding e, int axis) {
        double s = 0;
        for (int i = 0; i < e.size(); i++) s += coords.get(i).get(axis).asDouble() * e.coordinate(i, axis);
        return s;
    }
}
