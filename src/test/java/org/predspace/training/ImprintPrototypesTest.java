package org.predspace.training;

import org.junit.jupiter.api.Test;
import org.predspace.data.Dataset;
import org.predspace.data.DatasetSplit;
import org.predspace.data.InputShape;
import org.predspace.training.spec.TrainingSpec;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ImprintPrototypesTest {
    /** 3 classes, 500 training samples each (labels cycle), 2 features. */
    private static final DatasetSplit FULL = split(1500);

    private static DatasetSplit split(int n) {
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            x[2 * i] = i;
        }
        Dataset train = new Dataset("toy train", x, y, 3, InputShape.tabular(2), List.of("a", "b", "c"));
        return new DatasetSplit("toy", train, train.subset(new int[] {0, 1, 2}, "toy test"), "toy");
    }

    @Test
    void prototypesAreBalancedAndNeverOnTheProbe() {
        TrainingSpec spec = TrainingSpec.builder("toy").probeSize(300).probeSeed(5).build();
        ProbeSet probe = ProbeSet.training(FULL, spec);
        ProbeSet prototypes = ImprintPrototypes.draw(FULL, probe, spec);
        assertEquals(ImprintPrototypes.MAX_SIZE, prototypes.size());
        int[] perClass = new int[3];
        for (int label : prototypes.labels()) perClass[label]++;
        assertArrayEquals(new int[] {334, 333, 333}, perClass);
        for (int i : prototypes.indices()) {
            assertTrue(Arrays.binarySearch(probe.indices(), i) < 0, "sample " + i + " is on the probe");
        }
        assertTrue(prototypes.id().startsWith("toy-train-prototypes-n1000-"), prototypes.id());
        assertNotEquals(probe.id(), prototypes.id());
    }

    @Test
    void runsSharingTheProbeShareThePrototypes() {
        TrainingSpec a = TrainingSpec.builder("toy").probeSize(300).probeSeed(5).seed(1).build();
        TrainingSpec b = TrainingSpec.builder("toy").probeSize(300).probeSeed(5).seed(2).learningRate(0.5).build();
        TrainingSpec otherProbe = TrainingSpec.builder("toy").probeSize(300).probeSeed(6).build();
        ProbeSet pa = ImprintPrototypes.draw(FULL, ProbeSet.training(FULL, a), a);
        ProbeSet pb = ImprintPrototypes.draw(FULL, ProbeSet.training(FULL, b), b);
        ProbeSet other = ImprintPrototypes.draw(FULL, ProbeSet.training(FULL, otherProbe), otherProbe);
        assertArrayEquals(pa.indices(), pb.indices());
        assertEquals(pa.id(), pb.id());
        assertFalse(Arrays.equals(pa.indices(), other.indices()));
        assertNotEquals(pa.id(), other.id());
    }

    @Test
    void takesWhatTheProbeLeavesWhenThatIsLessThanTheMaximum() {
        DatasetSplit small = split(600);
        TrainingSpec spec = TrainingSpec.builder("toy").probeSize(200).build();
        ProbeSet probe = ProbeSet.training(small, spec);
        ProbeSet prototypes = ImprintPrototypes.draw(small, probe, spec);
        assertEquals(400, prototypes.size());
        int[] all = new int[600];
        System.arraycopy(probe.indices(), 0, all, 0, 200);
        System.arraycopy(prototypes.indices(), 0, all, 200, 400);
        Arrays.sort(all);
        for (int i = 0; i < 600; i++) assertEquals(i, all[i], "probe and prototypes split the training data");
    }
}
