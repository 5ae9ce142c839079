package org.predspace.spectra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Run;
import org.predspace.training.TrainingRun;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

@Tag("slow")
class SpectrumTaskTest {
    @TempDir static Path tmp;
    static Run run;
    static final DatasetCatalog CATALOG = new DatasetCatalog();

    @BeforeAll
    static void trainAnMlpOnDigits() throws Exception {
        TrainingSpec spec = TrainingSpec.builder("digits").architecture(Architecture.MLP).width(16).epochs(1)
                .probeSize(300).checkpoints(4).snapshots(SnapshotPolicy.SPARSE).build();
        new TrainingRun(spec, CATALOG.load("digits"), tmp.resolve("run"), e -> {}).execute();
        run = Run.open(tmp.resolve("run"));
    }

    @Test
    void progressRisesToOneAndTheResultDescribesTheCheckpoint() throws Exception {
        long step = RunCheckpoint.resolveStep(run, "last");
        List<Double> fractions = new CopyOnWriteArrayList<>();
        SpectrumTask task = new SpectrumTask(RunCheckpoint.open(run, step, CATALOG),
                SpectrumRequest.of(SpectrumKind.EFIM).withSamples(50).withEigenvectors(2), (f, s) -> fractions.add(f));
        SpectrumTask.Result r = task.call();
        assertEquals(step, r.step());
        assertFalse(r.isDensity());
        assertEquals(50, r.spectrum().eigenvalues().length);
        assertEquals(2, r.spectrum().eigenvectors().length);
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        for (int i = 1; i < fractions.size(); i++) assertTrue(fractions.get(i) >= fractions.get(i - 1), "monotone progress");
    }

    @Test
    void cancelFromAnotherThreadEndsTheTask() throws Exception {
        SpectrumTask task = new SpectrumTask(RunCheckpoint.open(run, RunCheckpoint.resolveStep(run, "last"), CATALOG),
                SpectrumRequest.of(SpectrumKind.FIM).withSamples(300), (f, s) -> {});
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<SpectrumTask.Result> f = pool.submit(task);
            Thread.sleep(300);
            task.cancel();
            Exception e = assertThrows(Exception.class, () -> f.get());
            assertInstanceOf(CancellationException.class, e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void samplesAreABalancedSubsetOfTheRunsProbe() throws Exception {
        RunCheckpoint cp = RunCheckpoint.open(run, RunCheckpoint.resolveStep(run, "last"), CATALOG);
        Samples s = cp.samples(100);
        int[] perClass = new int[10];
        for (int y : s.labels()) perClass[y]++;
        for (int c : perClass) assertEquals(10, c);
        assertEquals(300, cp.samples(5000).size(), "capped at the probe size");
    }

    @Test
    void aStepWithoutSnapshotIsRefusedNamingTheStepsThatHaveOne() {
        long[] steps = run.steps();
        long without = steps[1];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunCheckpoint.open(run, without, CATALOG));
        assertTrue(e.getMessage().contains("step " + without) && e.getMessage().contains("steps with one"), e.getMessage());
    }
}
