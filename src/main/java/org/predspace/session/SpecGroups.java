package org.predspace.session;

import org.predspace.tasks.Task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs grouped by the value of one spec field (run.json), such as the task, to compare the
 * groups by their trajectory distances averaged over every pair of their runs (seeds and all
 * else averaged; docs/science.md section 5). Unlike {@link Configurations}, runs that did not
 * learn stay in: a random-label task is a group worth placing.
 *
 * @param field  the spec field
 * @param groups in the order of their first run
 */
public record SpecGroups(String field, List<Group> groups) {
    /** The field that names a run's task; run.json records it only when the task is not the full problem. */
    public static final String TASK = "task";
    /** The task of a run whose spec has no "task": the full problem (docs/tasks.md). */
    public static final String FULL_TASK = Task.ALL.id();

    /** One value of the field and the runs that have it, in the order given. */
    public record Group(String value, List<String> runs) {
        public Group {
            runs = List.copyOf(runs);
        }
    }

    public SpecGroups {
        groups = List.copyOf(groups);
    }

    /**
     * @throws IllegalArgumentException one line: no run has the field, or it is not one value
     *                                  (the task is known for every run with a spec)
     */
    public static SpecGroups of(String field, Collection<RunState> runs) {
        String key = field == null ? "" : field.strip();
        if (!key.equals(TASK)) key = SpecField.parse(key, runs).name();
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        for (RunState r : runs) byValue.computeIfAbsent(valueOf(r, key), v -> new ArrayList<>()).add(r.name());
        List<Group> groups = new ArrayList<>();
        byValue.forEach((value, members) -> groups.add(new Group(value, members)));
        return new SpecGroups(key, groups);
    }

    /**
     * The run's value of the field as text: for the task, its preset's name if it was given
     * as one, "all" when a run with a spec records none; "no FIELD" when the run's spec lacks the field (an imported run has no spec at all).
     *
     * @throws IllegalArgumentException the field is not a single value in the run's spec
     */
    public static String valueOf(RunState run, String field) {
        Object v = run.spec().get(field);
        // a task is named as the user named it: its preset ("diverse") rather than its text ("classes:0,7,8")
        if (field.equals(TASK) && !run.spec().isEmpty() && (v == null || v instanceof String)) return run.task();
        if (v == null) return field.equals(TASK) && !run.spec().isEmpty() ? FULL_TASK : "no " + field;
        if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
            throw new IllegalArgumentException("the spec field \"" + field + "\" of " + run.name() + " is not a single value, so it cannot group runs");
        }
        return String.valueOf(v);
    }

    /** The labels, one per group, in order. */
    public List<String> values() { return groups.stream().map(Group::value).toList(); }

    /** The group of a run, or null when it is in none. */
    public String groupOf(String run) {
        for (Group g : groups) if (g.runs().contains(run)) return g.value();
        return null;
    }
}
