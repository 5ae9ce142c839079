package org.predspace.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.DatasetSplit;
import org.predspace.runs.ImprintInfo;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;
import org.predspace.tasks.Imprinting;
import org.predspace.training.engine.GraphNetwork;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.engine.TrainableNetwork;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Runs with hidden features record imprinted predictions at every checkpoint; softmax regression records none and says why. */
class ImprintedTrainingTest {
    private static final DatasetSplit BLOBS = TestData.blobSplit("imprint-blobs");

    @BeforeAll
    static void threads() { NativeBackend.configure(); }

    @Test
    void everyCheckpointCarriesImprintedPredictionsOfItsOwnNetwork(@TempDir Path out) throws Exception {
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.MLP).width(8).hiddenLayers(1)
                .learningRate(0.01).batchSize(8).epochs(2).seed(4).checkpoints(4).probeSize(30)
                .snapshots(SnapshotPolicy.ALL).build();
        Path dir = out.resolve("run");
        List<TrainingEvent> events = new ArrayList<>();
        assertEquals(RunStatus.FINISHED, new TrainingRun(spec, BLOBS, dir, events::add).execute());

        Run run = Run.open(dir);
        assertTrue(run.hasImprinted());
        ImprintInfo info = run.manifest().imprint();
        ProbeSet shared = ProbeSet.training(BLOBS, spec);
        ProbeSet prototypes = ImprintPrototypes.draw(BLOBS, shared, spec);
        assertEquals(3, info.classes());
        assertEquals(shared.id(), info.probe().id());
        assertEquals(prototypes.id(), info.prototypes().id());
        assertEquals(150, info.prototypes().size(), "the 180 training samples less the 30 of the probe");

        Run imprinted = run.imprinted();
        assertEquals(run.checkpointCount(), imprinted.checkpointCount());
        assertArrayEquals(shared.labels(), imprinted.labels());
        assertTrue(imprinted.hasTestSet());
        assertTrue(Files.exists(dir.resolve("imprinted/test_predictions.npy")));

        // every checkpoint's rows are the imprinting of the network its snapshot rebuilds
        long[] steps = run.steps();
        ProbeSet test = ProbeSet.balanced(BLOBS.id(), "test", BLOBS.test(), spec.probeSize(), spec.probeSeed());
        for (int t = 0; t < steps.length; t++) {
            ComputationGraph graph = NetworkFactory.build(spec, BLOBS.shape(), BLOBS.classes(), steps[steps.length - 1]);
            graph.setParams(Nd4j.createFromArray(run.parameters(steps[t])).reshape(1, graph.numParams()));
            GraphNetwork net = new GraphNetwork(graph, BLOBS.shape().size(), BLOBS.classes());
            Imprinting imprinting = Imprinting.of(features(net, prototypes), prototypes.labels(), 3, 8);
            assertArrayEquals(imprinting.predictions(features(net, shared), shared.size()), imprinted.predictions(t), 1e-5f,
                    "checkpoint " + t);
            assertArrayEquals(imprinting.predictions(features(net, test), test.size()), imprinted.testPredictions(t), 1e-5f,
                    "checkpoint " + t + " held out");
        }
        float[] first = imprinted.predictions(0);
        float[] last = imprinted.predictions(steps.length - 1);
        double moved = 0;
        for (int i = 0; i < first.length; i++) moved = Math.max(moved, Math.abs(first[i] - last[i]));
        assertTrue(moved > 1e-3, "the imprinted predictions follow the training, moved " + moved);

        TrainingEvent.Started started = (TrainingEvent.Started) events.get(0);
        assertEquals(info, started.imprint());
        assertArrayEquals(shared.labels(), started.imprintLabels());
        List<float[]> live = events.stream().filter(e -> e instanceof TrainingEvent.CheckpointSaved)
                .map(e -> ((TrainingEvent.CheckpointSaved) e).imprintedPredictions()).toList();
        assertEquals(steps.length, live.size());
        for (int t = 0; t < steps.length; t++) assertArrayEquals(imprinted.predictions(t), live.get(t), "live row " + t);
    }

    @Test
    void softmaxRegressionRecordsNoImprintedPredictions(@TempDir Path out) throws Exception {
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.LINEAR).batchSize(16).epochs(1)
                .checkpoints(3).build();
        Path dir = out.resolve("linear");
        List<TrainingEvent> events = new ArrayList<>();
        assertEquals(RunStatus.FINISHED, new TrainingRun(spec, BLOBS, dir, events::add).execute());
        Run run = Run.open(dir);
        assertFalse(run.hasImprinted());
        assertFalse(Files.exists(dir.resolve("imprinted")));
        assertEquals("none: softmax regression has no hidden features to imprint",
                ((Map<?, ?>) run.spec().get("engine")).get("imprint"));
        assertNull(((TrainingEvent.Started) events.get(0)).imprint());
        assertTrue(events.stream().filter(e -> e instanceof TrainingEvent.CheckpointSaved)
                .allMatch(e -> ((TrainingEvent.CheckpointSaved) e).imprintedPredictions() == null));
    }

    /** A probe that takes every training sample leaves no prototype: the run trains as before, without imprinted predictions. */
    @Test
    void aProbeThatTakesTheWholeTrainingSetLeavesNoPrototypes(@TempDir Path out) throws Exception {
        TrainingSpec spec = TrainingSpec.builder("blobs").architecture(Architecture.MLP).width(8).hiddenLayers(1)
                .batchSize(16).epochs(1).checkpoints(3).probeSize(BLOBS.train().size()).build();
        Path dir = out.resolve("no-prototypes");
        assertEquals(RunStatus.FINISHED, new TrainingRun(spec, BLOBS, dir, e -> {}).execute());
        Run run = Run.open(dir);
        assertFalse(run.hasImprinted());
        assertEquals("none: the training data left no prototype sample of class 0 outside the shared probe",
                ((Map<?, ?>) run.spec().get("engine")).get("imprint"));
    }

    private static float[] features(TrainableNetwork net, ProbeSet on) {
        return net.features(on.samples().featuresView(), on.size());
    }
}
