package org.predspace.spectra;

import org.predspace.platform.JobMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetSplit;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;
import org.predspace.training.TrainingRun;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.*;

/** The paper's sloppy claim ([C], docs/science.md §7) on a LeNet trained here on the bundled MNIST subset. */
@Tag("slow")
class LenetSloppinessTest {
    @Test
    void trainedLenetFisherSpectrumSpansAtLeastEightDecades(@TempDir Path tmp) throws Exception {
        DatasetCatalog catalog = new DatasetCatalog();
        DatasetSplit mnist = catalog.load("mnist");
        TrainingSpec spec = TrainingSpec.builder("mnist").architecture(Architecture.LENET).optimizer(OptimizerKind.ADAM)
                .learningRate(1e-3).batchSize(128).epochs(1).seed(0).probeSize(500).checkpoints(3)
                .snapshots(SnapshotPolicy.SPARSE).build();
        Path dir = tmp.resolve("lenet");
        assertEquals(RunStatus.FINISHED, new TrainingRun(spec, mnist, dir, e -> {}).execute());
        Run run = Run.open(dir);
        RunCheckpoint checkpoint = RunCheckpoint.open(run, RunCheckpoint.resolveStep(run, "last"), catalog);
        int n = 200;
        // G in double (0.7 GB here), so no eigenvalue owes anything to float rounding
        Spectrum fim = FisherSpectrum.compute(checkpoint.model(), checkpoint.samples(n), false, 0, Long.MAX_VALUE,
                JobMonitor.silent());
        SpectrumSummary s = SpectrumSummary.of(fim.eigenvalues(), SpectrumSummary.DEFAULT_RELATIVE_FLOOR, 1e-3 * fim.largest());
        System.out.printf(Locale.ROOT, "LeNet MNIST step %d, n = %d, P = %d: %d eigenvalues above 1e-12 of the largest %.3g,"
                        + " spanning %.2f decades; %d above 1e-3; %.1f s; accuracy %.3f%n", checkpoint.step(), n,
                fim.parameters(), s.aboveFloor(), s.largest(), s.decades(), s.effectiveDimension(), fim.seconds(),
                run.metrics().get(run.metrics().size() - 1).trainAccuracy());
        int[] perDecade = new int[16];
        for (double v : fim.eigenvalues()) {
            if (v > 0) perDecade[Math.min(15, (int) Math.floor(-Math.log10(v / fim.largest())))]++;
        }
        System.out.println("eigenvalues per decade below the largest: " + Arrays.toString(perDecade));
        assertEquals(44426, fim.parameters(), "LeNet-5 on 28 x 28");
        assertTrue(run.metrics().get(run.metrics().size() - 1).trainAccuracy() > 0.8, "trained");
        assertTrue(s.decades() >= 8, "sloppy: " + s.decades() + " decades");
    }
}
