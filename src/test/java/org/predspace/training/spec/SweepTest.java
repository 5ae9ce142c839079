package org.predspace.training.spec;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SweepTest {

    @Test
    void productOfValueListsWithUniqueNames() {
        TrainingSpec base = TrainingSpec.builder("digits").epochs(2).build();
        Sweep sweep = new Sweep(base, List.of(Architecture.MLP, Architecture.LINEAR),
                List.of(OptimizerKind.SGD, OptimizerKind.ADAM), List.of(0.1, 0.01), List.of(64), List.of(0L, 1L));
        assertEquals(16, sweep.size());
        List<TrainingSpec> specs = sweep.specs();
        assertEquals(16, specs.size());
        Set<String> names = new HashSet<>();
        for (TrainingSpec s : specs) {
            assertTrue(names.add(s.name()));
            assertEquals(2, s.epochs(), "base values carry over");
            assertEquals("digits", s.dataset());
        }
        assertTrue(names.contains("digits-linear-sgd-lr0.01-b64-s1"));
    }

    @Test
    void repeatedValueIsRejected() {
        TrainingSpec base = TrainingSpec.builder("digits").build();
        Sweep sweep = new Sweep(base, List.of(Architecture.MLP), List.of(OptimizerKind.SGD), List.of(0.1),
                List.of(64), List.of(3L, 3L));
        assertThrows(IllegalArgumentException.class, sweep::specs);
    }

    @Test
    void specSurvivesTheRunJsonRoundTrip() {
        TrainingSpec s = TrainingSpec.builder("mnist").architecture(Architecture.LENET).optimizer(OptimizerKind.NESTEROV)
                .learningRate(0.05).schedule(LearningRateSchedule.COSINE).warmupFraction(0.1).batchSize(32)
                .epochs(3).weightDecay(1e-4).randomLabels(0.25).shiftAugment(true).seed(9).probeSize(500)
                .probeSeed(4).checkpoints(40).snapshots(SnapshotPolicy.SPARSE).batchNorm(true).build();
        assertEquals(s, TrainingSpec.fromMap(s.toMap()));
    }

    @Test
    void badValuesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSpec.builder("mnist").learningRate(Double.NaN).build());
        assertTrue(e.getMessage().contains("learning rate"));
        e = assertThrows(IllegalArgumentException.class, () -> TrainingSpec.builder("mnist").batchSize(0).build());
        assertTrue(e.getMessage().contains("batch size"));
    }
}
