package org.predspace.tasks;

import org.junit.jupiter.api.Test;
import org.predspace.data.Dataset;
import org.predspace.data.DatasetSplit;
import org.predspace.data.InputShape;
import org.predspace.training.spec.TrainingSpec;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** The task syntax, its presets, its one-line errors, and the data a task cuts from the full problem. */
class TaskTest {

    @Test
    void syntaxReadsBackAsItsCanonicalText() {
        assertSame(Task.ALL, Task.parse("all"));
        assertSame(Task.ALL, Task.parse(""));
        assertSame(Task.RANDOM_LABELS, Task.parse("random-labels"));
        assertEquals("classes:0,7,8", Task.parse(" classes: 0, 7 ,8 ").id());
        assertEquals("groups:0,2,4,6/5,7,9/1,3,8", Task.parse("groups:0,2,4,6/5,7,9/1,3,8").id());
        // one class per group is a subset: one task, one text
        assertEquals("classes:3,1", Task.parse("groups:3/1").id());
        assertEquals(Task.parse("classes:3,1"), Task.parse("groups:3/1"));
        assertNotEquals(Task.parse("classes:1,3"), Task.parse("classes:3,1"), "the order is the relabelling");
        for (String text : List.of("classes:0,7,8", "groups:0,2,4,6/5,7,9/1,3,8", "random-labels", "all")) {
            assertEquals(text, Task.parse(Task.parse(text).id()).id());
        }
    }

    @Test
    void presetsResolveOnTheirDataSetOnly() {
        Task tops = Task.parse("tops-footwear-other", "fashion");
        assertEquals("groups:0,2,4,6/5,7,9/1,3,8", tops.id());
        assertEquals("tops-footwear-other", tops.preset());
        assertEquals("tops-footwear-other", tops.label());
        assertEquals("classes:0,7,8", Task.parse("diverse", "fashion").id());
        assertEquals("classes:5,7,9", Task.parse("similar", "fashion").id());
        for (String digits : List.of("mnist", "digits")) {
            assertEquals("groups:0,2,4,6,8/1,3,5,7,9", Task.parse("even-odd", digits).id());
            assertEquals("groups:0,1,2,3,4/5,6,7,8,9", Task.parse("low-high", digits).id());
            assertEquals("classes:0,1,2,3,4", Task.parse("digits-0-4", digits).id());
            assertEquals("classes:5,6,7,8,9", Task.parse("digits-5-9", digits).id());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Task.parse("diverse", "mnist"));
        assertOneLine(e, "unknown task 'diverse'");
        assertTrue(e.getMessage().contains("even-odd"), "names the presets of the data set: " + e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Task.parse("even-odd"), "a preset needs its data set");
        assertNull(Task.parse("classes:0,7,8", "fashion").preset(), "the syntax is not a preset, even when one means the same");
    }

