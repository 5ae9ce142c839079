package org.predspace.session;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SpecGroupsTest {
    private static RunState run(String name, Map<String, Object> spec) {
        return new RunState(name, Path.of(name), spec, RunState.Phase.FINISHED, "", List.of(), 0, 0, false);
    }

    @Test
    void runsGroupByValueInTheOrderOfTheirFirstRunAndARunWithoutATaskIsOnTheFullProblem() {
        List<RunState> runs = List.of(run("a", Map.of("task", "classes:0,7,8", "seed", 0)), run("b", Map.of("seed", 0)),
                run("c", Map.of("task", "classes:0,7,8", "seed", 1)), run("d", Map.of()));
        SpecGroups byTask = SpecGroups.of("task", runs);
        assertEquals(List.of("classes:0,7,8", "all", "no task"), byTask.values());
        assertEquals(List.of("a", "c"), byTask.groups().get(0).runs());
        assertEquals("all", byTask.groupOf("b"));
        assertEquals("no task", byTask.groupOf("d"), "an imported run without a spec has no recorded task");
        assertNull(byTask.groupOf("e"));

        SpecGroups bySeed = SpecGroups.of("seed", runs);
        assertEquals(List.of("0", "1", "no seed"), bySeed.values());
        assertEquals(List.of("a", "b"), bySeed.groups().get(0).runs());
    }

    @Test
    void aTaskGivenByItsPresetIsGroupedUnderThePresetsName() {
        List<RunState> runs = List.of(run("a", Map.of("task", "classes:0,7,8", "task_preset", "diverse")),
                run("b", Map.of("task", "classes:0,7,8", "task_preset", "diverse")), run("c", Map.of("task", "classes:5,7,9")));
        assertEquals(List.of("diverse", "classes:5,7,9"), SpecGroups.of("task", runs).values());
    }

    @Test
    void aFieldNoRunHasOrThatIsNoSingleValueIsOneLine() {
        List<RunState> runs = List.of(run("a", Map.of("seed", 0)), run("b", Map.of("seed", 1, "task", List.of(1, 2))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecGroups.of("colour", runs));
        assertTrue(e.getMessage().startsWith("no run's spec has a field \"colour\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpecGroups.of("task", runs));
        assertEquals("the spec field \"task\" of b is not a single value, so it cannot group runs", e.getMessage());
    }
}
