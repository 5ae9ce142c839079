package org.predspace.session;

import org.junit.jupiter.api.Test;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.PythonWithNumpy;
import org.predspace.runs.Run;
import org.predspace.runs.RunFolders;
import org.predspace.runs.RunStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** The did-not-learn rule on explicit runs, each metric written out by hand. */
class LearningRuleTest {
    private static final LearningRule RULE = LearningRule.DEFAULT;

    /** A run in {@code phase} with checkpoints (step, train loss, train accuracy). */
    private static RunState run(RunState.Phase phase, String message, double[]... checkpoints) {
        List<CheckpointMetrics> m = new ArrayList<>();
        for (double[] c : checkpoints) m.add(new CheckpointMetrics((long) c[0], 0, c[1], c[2], Double.NaN, Double.NaN));
        return new RunState("r", Path.of("r"), Map.of(), phase, message, m, m.isEmpty() ? -1 : m.get(m.size() - 1).step(), 100, false);
    }

    private static RunState finished(double[]... checkpoints) { return run(RunState.Phase.FINISHED, "", checkpoints); }

    @Test
    void aRunThatEndsBelowTheThresholdLearned() {
        LearningRule.Verdict v = RULE.judge(finished(new double[] {0, 2.3, 0.1}, new double[] {100, 0.2, 0.97}));
        assertEquals(LearningRule.Kind.LEARNED, v.kind());
        assertFalse(v.marked());
        assertEquals("learned: final train error 0.03 < 0.10", v.reason());
    }

    @Test
    void aFinalTrainErrorAtOrAboveTheThresholdDidNotLearn() {
        LearningRule.Verdict v = RULE.judge(finished(new double[] {0, 2.3, 0.1}, new double[] {100, 1.6, 0.58}));
        assertEquals(LearningRule.Kind.DID_NOT_LEARN, v.kind());
        assertTrue(v.marked());
        assertEquals("did not learn: final train error 0.42 ≥ 0.10", v.reason());
        // exactly at the threshold counts, although 1 - 0.9 is 0.09999999999999998 in doubles
        assertEquals(LearningRule.Kind.DID_NOT_LEARN, RULE.judge(finished(new double[] {0, 2.3, 0.1}, new double[] {9, 0.4, 0.9})).kind());
        assertEquals(LearningRule.Kind.LEARNED, RULE.judge(finished(new double[] {0, 2.3, 0.1}, new double[] {9, 0.4, 0.905})).kind());
    }

    @Test
    void theThresholdIsTheSetting() {
        RunState r = finished(new double[] {0, 2.3, 0.1}, new double[] {100, 0.5, 0.85});
        assertTrue(new LearningRule(0.1).marks(r));
        assertFalse(new LearningRule(0.2).marks(r));
        assertEquals("learned: final train error 0.15 < 0.20", new LearningRule(0.2).judge(r).reason());
        assertEquals("did not learn: final train error 0.15 ≥ 0.125", new LearningRule(0.125).judge(r).reason());
    }

    @Test
    void onlyTheFinalCheckpointCountsNotTheBestOne() {
        RunState r = finished(new double[] {0, 2.3, 0.1}, new double[] {50, 0.1, 0.99}, new double[] {100, 0.9, 0.7});
        assertEquals(LearningRule.Kind.DID_NOT_LEARN, RULE.judge(r).kind());
    }

    @Test
    void aNanLossAtAMeasuredCheckpointIsDivergence() {
        LearningRule.Verdict v = RULE.judge(finished(new double[] {0, 2.3, 0.1}, new double[] {300, Double.NaN, 0.1}));
        assertEquals(LearningRule.Kind.DIVERGED, v.kind());
        assertTrue(v.marked());
        assertEquals("diverged: train loss NaN at step 300", v.reason());
        assertEquals("diverged: train loss infinite at step 7",
                RULE.judge(finished(new double[] {0, 2.3, 0.1}, new double[] {7, Double.POSITIVE_INFINITY, 0.1})).reason());
    }

    @Test
    void aCheckpointWithNothingMeasuredIsNotDivergence() {
        RunState r = finished(new double[] {0, 2.3, 0.1}, new double[] {50, Double.NaN, Double.NaN}, new double[] {100, 0.1, 0.98});
        assertEquals(LearningRule.Kind.LEARNED, RULE.judge(r).kind());
    }

    @Test
    void aLossFarAboveItsStartIsDivergenceEvenWhileTraining() {
        // 2.47 -> 12.2: 4.9 times the start, over the factor of 3
        RunState r = run(RunState.Phase.TRAINING, "training", new double[] {0, 2.47, 0.09}, new double[] {2, 12.2, 0.105});
        LearningRule.Verdict v = RULE.judge(r);
        assertEquals(LearningRule.Kind.DIVERGED, v.kind());
        assertEquals("diverged: train loss 12.2 at step 2, 4.939 times its start 2.47", v.reason());
        // 2.3 -> 6.8 is under three times: not diverged, judged (once ended) by its error
        RunState noisy = finished(new double[] {0, 2.3, 0.1}, new double[] {2, 6.8, 0.5});
        assertEquals(LearningRule.Kind.DID_NOT_LEARN, RULE.judge(noisy).kind());
    }

