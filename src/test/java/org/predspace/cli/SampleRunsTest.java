package org.predspace.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.predspace.runs.Run;
import org.predspace.runs.RunFolders;
import org.predspace.runs.RunStatus;
import org.predspace.session.LearningRule;
import org.predspace.session.RunState;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The committed sample-runs/ folder is what `samples` promises, the evidence of the lecture
 * chapters, and small enough to ship: with assets/ at most 36 MB in the repository (30 MB until
 * the task chapter's 15 runs with imprinted predictions, which added 6.4 MB).
 */
class SampleRunsTest {
    static final Path SAMPLES = Path.of("sample-runs");
    /** sample-runs/ and assets/ together, in bytes (as `du -sb` counts them). */
    static final long BUDGET = 36_000_000L;

    static List<Run> runs;

    @BeforeAll
    static void open() throws Exception {
        runs = new ArrayList<>();
        for (Path d : RunFolders.find(SAMPLES)) runs.add(Run.open(d));
    }

    private static TrainingSpec spec(Run r) { return TrainingSpec.fromMap(r.spec()); }

    /** The runs of chapters 1 and 2: trained from scratch on the real labels of the full problem. */
    private static List<Run> sweep() {
        return runs.stream().filter(r -> spec(r).randomLabels() == 0 && spec(r).initFrom() == null && spec(r).task().isAll())
                .toList();
    }

    /** The runs of chapter 6 trained on another task than the full problem. */
    private static List<Run> taskRuns() {
        return runs.stream().filter(r -> !spec(r).task().isAll()).toList();
    }

    @Test
    void theCuratedListTrainsSeedZeroOfEveryConfigurationFirst() {
        List<TrainingSpec> first = SamplesCommand.firstPhase();
        int configurations = SamplesCommand.ARCHITECTURES.size() * SamplesCommand.OPTIMIZERS.size();
        assertEquals(3 * configurations + 1, first.size(), "3 seeds of each configuration and the pre-training");
        Set<String> seedZero = new HashSet<>();
        for (TrainingSpec s : first.subList(0, configurations)) {
            assertEquals(0, s.seed());
            seedZero.add(s.architecture() + "/" + s.optimizer());
        }
        assertEquals(configurations, seedZero.size(), "every configuration's seed 0 comes before any other seed");
        for (TrainingSpec s : first) {
            assertEquals(SamplesCommand.TRAIN_SIZE, s.trainSizeLimit());
            assertEquals(SamplesCommand.PROBE, s.probeSize());
            if (s.randomLabels() > 0) {
                assertEquals(SnapshotPolicy.SPARSE, s.snapshots(), "the corner runs start from its last snapshot");
                continue;
            }
            boolean batchNorm = s.architecture() == Architecture.ALLCNN || s.architecture() == Architecture.RESNET;
            SnapshotPolicy expected = s.seed() != 0 || batchNorm ? SnapshotPolicy.NONE
                    : s.optimizer() == OptimizerKind.ADAM && s.architecture() == SamplesCommand.ALL_SNAPSHOTS
                    ? SnapshotPolicy.ALL : SnapshotPolicy.SPARSE;
            assertEquals(expected, s.snapshots(), s.name());
        }
        List<TrainingSpec> corners = SamplesCommand.corners(Path.of("x", SamplesCommand.PRETRAIN));
        assertEquals(2, corners.size());
        for (TrainingSpec c : corners) assertEquals(Path.of("..", SamplesCommand.PRETRAIN).toString(), c.initFrom());
    }

    @Test
    void samplesAndAssetsTogetherStayWithin30MB() {
        long bytes = bytes(SAMPLES) + bytes(Path.of("assets"));
        assertTrue(bytes <= BUDGET, "sample-runs/ and assets/ are " + bytes + " bytes");
    }

    @Test
    void everyRunLearnedButTheRandomLabelPreTrainingWhichIsMarked() {
        List<String> unmarkedPreTraining = new ArrayList<>(), marked = new ArrayList<>();
        for (Run r : runs) {
            assertEquals(RunStatus.FINISHED, r.status(), r.name());
            RunState state = new RunState(r.name(), r.dir(), r.spec(), RunState.Phase.FINISHED, r.statusMessage(), r.metrics(), 0, 0, false);
            LearningRule.Verdict v = LearningRule.DEFAULT.judge(state);
            boolean preTraining = spec(r).randomLabels() > 0 || spec(r).task().randomLabels();
            if (preTraining && !v.marked()) unmarkedPreTraining.add(r.name());
            if (!preTraining && v.marked()) marked.add(r.name() + ": " + v.reason());
        }
        assertEquals(List.of(), marked, "runs that did not learn (final train error >= 0.1)");
        assertEquals(List.of(), unmarkedPreTraining, "random labels teach nothing about the real ones");
        assertTrue(runs.stream().anyMatch(r -> r.name().equals(SamplesCommand.PRETRAIN)), "the pre-training is there");
    }

    @Test
    void chapterTwoHasFourArchitecturesTwoOptimisersAndThreeSeedsOnOneProbe() {
        Map<String, Set<Long>> seeds = new TreeMap<>();
        for (Run r : sweep()) seeds.computeIfAbsent(spec(r).architecture() + "/" + spec(r).optimizer(), k -> new TreeSet<>()).add(spec(r).seed());
        Set<Architecture> architectures = new HashSet<>();
        Map<Architecture, Set<OptimizerKind>> optimisers = new TreeMap<>();
        for (Run r : sweep()) {
            architectures.add(spec(r).architecture());
            optimisers.computeIfAbsent(spec(r).architecture(), k -> new HashSet<>()).add(spec(r).optimizer());
        }
        assertTrue(architectures.size() >= 4, "architectures: " + architectures);
        optimisers.forEach((a, o) -> assertTrue(o.size() >= 2, a + " with " + o));
        seeds.forEach((c, s) -> assertTrue(s.size() >= 3, c + " has seeds " + s));
        Set<String> probes = new HashSet<>();
        for (Run r : runs) if (spec(r).task().isAll()) probes.add(r.probe().id());
        assertEquals(1, probes.size(), "one probe: every full-problem run can be drawn in one picture, " + probes);
    }

    /** Chapter 6: four tasks, two seeds each, in one imprinted picture with the full problem's runs. */
    @Test
    void chapterSixHasFourTasksTwoSeedsAndEveryRunOfItOnTheSweepsProbeImprinted() throws Exception {
        Map<String, Set<Long>> seeds = new TreeMap<>();
        for (Run r : taskRuns()) seeds.computeIfAbsent(spec(r).task().label(), k -> new TreeSet<>()).add(spec(r).seed());
        assertEquals(new TreeSet<>(SamplesCommand.TASKS), seeds.keySet());
        seeds.forEach((task, s) -> assertEquals(SamplesCommand.TASK_SEEDS, s.size(), task + " has seeds " + s));
        String sweepProbe = sweep().get(0).probe().id();
        List<String> imprinted = new ArrayList<>();
        for (Run r : runs) {
            if (!r.hasImprinted()) continue;
            imprinted.add(r.name());
            Run view = r.imprinted();
            assertEquals(sweepProbe, view.probe().id(), r.name() + " is imprinted on the sweep's probe");
            assertEquals(10, view.classes());
            if (!spec(r).task().isAll()) assertNotEquals(sweepProbe, r.probe().id(), r.name() + "'s head has its own task's probe");
        }
        // every task run, the three full-problem mlp adam runs and the two fine-tunings
        assertEquals(taskRuns().size() + 3 + 2, imprinted.size(), "runs with imprinted predictions: " + imprinted);
    }

    /** Imprinting depends on the body only, so a fine-tuning's first point is exactly where its parent ended. */
    @Test
    void theFineTuningsStartAtTheImprintedPointWhereTheirParentEnded() throws Exception {
        int fineTunings = 0;
        for (TrainingSpec s : SamplesCommand.fineTunings()) {
            Run child = Run.open(SAMPLES.resolve(s.name()));
            Run parent = Run.open(SAMPLES.resolve(s.name()).resolve(s.initFrom()).normalize());
            long[] steps = parent.steps();
            assertArrayEquals(new long[] {steps[steps.length - 1]}, parent.parameterSteps(), "the parent keeps its last snapshot only");
            assertEquals(steps[steps.length - 1], ((Number) child.spec().get("init_from_step")).longValue());
            assertArrayEquals(parent.imprinted().predictions(steps.length - 1), child.imprinted().predictions(0), child.name());
            assertTrue(spec(child).task().isAll() && !spec(parent).task().isAll());
            fineTunings++;
        }
        assertEquals(2, fineTunings);
    }

    /** Spectra need per-sample gradients, which batch norm (allcnn, resnet) does not give: those keep none. */
    @Test
    void everyCheckpointOfChapterFourHasParametersAndOtherSeedZeroRunsTheirFirstAndLast() {
        int allSnapshots = 0;
        for (Run r : sweep()) {
            TrainingSpec s = spec(r);
            if (s.seed() != 0 || s.architecture() == Architecture.ALLCNN || s.architecture() == Architecture.RESNET) continue;
            long[] steps = r.steps(), kept = r.parameterSteps();
            if (s.snapshots() == SnapshotPolicy.ALL) {
                allSnapshots++;
                assertArrayEquals(steps, kept, r.name() + ": a spectrum at every point");
            } else {
                assertTrue(Arrays.binarySearch(kept, steps[0]) >= 0 && Arrays.binarySearch(kept, steps[steps.length - 1]) >= 0,
                        r.name() + ": initialisation and end, kept " + Arrays.toString(kept));
            }
        }
        assertEquals(1, allSnapshots, "the chapter-4 run");
    }

    @Test
    void theCornerRunsStartWhereTheRandomLabelPreTrainingEnded() throws Exception {
        Run pre = Run.open(SAMPLES.resolve(SamplesCommand.PRETRAIN));
        int corners = 0;
        for (Run corner : runs) {
            if (spec(corner).initFrom() == null || !spec(corner).initFrom().contains(SamplesCommand.PRETRAIN)) continue;
            corners++;
            assertEquals(Path.of("..", SamplesCommand.PRETRAIN).toString(), spec(corner).initFrom());
            assertArrayEquals(pre.predictions(pre.checkpointCount() - 1), corner.predictions(0), 1e-6f, corner.name());
        }
        assertTrue(corners >= 2, "nesterov and adam from the corner");
    }

    static long bytes(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(SampleRunsTest::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
