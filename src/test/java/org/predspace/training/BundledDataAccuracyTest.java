package org.predspace.training;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The engine trains real networks to known accuracies on the bundled subsets within 5 epochs
 * (issue targets: MNIST mlp >= 95%, lenet >= 97%; Fashion-MNIST mlp >= 82%), measured on the
 * whole held-out split. Runs the three in the engine's pool, one per core.
 */
@Tag("slow")
class BundledDataAccuracyTest {

    @Test
    void mlpAndLenetReachTheirTargetAccuracies(@TempDir Path out) throws Exception {
        TrainingSpec mlp = TrainingSpec.builder("mnist").architecture(Architecture.MLP).optimizer(OptimizerKind.ADAM)
                .learningRate(1e-3).batchSize(128).epochs(5).checkpoints(20).snapshots(SnapshotPolicy.NONE).build();
        TrainingSpec lenet = TrainingSpec.builder("mnist").architecture(Architecture.LENET).optimizer(OptimizerKind.ADAM)
                .learningRate(2e-3).batchSize(64).epochs(5).checkpoints(20).snapshots(SnapshotPolicy.NONE).build();
        TrainingSpec fashion = TrainingSpec.builder("fashion").architecture(Architecture.MLP).optimizer(OptimizerKind.ADAM)
                .learningRate(1e-3).batchSize(128).epochs(5).checkpoints(20).snapshots(SnapshotPolicy.NONE).build();
        Map<String, Double> targets = Map.of(mlp.name(), 0.95, lenet.name(), 0.97, fashion.name(), 0.82);

        DatasetCatalog catalog = new DatasetCatalog();
        try (TrainingPool pool = new TrainingPool(NativeBackend.cores(), catalog::load)) {
            List<TrainingPool.RunHandle> handles = pool.submitAll(List.of(lenet, mlp, fashion), out, e -> { });
            List<RunStatus> statuses = TrainingPool.awaitAll(handles);
            for (int i = 0; i < handles.size(); i++) {
                TrainingPool.RunHandle h = handles.get(i);
                assertEquals(RunStatus.FINISHED, statuses.get(i), h.spec().name());
                Run run = Run.open(h.dir());
                double accuracy = ((Number) run.summary().get("test_accuracy")).doubleValue();
                double target = targets.get(h.spec().name());
                assertTrue(accuracy >= target, h.spec().name() + ": test accuracy " + accuracy + " < " + target);
                assertEquals(3000, ((Number) run.summary().get("test_size")).intValue(), "measured on the whole test split");
            }
        }
    }
}