    @Test
    void everyBadTextIsOneLineNamingTheProblem() {
        String[][] cases = {
                {"nonsense", "unknown task 'nonsense'"},
                {"classes:", "lists no classes"},
                {"classes:0,7,7", "lists class 7 twice"},
                {"groups:0,1/1,2", "lists class 1 twice"},
                {"classes:4", "has 1 class; a task needs at least 2"},
                {"groups:0,1,2", "has 1 group; a task needs at least 2"},
                {"groups:0,1//2", "group 2 is empty"},
                {"groups:0,1/2/", "group 3 is empty"},
                {"classes:0,,2", "empty class number"},
                {"classes:0,x", "'x' is not a class number"},
                {"classes:-1,2", "'-1' is not a class number"},
                {"classes:0,99999999999", "is not a class number"},
                {"classes:0,1\n2", "control characters"}};
        for (String[] c : cases) {
            assertOneLine(assertThrows(IllegalArgumentException.class, () -> Task.parse(c[0], "digits"), c[0]), c[1]);
        }
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> Task.parse("classes:0,12").check(10, "digits"));
        assertOneLine(range, "task classes:0,12: class 12 is out of range for digits (classes 0..9)");
        assertThrows(IllegalArgumentException.class, () -> Task.parse("classes:0,3").apply(split("toy", 3)),
                "apply refuses a class the data does not have");
        Task.parse("classes:0,9").check(10, "digits");   // in range: no exception
    }

    @Test
    void aSubsetKeepsItsClassesRelabelledInTheOrderListed() {
        DatasetSplit full = split("toy", 4);
        DatasetSplit cut = Task.parse("classes:2,0").apply(full);
        assertEquals(2, cut.classes());
        assertEquals(List.of("c2", "c0"), cut.train().classNames());
        assertEquals(2 * 5, cut.train().size());
        assertEquals(2 * 3, cut.test().size());
        for (Dataset d : List.of(cut.train(), cut.test())) {
            for (int i = 0; i < d.size(); i++) {
                // feature 0 is the original class: class 2 must now be label 0, class 0 label 1
                int original = (int) d.featuresView()[i * 2];
                assertTrue(original == 2 || original == 0, "only the task's classes are kept");
                assertEquals(original == 2 ? 0 : 1, d.label(i), "sample " + i + " of class " + original);
            }
        }
    }

    @Test
    void aGroupingMakesEachGroupOneClassAndDropsTheRest() {
        DatasetSplit full = split("toy", 5);
        DatasetSplit cut = Task.parse("groups:0,3/4,1").apply(full);
        assertEquals(2, cut.classes());
        assertEquals(List.of("c0+c3", "c4+c1"), cut.train().classNames());
        Dataset train = cut.train();
        assertEquals(4 * 5, train.size(), "class 2 is dropped");
        for (int i = 0; i < train.size(); i++) {
            int original = (int) train.featuresView()[i * 2];
            assertEquals(original == 0 || original == 3 ? 0 : 1, train.label(i));
            assertNotEquals(2, original);
        }
    }

    @Test
    void eachTaskHasItsOwnDataSetIdSoItsHeadProbeHasItsOwnId() {
        DatasetSplit full = split("toy", 4);
        assertSame(full, Task.ALL.apply(full));
        DatasetSplit random = Task.RANDOM_LABELS.apply(full);
        assertSame(full.train(), random.train(), "random labels are drawn in training; the data keep their true labels");
        assertNotEquals(full.id(), random.id());
        String a = Task.parse("classes:0,1").apply(full).id();
        String b = Task.parse("classes:1,0").apply(full).id();
        String c = Task.parse("groups:0,1/2,3").apply(full).id();
        assertEquals(5, new HashSet<>(List.of(full.id(), a, b, c, random.id())).size(), "all differ");
    }

    @Test
    void specRecordsTheCanonicalTextAndThePresetName() {
        TrainingSpec s = TrainingSpec.builder("fashion").task(Task.parse("diverse", "fashion")).build();
        Map<String, Object> m = s.toMap();
        assertEquals("classes:0,7,8", m.get("task"));
        assertEquals("diverse", m.get("task_preset"));
        TrainingSpec back = TrainingSpec.fromMap(m);
        assertEquals(s.task(), back.task());
        assertEquals("diverse", back.task().preset());
        assertEquals("fashion-diverse-mlp-adam-lr0.001-b128-s0", s.name(), "the default name says the task");

        TrainingSpec plain = TrainingSpec.builder("digits").task(Task.parse("groups:0,1/2,3")).build();
        assertEquals("digits-groups0.1-2.3-mlp-adam-lr0.001-b128-s0", plain.name());
        assertFalse(plain.toMap().containsKey("task_preset"));
        assertFalse(TrainingSpec.builder("digits").build().toMap().containsKey("task"), "the full problem is not written");
        assertSame(Task.ALL, TrainingSpec.fromMap(TrainingSpec.builder("digits").build().toMap()).task());

        // a recorded preset name that no longer means the recorded task is dropped, the task kept
        m.put("task_preset", "similar");
        assertNull(TrainingSpec.fromMap(m).task().preset());
        assertEquals("classes:0,7,8", TrainingSpec.fromMap(m).task().id());
    }

    @Test
    void randomLabelsDrawsEveryTrainingLabelAndRefusesAFractionOnTop() {
        TrainingSpec s = TrainingSpec.builder("digits").task(Task.RANDOM_LABELS).build();
        assertEquals(1.0, s.trainingLabelNoise());
        assertEquals(0.25, TrainingSpec.builder("digits").randomLabels(0.25).build().trainingLabelNoise());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSpec.builder("digits").task(Task.RANDOM_LABELS).randomLabels(0.5).build());
        assertOneLine(e, "task random-labels replaces every training label already");
    }

    private static void assertOneLine(IllegalArgumentException e, String expected) {
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    /**
     * {@code classes} classes, 5 training and 3 test samples each; feature 0 of a sample is its
     * class, so a test can tell which class a relabelled sample came from.
     */
    private static DatasetSplit split(String id, int classes) {
        return new DatasetSplit(id, data(id + " train", classes, 5), data(id + " test", classes, 3), "toy");
    }

    private static Dataset data(String name, int classes, int perClass) {
        int n = classes * perClass;
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            x[i * 2] = y[i];
            x[i * 2 + 1] = i;
        }
        List<String> names = IntStream.range(0, classes).mapToObj(c -> "c" + c).toList();
        return new Dataset(name, x, y, classes, InputShape.tabular(2), names);
    }
}
