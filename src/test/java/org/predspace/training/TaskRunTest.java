package org.predspace.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.DatasetCatalog;
import org.predspace.data.DatasetSplit;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;
import org.predspace.tasks.Task;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/** Tiny digits runs of every kind of task, and fine-tuning from one task to another. */
@Tag("slow")
class TaskRunTest {
    private static DatasetSplit digits;

    @BeforeAll
    static void load() throws Exception {
        digits = new DatasetCatalog().load("digits");
    }

    private static TrainingSpec.Builder tiny(Task task, String name) {
        return TrainingSpec.builder("digits").task(task).name(name).architecture(Architecture.MLP).hiddenLayers(1).width(32)
                .optimizer(OptimizerKind.SGD).learningRate(0.1).batchSize(32).epochs(3).probeSize(90).checkpoints(5)
                .snapshots(SnapshotPolicy.ALL);
    }

    private static Run train(TrainingSpec spec, Path out) throws Exception {
        Path dir = out.resolve(spec.name());
        assertEquals(RunStatus.FINISHED, new TrainingRun(spec, digits, dir, e -> {}).execute());
        return Run.open(dir);
    }

    private static double testAccuracy(Run r) { return ((Number) r.summary().get("test_accuracy")).doubleValue(); }

    @Test
    void eachKindOfTaskTrainsOnItsOwnClassesWithAProbeOfItsOwn(@TempDir Path tmp) throws Exception {
        Run all = train(tiny(Task.ALL, "all").build(), tmp);
        Run subset = train(tiny(Task.parse("classes:3,1,4"), "subset").build(), tmp);
        Run grouped = train(tiny(Task.parse("even-odd", "digits"), "grouped").build(), tmp);
        Run random = train(tiny(Task.RANDOM_LABELS, "random").build(), tmp);

        assertEquals(10, all.classes());
        assertEquals(3, subset.classes());
        assertEquals(2, grouped.classes());
        assertEquals(10, random.classes());
        Set<String> probes = new HashSet<>();
        for (Run r : List.of(all, subset, grouped, random)) probes.add(r.probe().id());
        assertEquals(4, probes.size(), "one head probe per task: " + probes);

        // the subset's probe is balanced over its three classes, labelled 0..2
        assertArrayEquals(new int[] {30, 30, 30}, counts(subset.labels(), 3));
        assertArrayEquals(new int[] {45, 45}, counts(grouped.labels(), 2));
        // random labels keep the true labels on the probe: the same samples as the full problem's
        assertArrayEquals(all.labels(), random.labels());

        // what each head learned: the real tasks well above chance, random labels nothing real
        assertTrue(testAccuracy(all) > 0.6, "all: " + testAccuracy(all));
        assertTrue(testAccuracy(subset) > 0.8, "subset of 3: " + testAccuracy(subset));
        assertTrue(testAccuracy(grouped) > 0.7, "even-odd: " + testAccuracy(grouped));
        assertTrue(testAccuracy(random) < 0.3, "random labels: " + testAccuracy(random));

        for (Run r : List.of(subset, grouped, random)) {
            TrainingSpec back = TrainingSpec.fromMap(r.spec());
            assertEquals(Task.parse(r.spec().get("task").toString()), back.task(), r.name());
            assertFalse(back.task().isAll(), r.name());
        }
        assertEquals("even-odd", grouped.spec().get("task_preset"));
        assertEquals("even-odd", TrainingSpec.fromMap(grouped.spec()).task().preset());
        assertFalse(all.spec().containsKey("task"));
    }

    @Test
    void fineTuningOnAnotherTaskKeepsTheBodyAndStartsAFreshHead(@TempDir Path tmp) throws Exception {
        Run parent = train(tiny(Task.parse("classes:0,1,2"), "parent").build(), tmp);
        long[] saved = parent.parameterSteps();
        long step = saved[saved.length / 2];
        assertNotEquals(saved[saved.length - 1], step, "a step before the last, to see that the step is honoured");
        Task other = Task.parse("classes:3,4,5");
        Run child = train(tiny(other, "child").seed(7).initFrom("../parent").initFromStep(step).build(), tmp);
        Run fresh = train(tiny(other, "fresh").seed(7).build(), tmp);

        Map<String, INDArray> p = table(parent, parent.parameters(step));
        Map<String, INDArray> c = table(child, child.parameters(0));
        Map<String, INDArray> f = table(fresh, fresh.parameters(0));
        assertEquals(p.keySet(), c.keySet());
        for (String key : c.keySet()) {
            if (key.startsWith("out_")) {
                assertEquals(f.get(key), c.get(key), key + ": the head is the fresh one the seed gives");
                assertNotEquals(p.get(key), c.get(key), key + ": not the parent's head");
            } else {
                assertEquals(p.get(key), c.get(key), key + ": the body is the parent's at step " + step);
                assertNotEquals(f.get(key), c.get(key), key + ": not a fresh body");
            }
        }
        assertEquals(step, ((Number) child.spec().get("init_from_step")).longValue());
        assertEquals("../parent", child.spec().get("init_from"));
    }

    @Test
    void fineTuningOnTheSameTaskContinuesTheWholeNetwork(@TempDir Path tmp) throws Exception {
        Task task = Task.parse("classes:0,1,2");
        Run parent = train(tiny(task, "parent").build(), tmp);
        long step = parent.parameterSteps()[1];
        Run child = train(tiny(task, "child").seed(7).initFrom("../parent").initFromStep(step).build(), tmp);
        assertArrayEquals(parent.parameters(step), child.parameters(0));
        int at = Arrays.binarySearch(parent.steps(), step);
        assertArrayEquals(parent.predictions(at), child.predictions(0), 1e-6f, "same network, same probe");
    }

    @Test
    void aStepWithoutSnapshotIsOneLineNamingTheStepsThatHaveOne(@TempDir Path tmp) throws Exception {
        Run parent = train(tiny(Task.ALL, "parent").snapshots(SnapshotPolicy.SPARSE).build(), tmp);
        long[] saved = parent.parameterSteps();
        TrainingSpec child = tiny(Task.ALL, "child").initFrom("../parent").initFromStep(saved[0] + 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FineTuneStart.of(child, tmp.resolve("child")));
        assertTrue(e.getMessage().contains("no parameter snapshot at step " + (saved[0] + 1)), e.getMessage());
        assertTrue(e.getMessage().contains(Arrays.toString(saved)), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(saved[saved.length - 1], FineTuneStart.of(child.toBuilder().initFromStep(null).build(), tmp.resolve("child")).step(),
                "without a step, the last snapshot");
    }

    /** The run's parameters by DL4J key ("out_W", "dense0_b", ...), laid out by the network its spec builds. */
    private static Map<String, INDArray> table(Run run, float[] params) {
        TrainingSpec spec = TrainingSpec.fromMap(run.spec());
        ComputationGraph net = NetworkFactory.build(spec, digits.shape(), run.classes(), 1);
        net.setParams(Nd4j.create(params).castTo(net.params().dataType()));
        Map<String, INDArray> out = new TreeMap<>();
        net.paramTable().forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    private static int[] counts(int[] labels, int classes) {
        int[] n = new int[classes];
        for (int l : labels) n[l]++;
        return n;
    }
}
