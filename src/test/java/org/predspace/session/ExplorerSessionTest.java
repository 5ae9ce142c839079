package org.predspace.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.RunFormatException;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.TrainingSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

class ExplorerSessionTest {
    @TempDir
    Path tmp;

    Path writeRun(String name, String probeId, int tilt, int checkpoints) throws IOException {
        return TestRuns.writeSynthetic(tmp, name, probeId, tilt, checkpoints);
    }

    static ExplorerSession session() {
        return new ExplorerSession(LiveEmbedding.Settings.defaults().withAxes(5).inForeground(), 1);
    }

    @Test
    void openedRunsFillBothPicturesWithAnchorsFirstAndEveryCheckpointDescribed() throws Exception {
        try (ExplorerSession s = session()) {
            List<RunState> heard = new CopyOnWriteArrayList<>();
            s.addListener(new ExplorerSession.Listener() {
                public void runChanged(RunState state) { heard.add(state); }
                public void problem(String message) { fail(message); }
            });
            s.open(writeRun("a", "probe-1", 1, 6));
            s.open(writeRun("b", "probe-1", 2, 4));

            PictureFrame f = s.picture(ExplorerSession.Probe.TRAINING).frame();
            assertEquals(2 + 6 + 4, f.size());
            assertEquals("ignorance", f.point(0).run());
            assertEquals("truth", f.point(1).run());
            assertTrue(f.point(0).isAnchor() && f.point(1).isAnchor());
            assertEquals("a", f.point(2).run());
            assertEquals(0, f.point(2).checkpoint());
            assertEquals(50, f.point(7).step());
            assertEquals("b", f.point(8).run());
            // progress along the geodesic: the uniform first checkpoint is at ignorance, later ones move on
            assertEquals(0, f.point(2).progress(), 1e-3);
            assertTrue(f.point(7).progress() > 0.5, "last checkpoint progress " + f.point(7).progress());
            assertEquals(f.point(2).step(), 0);

            PictureFrame held = s.picture(ExplorerSession.Probe.HELD_OUT).frame();
            assertEquals(12, held.size());
            assertEquals(0.9 * 0.2, held.point(3).accuracy(), 1e-9, "held-out picture carries test accuracy");

            RunState a = s.run("a");
            assertEquals(RunState.Phase.FINISHED, a.phase());
            assertEquals(6, a.metrics().size());
            assertEquals("linear", a.architecture());
            assertEquals(0.05, a.learningRate(), 1e-12);
            assertEquals(0.9, a.finalAccuracy(), 1e-9);
            assertTrue(heard.stream().anyMatch(r -> r.name().equals("b") && r.metrics().size() == 4));
        }
    }

    @Test
    void theFirstCheckpointSitsOnTheIgnoranceAnchorInTheEmbedding() throws Exception {
        try (ExplorerSession s = session()) {
            s.open(writeRun("a", "probe-1", 1, 8));
            PredictionPicture p = s.picture(ExplorerSession.Probe.TRAINING);
            p.refresh();
            PictureFrame f = waitFor(p, fr -> fr.embedding().exactPoints() == fr.size() && fr.geodesicCurrent());
            double gap = 0, extent = 0;
            for (int k = 0; k < 3; k++) {
                gap += sq(f.coordinate(0, k) - f.coordinate(2, k));
                extent += sq(f.coordinate(0, k) - f.coordinate(1, k));
            }
            assertTrue(gap < 1e-6 * extent, "uniform checkpoint vs ignorance anchor: " + gap + " of " + extent);
            // the geodesic's ends coincide with the anchors
            double[][] g = f.geodesic();
            assertEquals(100, g.length);
            for (int k = 0; k < 3; k++) {
                assertEquals(f.coordinate(0, k), g[0][k], 1e-3 * Math.sqrt(extent));
                assertEquals(f.coordinate(1, k), g[99][k], 1e-3 * Math.sqrt(extent));
            }
        }
    }

