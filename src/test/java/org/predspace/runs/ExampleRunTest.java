package org.predspace.runs;

import org.junit.jupiter.api.Test;
import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.session.RunState;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The committed run fixtures/example-run was written by docs/examples/write_run.py with numpy,
 * not by PredSpace: it opens like an engine-written run and holds what the script's rule,
 * re-done in Java ({@link ThreeArmsExample}), says.
 */
class ExampleRunTest {
    private static final Path FIXTURE = Fixtures.path("example-run");

    @Test
    void theNumpyWrittenFixtureHoldsTheExampleRecomputedInJava() throws Exception {
        Run run = Run.open(FIXTURE);
        assertEquals(ThreeArmsExample.NAME, run.name());
        assertFalse(run.interrupted());
        assertEquals(Map.of("dataset", "three-arms", "architecture", "softmax-regression", "optimizer", "gd",
                "learning_rate", 1.0, "batch_size", 24), run.spec());
        new ThreeArmsExample().assertHeldBy(run, 1e-9, true);
        // weights start at zero: the first checkpoint is exactly uniform, in both probes
        for (float p : run.predictions(0)) assertEquals(1f / 3, p, 0);
        for (float p : run.testPredictions(0)) assertEquals(1f / 3, p, 0);
        assertArrayEquals(new long[0], run.parameterSteps());
    }

    @Test
    void itOpensInTheExplorerWithBothPicturesStartingAtIgnorance() throws Exception {
        try (ExplorerSession s = new ExplorerSession(LiveEmbedding.Settings.defaults().withAxes(3).inForeground(), 1)) {
            s.addListener(new ExplorerSession.Listener() {
                public void runChanged(RunState state) {}
                public void problem(String message) { fail(message); }
            });
            RunState state = s.open(FIXTURE);
            assertEquals(RunState.Phase.FINISHED, state.phase());
            assertEquals("softmax-regression", state.architecture());
            assertEquals("gd", state.optimizer());
            assertEquals(1.0, state.learningRate());
            assertEquals(ThreeArmsExample.STEPS.length, state.metrics().size());
            ThreeArmsExample example = new ThreeArmsExample();
            int last = ThreeArmsExample.STEPS.length - 1;
            assertEquals(ThreeArmsExample.accuracy(example.heldOut(last), ThreeArmsExample.heldOutLabels()),
                    state.finalAccuracy(), 0, "the library shows the held-out accuracy");

            // the fixture has no imprinted predictions: the imprinted picture stays empty (ImprintedPictureTest has one)
            assertEquals(0, s.picture(ExplorerSession.Probe.IMPRINTED).frame().size());
            for (ExplorerSession.Probe probe : List.of(ExplorerSession.Probe.TRAINING, ExplorerSession.Probe.HELD_OUT)) {
                PictureFrame f = s.picture(probe).frame();
                assertEquals(2 + ThreeArmsExample.STEPS.length, f.size(), probe + ": the anchors and every checkpoint");
                assertEquals(ThreeArmsExample.NAME, f.point(2).run());
                assertEquals(0, f.point(2).progress(), 1e-6, probe + ": the first checkpoint is ignorance");
                double previous = 0;
                for (int t = 1; t <= last; t++) {
                    double progress = f.point(2 + t).progress();
                    assertTrue(progress > previous, probe + ": gradient descent moves on towards truth at step "
                            + ThreeArmsExample.STEPS[t] + " (" + progress + " after " + previous + ")");
                    previous = progress;
                }
            }
        }
    }
}
