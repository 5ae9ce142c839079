package org.predspace.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.DatasetSplit;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;
import org.predspace.training.engine.GraphNetwork;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A run trained by the dense fast path says so, and its snapshots rebuild the DL4J network. */
class DenseRunTest {
    private static final DatasetSplit BLOBS = TestData.blobSplit("blobs");

    @BeforeAll
    static void threads() { NativeBackend.configure(); }

    @Test
    void recordsItsImplementationAndItsSnapshotsLoadIntoDl4j(@TempDir Path out) throws Exception {
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.MLP).width(8).hiddenLayers(2)
                .learningRate(0.01).batchSize(8).epochs(2).seed(4).checkpoints(5).build();
        Path dir = out.resolve("run");
        assertEquals(RunStatus.FINISHED, new TrainingRun(spec, BLOBS, dir, e -> {}).execute());

        Run run = Run.open(dir);
        assertEquals("nd4j-dense", ((Map<?, ?>) run.spec().get("engine")).get("implementation"));
        int last = run.checkpointCount() - 1;
        long step = run.steps()[last];
        ComputationGraph net = NetworkFactory.build(spec, BLOBS.shape(), BLOBS.classes(), step);
        net.setParams(Nd4j.createFromArray(run.parameters(step)).reshape(1, net.numParams()));
        ProbeSet probe = ProbeSet.balanced(BLOBS.id(), "train", BLOBS.train(), spec.probeSize(), spec.probeSeed());
        float[] rebuilt = ProbeEvaluation.of(new GraphNetwork(net, BLOBS.shape().size(), BLOBS.classes()), probe.samples())
                .probabilities();
        assertArrayEquals(run.predictions(last), rebuilt, 1e-6f, "DL4J with the snapshot predicts what was recorded");
    }

    @Test
    void batchNormStaysWithDl4j(@TempDir Path out) throws Exception {
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.MLP).batchNorm(true).width(8)
                .hiddenLayers(1).batchSize(8).epochs(1).seed(4).checkpoints(3).build();
        Path dir = out.resolve("bn");
        assertEquals(RunStatus.FINISHED, new TrainingRun(spec, BLOBS, dir, e -> {}).execute());
        assertEquals("dl4j", ((Map<?, ?>) Run.open(dir).spec().get("engine")).get("implementation"));
    }
}
