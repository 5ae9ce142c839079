package org.predspace.cli;

import org.junit.jupiter.api.Test;
import org.predspace.runs.Run;
import org.predspace.runs.RunFolders;
import org.predspace.runs.RunStatus;
import org.predspace.training.TrainingSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The committed sample-runs/ folder is what `samples` promises, and small enough to ship. */
class SampleRunsTest {
    static final Path SAMPLES = Path.of("sample-runs");

    @Test
    void theCuratedListIsTheSweepThePreTrainingTheDivergingRunAndTwoCorners() {
        List<TrainingSpec> first = SamplesCommand.firstPhase();
        assertEquals(26, first.size());
        Set<String> combos = new HashSet<>();
        for (TrainingSpec s : first.subList(0, 24)) combos.add(s.architecture().id() + "/" + s.optimizer().id() + "/" + s.seed());
        assertEquals(24, combos.size(), "4 architectures x 2 optimisers x 3 seeds, all distinct");
        assertEquals(1.0, first.get(24).randomLabels());
        List<TrainingSpec> corners = SamplesCommand.corners(Path.of("x", SamplesCommand.PRETRAIN));
        assertEquals(2, corners.size());
        for (TrainingSpec c : corners) assertEquals(Path.of("..", SamplesCommand.PRETRAIN).toString(), c.initFrom());
    }

    @Test
    void committedSamplesOpenShareOneProbeAndStayUnder25MB() throws Exception {
        List<Path> dirs = RunFolders.find(SAMPLES);
        assertEquals(28, dirs.size(), "sample-runs/ holds the 28 runs of `samples`");
        long bytes;
        try (Stream<Path> files = Files.walk(SAMPLES)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(SampleRunsTest::size).sum();
        }
        assertTrue(bytes <= 25L << 20, "sample-runs/ is " + bytes + " bytes");
        Set<String> probes = new HashSet<>();
        int diverged = 0;
        for (Path d : dirs) {
            Run r = Run.open(d);
            probes.add(r.probe().id());
            if (r.status() == RunStatus.DIVERGED) diverged++;
            else assertEquals(RunStatus.FINISHED, r.status(), r.name());
        }
        assertEquals(1, probes.size(), "one probe: every run can be drawn in one picture");
        assertEquals(1, diverged, "exactly one run diverges");

        Run pre = Run.open(SAMPLES.resolve(SamplesCommand.PRETRAIN));
        for (String o : List.of("sgd", "adam")) {
            Run corner = Run.open(SAMPLES.resolve("mnist-mlp-" + o + "-from-random-label-corner"));
            assertArrayEquals(pre.predictions(pre.checkpointCount() - 1), corner.predictions(0), 1e-6f,
                    "the corner run starts where the random-label pre-training ended");
        }
    }

    static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
