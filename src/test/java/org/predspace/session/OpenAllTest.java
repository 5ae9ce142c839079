package org.predspace.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.runs.RunFolders;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/** Opening a folder of runs as one job ({@link ExplorerSession#openAll}) against opening them one by one. */
class OpenAllTest {
    @TempDir
    Path tmp;

    /** Refreshes on the adding thread, so the one-by-one picture is complete when open returns. */
    private static ExplorerSession session() {
        return new ExplorerSession(LiveEmbedding.Settings.defaults().withAxes(5).inForeground(), 1);
    }

    /**
     * Eight of the sample runs (real predictions: 200 probe samples, 10 classes, 20 checkpoints
     * each), among them the random-label pre-training, whose end is far from every other point.
     */
    private static List<Path> sampleRuns() throws Exception {
        List<Path> all = RunFolders.find(Path.of("sample-runs"));
        List<Path> some = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 4) some.add(all.get(i));
        Path corner = Path.of("sample-runs", "fashion-mlp-pretrained-on-random-labels");
        assertTrue(all.contains(corner), "the pre-training is a sample run");
        if (!some.contains(corner)) some.add(corner);
        return some;
    }

    @Test
    void bulkOpenDrawsTheSamePictureAsOpeningRunsOneByOne() throws Exception {
        List<Path> dirs = sampleRuns();
        try (ExplorerSession oneByOne = session(); ExplorerSession bulk = session()) {
            for (Path d : dirs) oneByOne.open(d);
            List<RunState> opened = bulk.openAll(dirs, (done, message) -> {});
            assertEquals(dirs.size(), opened.size());
            assertTrue(bulk.picture(ExplorerSession.Probe.IMPRINTED).frame().size() > 0, "some sample runs are imprinted");
            for (ExplorerSession.Probe probe : ExplorerSession.Probe.values()) {
                oneByOne.picture(probe).refresh();   // exact: no checkpoint left out of sample
                PictureFrame expected = oneByOne.picture(probe).frame();
                PictureFrame actual = bulk.picture(probe).frame();
                assertEquals(expected.size(), actual.size(), probe + ": every checkpoint of every run");
                assertEquals(actual.size(), actual.embedding().exactPoints(), probe + ": placed by one exact eigendecomposition");
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(PredictionPicture.PointKey.of(expected.point(i)), PredictionPicture.PointKey.of(actual.point(i)),
                            probe + ": point " + i + " is the same checkpoint");
                    assertEquals(expected.point(i).progress(), actual.point(i).progress(), 1e-12);
                }
                for (int axis = 0; axis < 3; axis++) {
                    double sign = Math.signum(dot(expected, actual, axis));
                    double scale = 0;
                    for (int i = 0; i < expected.size(); i++) scale = Math.max(scale, Math.abs(expected.coordinate(i, axis)));
                    for (int i = 0; i < expected.size(); i++) {
                        assertEquals(expected.coordinate(i, axis), sign * actual.coordinate(i, axis), 1e-6 * scale,
                                probe + ": point " + i + " on axis " + (axis + 1));
                    }
                }
            }
        }
    }

    private static double dot(PictureFrame a, PictureFrame b, int axis) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += a.coordinate(i, axis) * b.coordinate(i, axis);
        return s;
    }

    @Test
    void progressGoesFromZeroToOneAndEveryRunIsListedWithAllItsCheckpoints() throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(tmp, 5, 7);
        List<Double> progress = new CopyOnWriteArrayList<>();
        try (ExplorerSession s = session()) {
            List<RunState> heard = new CopyOnWriteArrayList<>();
            s.addListener(new ExplorerSession.Listener() {
                public void runChanged(RunState state) { heard.add(state); }
                public void problem(String message) { fail(message); }
            });
            s.openAll(dirs, (done, message) -> progress.add(done));
            assertEquals(0, progress.get(0), 0);
            assertEquals(1, progress.get(progress.size() - 1), 0);
            for (int i = 1; i < progress.size(); i++) assertTrue(progress.get(i) >= progress.get(i - 1), "never goes back: " + progress);
            assertEquals(2 + 5 * 7, s.picture(ExplorerSession.Probe.TRAINING).frame().size());
            assertEquals(2 + 5 * 7, s.picture(ExplorerSession.Probe.HELD_OUT).frame().size());
            for (int r = 0; r < 5; r++) {
                assertEquals(7, s.run("run-" + r).metrics().size());
                String name = "run-" + r;
                assertTrue(heard.stream().anyMatch(h -> h.name().equals(name) && h.metrics().size() == 7), name + " was announced complete");
            }
        }
    }

    @Test
    void aFolderThatCannotBeReadIsReportedByNameAndTheOthersStillOpen() throws Exception {
        List<Path> good = TestRuns.writeSynthetic(tmp, 2, 4);
        Path bad = tmp.resolve("broken");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("run.json"), "{ this is not json");
        Path otherProbe = TestRuns.writeSynthetic(tmp, "elsewhere", "another-probe", 3, 4);
        try (ExplorerSession s = session()) {
            List<String> problems = new CopyOnWriteArrayList<>();
            s.addListener(new ExplorerSession.Listener() {
                public void runChanged(RunState state) {}
                public void problem(String message) { problems.add(message); }
            });
            List<RunState> opened = s.openAll(List.of(good.get(0), bad, otherProbe, good.get(1)), (done, message) -> {});
            assertEquals(List.of("run-0", "run-1"), opened.stream().map(RunState::name).toList());
            assertEquals(2 + 2 * 4, s.picture(ExplorerSession.Probe.TRAINING).frame().size());
            assertTrue(problems.stream().anyMatch(p -> p.contains("broken") && p.contains("run.json")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.contains("elsewhere") && p.contains("another-probe")), problems.toString());
        }
    }

    @Test
    void runsAddedToAPictureThatAlreadyHasRunsJoinIt() throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(tmp, 4, 5);
        try (ExplorerSession s = session()) {
            s.openAll(dirs.subList(0, 2), (done, message) -> {});
            s.openAll(dirs.subList(2, 4), (done, message) -> {});
            PictureFrame f = s.picture(ExplorerSession.Probe.TRAINING).frame();
            assertEquals(2 + 4 * 5, f.size());
            assertEquals(f.size(), f.embedding().exactPoints());
            assertEquals("run-3", f.point(f.size() - 1).run());
        }
    }
}
