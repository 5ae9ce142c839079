package org.predspace.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.geometry.inpca.LiveEmbedding;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** Fine-tuned runs drawn as continuations of their parent's checkpoint. */
class FineTuningTest {
    @TempDir
    Path tmp;

    @Test
    void theSpecNamesTheParentByNameOrFolderAndTheStepItStartedFrom() {
        assertEquals(Optional.of(new FineTuning("parent", 200)),
                FineTuning.of(Map.of("init_from", "runs/parent/", "init_from_step", 200)));
        assertEquals(Optional.of(new FineTuning("parent", FineTuning.LAST)), FineTuning.of(Map.of("init_from", "parent")));
        assertEquals(Optional.empty(), FineTuning.of(Map.of("init_from", " ")));
        assertEquals(Optional.empty(), FineTuning.of(Map.of("seed", 1)));
        RunState parent = new RunState("parent", tmp.resolve("parent"), Map.of(), RunState.Phase.FINISHED, "", List.of(), 40, 40, false);
        assertEquals("fine-tuned from parent at step 200", new FineTuning("parent", 200).describe(parent));
        assertEquals(FineTuning.LAST, new FineTuning("parent", FineTuning.LAST).startStep(null));
    }

    @Test
    void aFineTunedRunStartsWhereItsParentWasInTheImprintedPictureAndItsStepsCountOnFromThere() throws Exception {
        // the parent's imprinted rows at step 20 (fraction 0.5 of its 5 checkpoints) are the child's first:
        // the child's body is the parent's, and imprinted predictions depend on the body alone
        Path parent = TestRuns.writeTask(tmp, "parent", "head-all", TestRuns.SHARED_PROBE, 1, 5, 0, 1, Map.of());
        Map<String, Object> childSpec = Map.of("task", "classes:1,2", "init_from", parent.toString(), "init_from_step", 20);
        Path child = TestRuns.writeTask(tmp, "child", "head-classes:1,2", TestRuns.SHARED_PROBE, 1, 4, 0.5, 1, childSpec);
        try (ExplorerSession s = new ExplorerSession(LiveEmbedding.Settings.defaults().withAxes(5).inForeground(), 1)) {
            s.openAll(List.of(parent, child), (d, m) -> {});
            Map<String, RunState> runs = new LinkedHashMap<>();
            for (RunState r : s.runs()) runs.put(r.name(), r);
            assertEquals(20, FineTuning.stepOffset(runs.get("child"), runs.values()));
            assertEquals(0, FineTuning.stepOffset(runs.get("parent"), runs.values()));

            PictureFrame f = s.picture(ExplorerSession.Probe.IMPRINTED).frame();
            List<int[]> connectors = FineTuning.connectors(f.points(), f.size(), runs);
            assertEquals(1, connectors.size());
            PointInfo from = f.point(connectors.get(0)[0]);
            PointInfo to = f.point(connectors.get(0)[1]);
            assertEquals("parent", from.run());
            assertEquals(20, from.step());
            assertEquals("child", to.run());
            assertEquals(0, to.checkpoint());
            double extent = 0;
            for (int i = 0; i < f.size(); i++) extent = Math.max(extent, Math.abs(f.coordinate(i, 0)));
            for (int axis = 0; axis < 3; axis++) {
                assertEquals(f.coordinate(connectors.get(0)[0], axis), f.coordinate(connectors.get(0)[1], axis), 1e-6 * extent,
                        "the connector has no length in the imprinted picture (axis " + (axis + 1) + ")");
            }
            assertEquals(from.progress(), to.progress(), 1e-9);

            // the child's head is on its own task's probe: not in the parent's training-probe picture, so no connector there
            PictureFrame t = s.picture(ExplorerSession.Probe.TRAINING).frame();
            assertEquals(List.of(), FineTuning.connectors(t.points(), t.size(), runs));
        }
    }
}
