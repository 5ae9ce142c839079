package org.predspace.training;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.bench.NpyFiles;
import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetSplit;
import org.predspace.runs.PythonWithNumpy;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.TrainableNetwork;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The imprinted predictions a run records are the imprinting of its own checkpoints, as an
 * independent numpy re-implementation (docs/examples/imprint_check.py) computes it from the
 * features of the network rebuilt from a parameter snapshot: a digits MLP, checked at an early
 * and at the last checkpoint.
 */
@Tag("slow")
class ImprintNumpyCheckTest {
    static final Path EXAMPLE = Path.of("docs/examples/imprint_check.py");

    @BeforeAll
    static void threads() { NativeBackend.configure(); }

    @Test
    void recordedImprintedPredictionsAreNumpysFromTheSnapshotsFeatures(@TempDir Path tmp) throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        DatasetSplit digits = new DatasetCatalog().load("digits");
        TrainingSpec spec = TrainingSpec.builder("digits").architecture(Architecture.MLP).width(32).hiddenLayers(1)
                .learningRate(0.01).batchSize(32).epochs(2).seed(7).checkpoints(4).probeSize(200)
                .snapshots(SnapshotPolicy.ALL).build();
        Path dir = tmp.resolve("run");
        assertEquals(RunStatus.FINISHED, new TrainingRun(spec, digits, dir, e -> {}).execute());
        Run run = Run.open(dir);
        ProbeSet probe = ProbeSet.training(digits, spec);
        ProbeSet prototypes = ImprintPrototypes.draw(digits, probe, spec);
        assertEquals(probe.id(), run.manifest().imprint().probe().id());
        assertEquals(prototypes.id(), run.manifest().imprint().prototypes().id());

        long[] steps = run.steps();
        for (int t : new int[] {1, steps.length - 1}) {
            TrainableNetwork net = TrainableNetwork.create(spec, digits.shape(), digits.classes(), steps[steps.length - 1],
                    run.parameters(steps[t]));
            Path protoX = save(tmp.resolve("prototypes" + t + ".npy"), net, prototypes);
            Path protoY = tmp.resolve("prototype_labels.npy");
            NpyFiles.writeInts(protoY, prototypes.labels());
            Path probeX = save(tmp.resolve("probe" + t + ".npy"), net, probe);

            String out = python.run(EXAMPLE.toString(), dir.toString(), Integer.toString(t), protoX.toString(),
                    protoY.toString(), probeX.toString());
            double difference = figure(out, "max_abs_difference");
            double accuracy = figure(out, "accuracy");
            System.out.printf("checkpoint %d (step %d): numpy against recorded %.2e, imprinted accuracy %.3f%n",
                    t, steps[t], difference, accuracy);
            assertTrue(difference <= 1e-6, "checkpoint " + t + ": " + out);
            assertEquals(run.imprinted().metrics().get(t).trainAccuracy(), accuracy, 1e-9, "checkpoint " + t);
        }
        assertTrue(run.imprinted().metrics().get(steps.length - 1).trainAccuracy() > 0.8,
                "a trained digits MLP's features separate the classes: " + run.imprinted().metrics());
    }

    private static Path save(Path file, TrainableNetwork net, ProbeSet samples) throws Exception {
        float[] features = ChunkedRows.of(samples.samples(), net.featureSize(), net::features);
        try (NpyFiles.FloatWriter w = new NpyFiles.FloatWriter(file, samples.size(), net.featureSize())) {
            w.write(features);
        }
        return file;
    }

    private static double figure(String out, String name) {
        for (String line : out.split("\n")) {
            if (line.startsWith(name + " ")) return Double.parseDouble(line.substring(name.length() + 1).trim());
        }
        throw new AssertionError("no " + name + " in: " + out);
    }
}
