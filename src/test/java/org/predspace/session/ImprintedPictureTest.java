package org.predspace.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ImprintInfo;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.ProbeScore;
import org.predspace.training.TrainingEvent;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The imprinted picture: runs of different tasks (each head on a probe of its own) meet on the
 * shared probe; runs without imprinted predictions, or on another shared probe, are left out of it
 * by name while their other pictures are unaffected.
 */
class ImprintedPictureTest {
    @TempDir
    Path tmp;

    private static ExplorerSession session() {
        return new ExplorerSession(LiveEmbedding.Settings.defaults().withAxes(5).inForeground(), 1);
    }

    private static List<String> problems(ExplorerSession s) {
        List<String> heard = new CopyOnWriteArrayList<>();
        s.addListener(new ExplorerSession.Listener() {
            public void runChanged(RunState state) { }
            public void problem(String message) { heard.add(message); }
        });
        return heard;
    }

    private static Set<String> runsIn(PictureFrame f) {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < f.size(); i++) if (!f.point(i).isAnchor()) names.add(f.point(i).run());
        return names;
    }

    private Path task(String name, String task, int tilt) throws Exception {
        return TestRuns.writeTask(tmp, name, "head-" + task, TestRuns.SHARED_PROBE, tilt, 5, 0, 1, Map.of("task", task));
    }

    /** Two tasks, a plain run on the first task's head probe, and a run imprinted on another shared probe. */
    private List<Path> mixed() throws Exception {
        Path a = task("task-a", "classes:0,1", 1);
        Path plain = TestRuns.writeTask(tmp, "plain", "head-classes:0,1", null, 3, 4, 0, 1, Map.of("task", "classes:0,1"));
        Path b = task("task-b", "classes:1,2", 2);
        Path elsewhere = TestRuns.writeTask(tmp, "elsewhere", "head-classes:0,1", "another-shared-probe", 4, 3, 0, 1,
                Map.of("task", "classes:0,1"));
        return List.of(a, plain, b, elsewhere);
    }

    private static void assertMixedPictures(ExplorerSession s, List<String> problems) {
        assertEquals(Set.of("task-a", "task-b"), runsIn(s.picture(ExplorerSession.Probe.IMPRINTED).frame()),
                "both tasks meet in the imprinted picture");
        assertEquals(Set.of("task-a", "plain", "elsewhere"), runsIn(s.picture(ExplorerSession.Probe.TRAINING).frame()),
                "the training-probe picture is the first task's, as before");
        assertEquals(4, s.runs().size(), "every run is listed");
        assertEquals(1, problems.stream().filter(m -> m.startsWith("plain has no imprinted predictions")).count(), problems.toString());
        assertEquals(1, problems.stream().filter(m -> m.startsWith("elsewhere is left out of the imprinted picture")
                && m.contains("another-shared-probe")).count(), problems.toString());
        assertEquals(1, problems.stream().filter(m -> m.equals("task-b is drawn in the imprinted picture only: its head is on probe"
                + " head-classes:1,2, another task's (the training-probe picture shows probe head-classes:0,1)")).count(), problems.toString());
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void runsOfTwoTasksMeetInTheImprintedPictureAndTheOthersAreNamedOneByOne() throws Exception {
        try (ExplorerSession s = session()) {
            List<String> problems = problems(s);
            for (Path d : mixed()) s.open(d);
            assertMixedPictures(s, problems);
        }
    }

    @Test
    void openingThemAllAtOnceDrawsTheSamePicturesAndNamesTheSameRuns() throws Exception {
        try (ExplorerSession s = session()) {
            List<String> problems = problems(s);
            assertEquals(4, s.openAll(mixed(), (done, message) -> {}).size());
            assertMixedPictures(s, problems);
        }
    }

    /** A folder's runs come sorted by name: a task run first must not give the training-probe picture its head's probe. */
    @Test
    void theFullProblemsRunsKeepTheTrainingPictureWhenARunOfAnotherTaskIsListedFirst() throws Exception {
        Path first = task("a-task-run", "classes:0,1", 1);
        Path full = TestRuns.writeTask(tmp, "full-without-imprint", "full-probe", null, 2, 4, 0, 1, Map.of());
        Path fullToo = TestRuns.writeTask(tmp, "full-imprinted", "full-probe", TestRuns.SHARED_PROBE, 3, 4, 0, 1, Map.of("task", "all"));
        try (ExplorerSession s = session()) {
            List<String> problems = problems(s);
            List<RunState> opened = s.openAll(List.of(first, full, fullToo), (done, message) -> {});
            assertEquals(List.of("a-task-run", "full-without-imprint", "full-imprinted"), opened.stream().map(RunState::name).toList(),
                    "in the order given");
            assertEquals(Set.of("full-without-imprint", "full-imprinted"), runsIn(s.picture(ExplorerSession.Probe.TRAINING).frame()));
            assertEquals(Set.of("a-task-run", "full-imprinted"), runsIn(s.picture(ExplorerSession.Probe.IMPRINTED).frame()));
            assertTrue(problems.stream().anyMatch(m -> m.startsWith("a-task-run is drawn in the imprinted picture only")), problems.toString());
        }
    }

    @Test
    void runsOfOtherTasksOpenedTogetherAreNamedInOneMessage() throws Exception {
        try (ExplorerSession s = session()) {
            List<String> problems = problems(s);
            s.openAll(List.of(task("a", "classes:0,1", 1), task("b", "classes:1,2", 2), task("c", "classes:0,2", 3)),
                    (done, message) -> {});
            assertEquals(List.of("2 runs are drawn in the imprinted picture only: their heads are on other tasks' probes"
                    + " (the training-probe picture shows probe head-classes:0,1): b, c"), problems);
            assertEquals(Set.of("a", "b", "c"), runsIn(s.picture(ExplorerSession.Probe.IMPRINTED).frame()));
        }
    }

    @Test
    void imprintedPointsCarryTheImprintedScoresAndProgressOnTheFullProblemsGeodesic() throws Exception {
        try (ExplorerSession s = session()) {
            s.open(task("task-a", "classes:0,1", 1));
            PictureFrame f = s.picture(ExplorerSession.Probe.IMPRINTED).frame();
            assertEquals(2 + 5, f.size());
            PointInfo last = f.point(6);
            ProbeScore expected = ProbeScore.of(TestRuns.towardsTruth(1, 1), TestRuns.labels(), TestRuns.C);
            assertEquals(expected.accuracy(), last.accuracy(), 1e-12);
            assertEquals(expected.loss(), last.loss(), 1e-9);
            assertEquals(1.0, last.trainAccuracy(), 1e-12, "the head's own training accuracy (the did-not-learn rule's)");
            assertEquals(0, f.point(2).progress(), 1e-3, "uniform over C classes is ignorance of the full problem");
            assertTrue(last.progress() > 0.5, "progress towards the full problem's truth: " + last.progress());
            assertTrue(f.point(1).isAnchor() && f.point(1).truthDistance() == 0);
        }
    }

    @Test
    void runsWrittenBeforeImprintingAreNotToldAboutAPictureNobodyUses() throws Exception {
        try (ExplorerSession s = session()) {
            List<String> problems = problems(s);
            s.open(TestRuns.writeTask(tmp, "old-1", "p", null, 1, 3, 0, 1, Map.of()));
            s.open(TestRuns.writeTask(tmp, "old-2", "p", null, 2, 3, 0, 1, Map.of()));
            assertEquals(List.of(), problems);
            assertNull(s.picture(ExplorerSession.Probe.IMPRINTED).shape());
            // the first imprinted run names those left out before it, in one message
            s.open(TestRuns.writeTask(tmp, "new", "p", TestRuns.SHARED_PROBE, 3, 3, 0, 1, Map.of()));
            assertEquals(1, problems.size(), problems.toString());
            assertTrue(problems.get(0).startsWith("2 runs have no imprinted predictions") && problems.get(0).contains("old-1, old-2"),
                    problems.get(0));
        }
    }

    @Test
    void aLiveRunFeedsTheImprintedPictureFromItsEvents() throws Exception {
        try (ExplorerSession s = session()) {
            List<String> problems = problems(s);
            int[] head = new int[TestRuns.N];
            ImprintInfo info = new ImprintInfo(TestRuns.C, new ProbeInfo(TestRuns.SHARED_PROBE, TestRuns.N, "train"),
                    new ProbeInfo("prototypes", 60, "train"));
            s.onEvent(new TrainingEvent.Started("live", tmp.resolve("live"), null, "head-live", 20, 2, 2, head, "head-live/test",
                    head, info, TestRuns.labels()));
            s.onEvent(new TrainingEvent.Started("headless", tmp.resolve("headless"), null, "head-live", 20, 2, 2, head,
                    "head-live/test", head, null, null));
            float[] rows = new float[TestRuns.N * 2];
            Arrays.fill(rows, 0.5f);
            for (int k = 0; k < 2; k++) {
                CheckpointMetrics m = new CheckpointMetrics(10L * k, k, 0.7, 0.5, Double.NaN, Double.NaN);
                s.onEvent(new TrainingEvent.CheckpointSaved("live", k, 2, m, rows, rows, TestRuns.towardsTruth(k, 2)));
                s.onEvent(new TrainingEvent.CheckpointSaved("headless", k, 2, m, rows, rows, null));
            }
            s.picture(ExplorerSession.Probe.IMPRINTED).refresh();
            PictureFrame f = s.picture(ExplorerSession.Probe.IMPRINTED).frame();
            assertEquals(Set.of("live"), runsIn(f));
            assertEquals(ProbeScore.of(TestRuns.towardsTruth(1, 2), TestRuns.labels(), TestRuns.C).accuracy(),
                    f.point(3).accuracy(), 1e-12);
            assertEquals(Set.of("live", "headless"), runsIn(s.picture(ExplorerSession.Probe.TRAINING).frame()));
            assertEquals(List.of("headless has no imprinted predictions and is left out of the imprinted picture"
                    + " (it was written without them; its other pictures are unaffected)"), problems);
        }
    }
}
