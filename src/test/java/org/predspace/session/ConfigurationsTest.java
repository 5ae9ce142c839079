package org.predspace.session;

import org.junit.jupiter.api.Test;
import org.predspace.runs.CheckpointMetrics;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigurationsTest {
    private static RunState run(String name, Map<String, Object> spec, double finalTrainAccuracy) {
        List<CheckpointMetrics> metrics = List.of(new CheckpointMetrics(0, 0, 2.3, 0.1, Double.NaN, Double.NaN),
                new CheckpointMetrics(100, 1, 0.3, finalTrainAccuracy, Double.NaN, Double.NaN));
        return new RunState(name, Path.of(name), spec, RunState.Phase.FINISHED, "", metrics, 100, 100, false);
    }

    private static Map<String, Object> spec(String arch, double lr, int seed, String recorded) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dataset", "mnist");
        s.put("architecture", arch);
        s.put("learning_rate", lr);
        s.put("seed", seed);
        s.put("snapshots", recorded);
        s.put("engine", Map.of("java_version", recorded));
        return s;
    }

    @Test
    void runsEqualButForSeedAndRecordingFormOneConfigurationAndRunsThatDidNotLearnAreListed() {
        List<RunState> runs = List.of(
                run("mnist-mlp-lr0.1-s0", spec("mlp", 0.1, 0, "sparse"), 0.95),
                run("mnist-mlp-lr0.01-s0", spec("mlp", 0.01, 0, "sparse"), 0.97),
                run("mnist-mlp-lr0.1-s1", spec("mlp", 0.1, 1, "none"), 0.93),
                run("mnist-mlp-lr0.1-s2", spec("mlp", 0.1, 2, "none"), 0.85),
                run("mnist-lenet-lr0.1-s0", spec("lenet", 0.1, 0, "none"), 0.9),
                run("imported", Map.of(), 0.99),
                run("imported-too", Map.of(), 0.99));
        Configurations.Grouping g = Configurations.of(runs, new LearningRule(0.1));
        assertEquals(List.of("mnist-mlp-lr0.1-s2", "mnist-lenet-lr0.1-s0"), g.didNotLearn(),
                "errors 0.15 and 0.1 (1 - 0.9 in decimal) are at least 0.1");
        assertEquals(List.of(
                new Configurations.Configuration("mnist-mlp-lr0.1 \u00d72", List.of("mnist-mlp-lr0.1-s0", "mnist-mlp-lr0.1-s1")),
                new Configurations.Configuration("mnist-mlp-lr0.01-s0", List.of("mnist-mlp-lr0.01-s0")),
                new Configurations.Configuration("imported", List.of("imported")),
                new Configurations.Configuration("imported-too", List.of("imported-too"))), g.configurations());
        // a looser threshold keeps them
        Configurations.Grouping loose = Configurations.of(runs, new LearningRule(0.2));
        assertTrue(loose.didNotLearn().isEmpty());
        assertEquals(List.of("mnist-mlp-lr0.1-s0", "mnist-mlp-lr0.1-s1", "mnist-mlp-lr0.1-s2"), loose.configurations().get(0).runs());
        assertEquals("mnist-mlp-lr0.1 \u00d73", loose.configurations().get(0).label());
    }

    @Test
    void namesThatDoNotEndInTheSeedKeepTheFirstRunsName() {
        List<RunState> runs = List.of(run("first", spec("mlp", 0.1, 0, "x"), 1), run("second", spec("mlp", 0.1, 1, "x"), 1));
        assertEquals("first \u00d72", Configurations.of(runs, new LearningRule(0.1)).configurations().get(0).label());
    }
}