    @Test
    void aRunOnAnotherProbeIsRefusedWithBothProbesNamedAndTheOthersStay() throws Exception {
        try (ExplorerSession s = session()) {
            s.open(writeRun("a", "probe-1", 1, 5));
            Path other = writeRun("c", "probe-2", 1, 5);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.open(other));
            assertTrue(e.getMessage().contains("probe-2") && e.getMessage().contains("probe-1"), e.getMessage());
            assertEquals(2 + 5, s.picture(ExplorerSession.Probe.TRAINING).frame().size());
            IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> s.open(tmp.resolve("a")));
            assertTrue(twice.getMessage().contains("already open"), twice.getMessage());
            assertThrows(RunFormatException.class, () -> s.open(tmp.resolve("missing")));
            assertEquals(List.of("a"), s.runs().stream().map(RunState::name).toList());
        }
    }

    @Test
    void aLiveTrainingRunAppearsCheckpointByCheckpointAndFinishes() throws Exception {
        try (ExplorerSession s = session()) {
            List<RunState.Phase> phases = new CopyOnWriteArrayList<>();
            s.addListener(new ExplorerSession.Listener() {
                public void runChanged(RunState state) {
                    if (phases.isEmpty() || phases.get(phases.size() - 1) != state.phase()) phases.add(state.phase());
                }
                public void problem(String message) { fail(message); }
            });
            TrainingSpec spec = TrainingSpec.builder("iris").architecture(Architecture.LINEAR).optimizer(OptimizerKind.SGD)
                    .learningRate(0.5).batchSize(16).epochs(3).checkpoints(8).probeSize(60).seed(3).name("iris-live").build();
            s.train(List.of(spec), tmp.resolve("out"), new DatasetCatalog());
            long deadline = System.currentTimeMillis() + 60_000;
            while (!s.run("iris-live").phase().ended() && System.currentTimeMillis() < deadline) Thread.sleep(50);
            RunState done = s.run("iris-live");
            assertEquals(RunState.Phase.FINISHED, done.phase(), done.message());
            assertEquals(8, done.metrics().size());
            assertEquals(List.of(RunState.Phase.QUEUED, RunState.Phase.TRAINING, RunState.Phase.FINISHED), phases);
            assertEquals(2 + 8, s.picture(ExplorerSession.Probe.TRAINING).frame().size());
            assertEquals(2 + 8, s.picture(ExplorerSession.Probe.HELD_OUT).frame().size());
            assertEquals(1.0, done.fraction());
        }
    }

    /**
     * A training thread that dies of an error (thrown here by a listener, as a broken library
     * would throw it inside the loop) leaves a run marked failed with the reason: in the
     * session, in a notification, and on disk, so a session opened later says the same.
     */
    @Test
    void aTrainingThatDiesOfAnErrorIsMarkedFailedWithTheReasonAndStaysSoWhenReopened() throws Exception {
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicBoolean thrown = new AtomicBoolean();
        String reason = "internal error: AssertionError: injected at the first checkpoint";
        Path dir;
        try (ExplorerSession s = session()) {
            s.addListener(new ExplorerSession.Listener() {
                public void runChanged(RunState state) {
                    if (!state.metrics().isEmpty() && !state.phase().ended() && thrown.compareAndSet(false, true)) {
                        throw new AssertionError("injected at the first checkpoint");
                    }
                }
                public void problem(String message) { problems.add(message); }
            });
            TrainingSpec spec = TrainingSpec.builder("iris").architecture(Architecture.LINEAR).optimizer(OptimizerKind.SGD)
                    .learningRate(0.5).batchSize(16).epochs(3).checkpoints(8).probeSize(60).seed(3).name("iris-dies").build();
            dir = s.train(List.of(spec), tmp.resolve("out"), new DatasetCatalog()).get(0).dir();
            long deadline = System.currentTimeMillis() + 60_000;
            while (!s.run("iris-dies").phase().ended() && System.currentTimeMillis() < deadline) Thread.sleep(50);
            RunState failed = s.run("iris-dies");
            assertEquals(RunState.Phase.FAILED, failed.phase(), failed.message());
            assertEquals(reason, failed.message());
            assertEquals(List.of("iris-dies could not be trained: " + reason), problems);
        }
        try (ExplorerSession later = session()) {
            RunState reopened = later.open(dir);
            assertEquals(RunState.Phase.FAILED, reopened.phase());
            assertEquals("Failed after 1 checkpoint (last step 0): " + reason, reopened.message());
        }
    }

    static double sq(double x) { return x * x; }

    @Test
    void metricsAreMatchedToCheckpointsByStepWhenTheLogSkipsSome() throws Exception {
        // other tools may log metrics at some checkpoints only; the format allows it
        Path dir = writeRun("sparse", "probe-1", 0, 4);
        Path csv = dir.resolve("metrics.csv");
        List<String> lines = Files.readAllLines(csv);
        lines.remove(2); // the line of step 10
        Files.write(csv, lines);
        try (ExplorerSession s = session()) {
            RunState state = s.open(dir);
            List<CheckpointMetrics> m = state.metrics();
            assertEquals(List.of(0L, 10L, 20L, 30L), m.stream().map(CheckpointMetrics::step).toList());
            assertTrue(Double.isNaN(m.get(1).trainAccuracy()), "step 10 has no line: not measured");
            assertEquals(2 / 3.0, m.get(2).trainAccuracy(), 1e-12, "step 20 keeps its own line");
            PictureFrame f = s.picture(ExplorerSession.Probe.TRAINING).frame();
            assertEquals(20, f.point(4).step());
            assertEquals(2 / 3.0, f.point(4).accuracy(), 1e-12);
        }
    }

    static PictureFrame waitFor(PredictionPicture p, Predicate<PictureFrame> ok) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        PictureFrame f = p.frame();
        while (!ok.test(f) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            f = p.frame();
        }
        assertTrue(ok.test(f), "picture did not settle");
        return f;
    }
}
