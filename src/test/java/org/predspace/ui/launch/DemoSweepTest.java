package org.predspace.ui.launch;

import org.junit.jupiter.api.Test;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.TrainingSpec;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DemoSweepTest {
    @Test
    void eightRunsOnOneProbeCoveringBothArchitecturesOptimisersAndTwoSeeds() {
        List<TrainingSpec> specs = DemoSweep.specs();
        assertEquals(8, specs.size());
        assertEquals(8, specs.stream().map(TrainingSpec::name).distinct().count(), "each run its own folder");
        assertEquals(Set.of(Architecture.LINEAR, Architecture.MLP), specs.stream().map(TrainingSpec::architecture).collect(Collectors.toSet()));
        assertEquals(Set.of(OptimizerKind.SGD, OptimizerKind.ADAM), specs.stream().map(TrainingSpec::optimizer).collect(Collectors.toSet()));
        assertEquals(Set.of(0L, 1L), specs.stream().map(TrainingSpec::seed).collect(Collectors.toSet()));
        // one data set, probe size and probe seed: one probe id, so all eight share one picture
        assertEquals(1, specs.stream().map(s -> s.dataset() + s.probeSize() + "/" + s.probeSeed()).distinct().count());
    }
}
