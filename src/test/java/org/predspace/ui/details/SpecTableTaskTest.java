package org.predspace.ui.details;

import org.junit.jupiter.api.Test;
import org.predspace.tasks.Task;
import org.predspace.training.spec.TrainingSpec;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The details panel's spec table and the library's task label for a fine-tuned run of a task. */
class SpecTableTaskTest {

    @Test
    void aFineTunedTaskRunShowsItsTaskAndWhereItStarted() {
        Map<String, Object> spec = TrainingSpec.builder("fashion").task(Task.parse("similar", "fashion"))
                .initFrom("../parent").initFromStep(42L).build().toMap();
        List<SpecTable.Group> groups = SpecTable.of(spec);
        assertEquals(List.of(new SpecTable.Row("Data set", "fashion"), new SpecTable.Row("Task", "classes:5,7,9"),
                new SpecTable.Row("Task preset", "similar")), groups.get(0).rows().subList(0, 3));
        SpecTable.Group start = groups.stream().filter(g -> g.title().equals("Starting point")).findFirst().orElseThrow();
        assertEquals(List.of(new SpecTable.Row("Started from run", "../parent"), new SpecTable.Row("At its step", "42")), start.rows());
        assertTrue(groups.stream().noneMatch(g -> g.title().equals("Other")), "nothing left unlabelled: " + groups);
        assertEquals("similar", Task.label(spec));
    }

    @Test
    void theTaskLabelFallsBackToTheTextAndToAll() {
        assertEquals("classes:0,1", Task.label(TrainingSpec.builder("digits").task(Task.parse("classes:0,1")).build().toMap()));
        assertEquals("all", Task.label(TrainingSpec.builder("digits").build().toMap()));
        assertEquals("all", Task.label(Map.of()), "a run from another tool with no spec");
    }
}
