package org.predspace.tasks;

import org.predspace.data.DatasetSplit;

/**
 * A task: which labelled problem a run trains on, made from a data set's classes
 * (docs/science.md, the space of tasks). {@link #ALL} is the full problem, every class as it is.
 *
 * <p>SKELETON: only the full problem exists yet; the task syntax and presets come next.
 */
public final class Task {
    /** The full problem: every class of the data set, labels unchanged. */
    public static final Task ALL = new Task("all");

    private final String id;

    private Task(String id) { this.id = id; }

    /**
     * The task {@code text} names (docs/tasks.md gives the syntax).
     *
     * @throws IllegalArgumentException one line naming what is wrong with {@code text}
     */
    public static Task parse(String text) {
        if (text == null || text.isBlank() || text.equals("all")) return ALL;
        throw new IllegalArgumentException("unknown task '" + text + "'");
    }

    /** The canonical text of the task, as run.json records it and {@link #parse} reads it back. */
    public String id() { return id; }

    public boolean isAll() { return this == ALL; }

    /** The data a run of this task trains and is probed on, cut and relabelled from the full problem. */
    public DatasetSplit apply(DatasetSplit full) { return full; }

    @Override
    public String toString() { return id; }
}
