package org.predspace.training;

import org.junit.jupiter.api.Test;
import org.predspace.data.Dataset;
import org.predspace.data.DatasetSplit;
import org.predspace.data.InputShape;
import org.predspace.training.spec.TrainingSpec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A class-balanced training subset (train --train-size): what is trained on, and the probe drawn from it. */
class TrainingSubsetTest {
    /** 3 classes in an uneven file order; feature 0 of image i is i, so a sample names where it came from. */
    static DatasetSplit shuffledThreeClasses(int n) {
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i * 7 + i / 5) % 3;
            x[2 * i] = i;
            x[2 * i + 1] = y[i];
        }
        Dataset train = new Dataset("three", x, y, 3, InputShape.tabular(2), List.of("a", "b", "c"));
        Dataset test = new Dataset("three-test", Arrays.copyOf(x, 60), Arrays.copyOf(y, 30), 3, InputShape.tabular(2),
                List.of("a", "b", "c"));
        return new DatasetSplit("three", train, test, "three classes");
    }

    @Test
    void theSubsetIsTheFirstImagesOfEachClassInFileOrder() {
        DatasetSplit data = shuffledThreeClasses(300);
        int[] idx = TrainingSubset.indices(data.train(), 30);
        assertEquals(30, idx.length);
        int[] perClass = new int[3];
        for (int i : idx) perClass[data.train().label(i)]++;
        assertArrayEquals(new int[] {10, 10, 10}, perClass, "balanced");
        for (int k = 1; k < idx.length; k++) assertTrue(idx[k] > idx[k - 1], "file order");
        for (int c = 0; c < 3; c++) {
            // no image of class c before the last chosen one was skipped
            int lastChosen = -1;
            for (int i : idx) if (data.train().label(i) == c) lastChosen = i;
            for (int i = 0; i < lastChosen; i++) {
                if (data.train().label(i) == c) assertTrue(Arrays.binarySearch(idx, i) >= 0, "image " + i + " of class " + c);
            }
        }
        assertArrayEquals(idx, TrainingSubset.indices(data.train(), 30), "deterministic");
    }

    @Test
    void aRemainderGoesToTheFirstClasses() {
        DatasetSplit data = shuffledThreeClasses(300);
        int[] perClass = new int[3];
        for (int i : TrainingSubset.indices(data.train(), 32)) perClass[data.train().label(i)]++;
        assertArrayEquals(new int[] {11, 11, 10}, perClass);
    }

    @Test
    void theSplitTrainsOnTheSubsetAndKeepsItsTestPart() {
        DatasetSplit data = shuffledThreeClasses(300);
        DatasetSplit cut = TrainingSubset.of(data, 30);
        assertEquals(30, cut.train().size());
        assertSame(data.test(), cut.test());
        int[] idx = TrainingSubset.indices(data.train(), 30);
        float[] row = new float[2];
        for (int k = 0; k < 30; k++) {
            cut.train().copyFeatures(k, row, 0);
            assertEquals(idx[k], (int) row[0]);
            assertEquals(data.train().label(idx[k]), cut.train().label(k));
        }
        assertSame(data, TrainingSubset.of(data, 0), "0 is the whole training split");
    }

    @Test
    void aLimitOutsideOnePerClassToTheWholeSplitIsRefused() {
        DatasetSplit data = shuffledThreeClasses(300);
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class, () -> TrainingSubset.of(data, 2));
        assertEquals("train size must be in 3..300 for three (at least one image per class, at most the whole training split), got 2",
                few.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingSubset.of(data, 301));
        TrainingSubset.check(data, 3);
        TrainingSubset.check(data, 300);
        assertThrows(IllegalArgumentException.class, () -> TrainingSpec.builder("three").trainSizeLimit(-1).build());
    }

    @Test
    void theTrainingProbeLiesInsideTheSubsetAndHasItsOwnId() {
        DatasetSplit data = shuffledThreeClasses(300);
        TrainingSpec full = TrainingSpec.builder("three").probeSize(12).build();
        TrainingSpec limited = full.toBuilder().trainSizeLimit(60).build();
        ProbeSet fromSubset = ProbeSet.training(TrainingSubset.of(data, 60), limited);
        ProbeSet fromAll = ProbeSet.training(data, full);

        int[] subset = TrainingSubset.indices(data.train(), 60);
        float[] row = new float[2];
        for (int k = 0; k < fromSubset.size(); k++) {
            fromSubset.samples().copyFeatures(k, row, 0);
            assertTrue(Arrays.binarySearch(subset, (int) row[0]) >= 0, "probe sample from image " + (int) row[0]);
        }
        assertEquals("train", fromSubset.split());
        assertNotEquals(fromAll.id(), fromSubset.id());
        assertTrue(fromSubset.id().startsWith("three-train60-n12-"), fromSubset.id());
        assertEquals(fromAll.id(), ProbeSet.balanced("three", "train", data.train(), 12, 0).id(),
                "an unlimited run keeps the probe id it always had");
        ProbeSet otherLimit = ProbeSet.training(TrainingSubset.of(data, 90), full.toBuilder().trainSizeLimit(90).build());
        assertNotEquals(fromSubset.id(), otherLimit.id());
        assertEquals(fromSubset.id(), ProbeSet.training(TrainingSubset.of(data, 60), limited).id(), "reproducible");
    }

    @Test
    void theLimitRoundTripsThroughRunJsonAndOldSpecsReadAsAll() {
        TrainingSpec limited = TrainingSpec.builder("fashion").trainSizeLimit(4000).build();
        Map<String, Object> m = limited.toMap();
        assertEquals(4000, m.get("train_size_limit"));
        assertEquals(limited, TrainingSpec.fromMap(m));

        Map<String, Object> old = TrainingSpec.builder("fashion").build().toMap();
        assertFalse(old.containsKey("train_size_limit"), "written only when set, as older run.json files are");
        assertEquals(0, TrainingSpec.fromMap(old).trainSizeLimit());
        m.put("train_size_limit", "many");
        assertThrows(IllegalArgumentException.class, () -> TrainingSpec.fromMap(m));
    }
}
