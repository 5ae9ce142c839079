package org.predspace.ui.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.trajectory.ProgressObjective;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.session.ExplorerSession.Probe;
import org.predspace.session.TestRuns;
import org.predspace.session.TwoTaskRuns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrajectoryDistancesTest {
    @TempDir
    Path tmp;

    private static List<TrajectoryDistances.RunSource> sources(List<Path> dirs, int checkpoints) {
        List<TrajectoryDistances.RunSource> out = new ArrayList<>();
        for (Path d : dirs) out.add(new TrajectoryDistances.RunSource(d.getFileName().toString(), d, checkpoints));
        return out;
    }

    @Test
    void heldOutProbeComparesTheTestPredictions() throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(tmp, 3, 6);
        TrajectoryDistances.Result r = new TrajectoryDistances().compute(sources(dirs, 6), Probe.HELD_OUT);
        TrajectoryComparison direct = DirectComparison.of(dirs, true);
        assertEquals(direct.runs(), r.comparison().runs());
        for (int i = 0; i < 3; i++) assertArrayEquals(direct.distances()[i], r.comparison().distances()[i], 1e-12);
        TrajectoryComparison training = DirectComparison.of(dirs, false);
        assertTrue(Math.abs(training.distance(0, 1) - r.comparison().distance(0, 1)) > 1e-9, "not the training probe's");
    }

    @Test
    void aRunOnAnotherProbeIsLeftOutWithANote() throws Exception {
        List<Path> dirs = new ArrayList<>(TestRuns.writeSynthetic(tmp, 2, 5));
        dirs.add(TestRuns.writeSynthetic(tmp, "elsewhere", "another-probe", 2, 5));
        TrajectoryDistances.Result r = new TrajectoryDistances().compute(sources(dirs, 5), Probe.TRAINING);
        assertEquals(List.of("run-0", "run-1"), r.comparison().runs());
        assertEquals(1, r.notes().size());
        assertTrue(r.notes().get(0).startsWith("elsewhere is on another probe set (another-probe"), r.notes().get(0));
    }

    @Test
    void aRunThatGainedCheckpointsIsReadAgainAndTheOthersComeFromTheCache() throws Exception {
        List<Path> dirs = TestRuns.writeSynthetic(tmp, 2, 4);
        TrajectoryDistances distances = new TrajectoryDistances();
        double before = distances.compute(sources(dirs, 4), Probe.TRAINING).comparison().distance(0, 1);
        // run-1 rewritten with more checkpoints: only a larger count makes the cache read it again.
        Path longer = tmp.resolve("longer");
        TestRuns.writeSynthetic(longer, "run-1", TestRuns.PROBE, 1, 9);
        List<TrajectoryDistances.RunSource> moved = List.of(sources(dirs, 4).get(0),
                new TrajectoryDistances.RunSource("run-1", dirs.get(1), 4));
        assertEquals(before, distances.compute(moved, Probe.TRAINING).comparison().distance(0, 1), 0);
        try (var files = Files.walk(dirs.get(1))) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
        Files.move(longer.resolve("run-1"), dirs.get(1));
        double after = distances.compute(sources(dirs, 9), Probe.TRAINING).comparison().distance(0, 1);
        assertEquals(DirectComparison.of(dirs).distance(0, 1), after, 1e-12);
        assertNotEquals(before, after, "nine checkpoints re-index differently from four");
    }

    @Test
    void everyPictureOfTheSessionHasAFace() {
        for (Probe p : Probe.values()) assertEquals(p.name(), TrajectoryDistances.Face.of(p).name());
    }

    @Test
    void theImprintedFaceComparesRunsOfDifferentTasksAndLeavesOutRunsWithoutImprintedPredictions() throws Exception {
        List<Path> tasks = TwoTaskRuns.write(tmp);
        List<Path> dirs = new ArrayList<>(tasks);
        dirs.add(TestRuns.writeSynthetic(tmp, "plain", TwoTaskRuns.SHARED, 0, 9));
        TrajectoryDistances.Result r = new TrajectoryDistances().compute(sources(dirs, 9), TrajectoryDistances.Face.IMPRINTED,
                ProgressObjective.BHATTACHARYYA);
        assertEquals(List.of("all-s0", "sub-s0", "all-s1", "sub-s1"), r.comparison().runs());
        assertEquals(List.of("plain has no imprinted predictions and is left out"), r.notes());
        TrajectoryComparison direct = TrajectoryComparison.of(DirectComparison.reindexed(tasks, false, true),
                Parallelism.serial());
        for (int i = 0; i < 4; i++) assertArrayEquals(direct.distances()[i], r.comparison().distances()[i], 1e-12);
        // on the heads' own pictures the two tasks do not meet
        TrajectoryDistances.Result heads = new TrajectoryDistances().compute(sources(tasks, 9), Probe.TRAINING);
        assertEquals(List.of("all-s0", "all-s1"), heads.comparison().runs());
        assertEquals(2, heads.notes().size(), heads.notes().toString());
    }
}
