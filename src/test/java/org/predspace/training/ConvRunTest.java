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

/** A LeNet run trained by the convolutional fast path says so, and its snapshots rebuild the DL4J network. */
class ConvRunTest {
    private static final DatasetSplit IMAGES = TestData.imageSplit("images");

    @BeforeAll
    static void threads() { NativeBackend.configure(); }

    @Test
    void recordsItsImplementationAndItsSnapshotsLoadIntoDl4j(@TempDir Path out) throws Exception {
        TrainingSpec spec = TrainingSpec.builder("images").architecture(Architecture.LENET)
                .learningRate(0.005).batchSize(16).epochs(2).seed(4).checkpoints(5).build();
        Path dir = out.resolve("run");
        assertEquals(RunStatus.FINISHED, new TrainingRun(spec, IMAGES, dir, e -> {}).execute());

        Run run = Run.open(dir);
        assertEquals("nd4j-conv", ((Map<?, ?>) run.spec().get("engine")).get("implementation"));
        int last = run.checkpointCount() - 1;
        long step = run.steps()[last];
        ComputationGraph net = NetworkFactory.build(spec, IMAGES.shape(), IMAGES.classes(), step);
        net.setParams(Nd4j.createFromArray(run.parameters(step)).reshape(1, net.numParams()));
        ProbeSet probe = ProbeSet.balanced(IMAGES.id(), "train", IMAGES.train(), spec.probeSize(), spec.probeSeed());
        float[] rebuilt = ProbeEvaluation.of(new GraphNetwork(net, IMAGES.shape().size(), IMAGES.classes()), probe.samples())
                .probabilities();
        assertArrayEquals(run.predictions(last), rebuilt, 1e-5f, "DL4J with the snapshot predicts what was recorded");
        assertTrue(run.predictions(last)[0] != run.predictions(0)[0], "the run trained");
    }
}