    @Test
    void theEnginesDivergedStatusIsDivergenceWithItsReason() {
        RunState r = run(RunState.Phase.DIVERGED, "probe loss 30.7 at step 3 is over 10x that of uniform predictions",
                new double[] {0, 2.4, 0.1}, new double[] {2, 2.5, 0.1});
        LearningRule.Verdict v = RULE.judge(r);
        assertEquals(LearningRule.Kind.DIVERGED, v.kind());
        assertEquals("diverged: probe loss 30.7 at step 3 is over 10x that of uniform predictions", v.reason());
    }

    @Test
    void aRunStillTrainingOrWithoutAccuracyIsUndecided() {
        RunState training = run(RunState.Phase.TRAINING, "training", new double[] {0, 2.3, 0.1}, new double[] {10, 2.0, 0.3});
        assertEquals(LearningRule.Kind.UNDECIDED, RULE.judge(training).kind());
        assertFalse(RULE.marks(training));
        RunState unmeasured = finished(new double[] {0, Double.NaN, Double.NaN});
        assertEquals(LearningRule.Kind.UNDECIDED, RULE.judge(unmeasured).kind());
        assertEquals(LearningRule.Kind.UNDECIDED, RULE.judge(finished()).kind());
        // the last measured accuracy decides when the last checkpoint has none
        RunState lastUnmeasured = finished(new double[] {0, 2.3, 0.1}, new double[] {10, 0.2, 0.96}, new double[] {20, Double.NaN, Double.NaN});
        assertEquals(LearningRule.Kind.LEARNED, RULE.judge(lastUnmeasured).kind());
    }

    /** The rule written again in Python over metrics.csv and run.json: the runs it marks, one name a line. */
    private static final String MARKED_PY = """
            import csv, json, os, sys
            root = sys.argv[1]
            for name in sorted(os.listdir(root)):
                d = os.path.join(root, name)
                if not os.path.isfile(os.path.join(d, 'run.json')): continue
                rows = list(csv.DictReader(open(os.path.join(d, 'metrics.csv'))))
                status = json.load(open(os.path.join(d, 'run.json')))['status']
                first, last = float(rows[0]['train_loss']), rows[-1]
                diverged = status == 'diverged' or float(last['train_loss']) > 3 * first
                if diverged or 1 - float(last['train_accuracy']) >= 0.1 - 1e-9: print(name)
            """;

    @Test
    void theSampleRunsItMarksAreThoseAReadingInPythonMarks() throws Exception {
        Set<String> expected = new TreeSet<>(List.of(PythonWithNumpy.require()
                .run("-c", MARKED_PY, "sample-runs").strip().split("\\R")));
        Set<String> marked = new TreeSet<>();
        for (Path dir : RunFolders.find(Path.of("sample-runs"))) {
            Run r = Run.open(dir);
            RunState.Phase phase = r.status() == RunStatus.DIVERGED ? RunState.Phase.DIVERGED : RunState.Phase.FINISHED;
            RunState s = new RunState(r.name(), dir, r.spec(), phase, r.statusMessage(), r.metrics(), 0, 0, false);
            if (RULE.marks(s)) marked.add(r.name());
        }
        assertEquals(expected, marked);
        // every sample run learned but those trained on random labels: the pre-training and the
        // random-label task's runs (sample-runs/README.md)
        Set<String> randomLabels = new TreeSet<>(List.of("fashion-mlp-pretrained-on-random-labels"));
        for (Path dir : RunFolders.find(Path.of("sample-runs"))) {
            if ("random-labels".equals(Run.open(dir).spec().get("task"))) randomLabels.add(dir.getFileName().toString());
        }
        assertEquals(3, randomLabels.size(), "the pre-training and two seeds of the random-label task");
        assertEquals(randomLabels, marked);
    }

    @Test
    void badThresholdsAreRefusedWithOneLine() {
        assertEquals(0.05, LearningRule.parse(" 0.05 ").threshold());
        assertEquals(1.0, LearningRule.parse("1").threshold());
        for (String bad : new String[] {"", "abc", "0", "-0.1", "1.5", "NaN"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningRule.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("the did-not-learn threshold is a train error in (0, 1]"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        assertThrows(IllegalArgumentException.class, () -> new LearningRule(Double.NaN));
    }

    @Test
    void figuresAreWrittenAsThresholdsAre() {
        assertEquals("0.10", LearningRule.figure(0.09999999999999998));
        assertEquals("0.42", LearningRule.figure(0.42));
        assertEquals("0.095", LearningRule.figure(0.095));
        assertEquals("1.00", LearningRule.figure(1));
        assertEquals("12.2", LearningRule.figure(12.208647343138386));
    }
}
