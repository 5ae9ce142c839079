package org.predspace.tasks;

import org.predspace.data.Dataset;
import org.predspace.data.DatasetSplit;
import org.predspace.runs.InputText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A task: which labelled problem a run trains on, made from a data set's classes
 * (docs/tasks.md, docs/science.md on the space of tasks). {@link #ALL} is the full problem,
 * every class as it is; {@code classes:0,7,8} keeps three classes, relabelled 0, 1, 2 in the
 * order listed; {@code groups:0,2,4,6/5,7,9/1,3,8} makes each group one class, in order, and
 * drops the classes not listed; {@code random-labels} keeps every sample but trains on labels
 * drawn at random (the head's probe keeps the true ones). Named presets ({@link TaskPresets})
 * stand for one of these texts on their data set.
 */
public final class Task {
    private enum Kind { ALL, CLASSES, GROUPS, RANDOM_LABELS }

    /** The full problem: every class of the data set, labels unchanged. */
    public static final Task ALL = new Task(Kind.ALL, null, "all", null);
    /** Every class, every training label replaced by a uniformly random one (from the run's seed). */
    public static final Task RANDOM_LABELS = new Task(Kind.RANDOM_LABELS, null, "random-labels", null);

    private static final String CLASSES = "classes:";
    private static final String GROUPS = "groups:";
    private static final String SYNTAX = "all, classes:A,B,..., groups:A,B/C,D/..., random-labels";

    private final Kind kind;
    /** The task's classes in order, each a group of the data set's classes; null for ALL and RANDOM_LABELS. */
    private final int[][] groups;
    private final String id;
    /** The preset name the task was chosen by, or null. */
    private final String preset;

    private Task(Kind kind, int[][] groups, String id, String preset) {
        this.kind = kind;
        this.groups = groups;
        this.id = id;
        this.preset = preset;
    }

    /**
     * The task {@code text} names in the syntax of docs/tasks.md (not a preset: presets need
     * their data set, {@link #parse(String, String)}); run.json's canonical text reads back here.
     *
     * @throws IllegalArgumentException one line naming what is wrong with {@code text}
     */
    public static Task parse(String text) {
        return parse(text, null);
    }

    /**
     * The task {@code text} names on data set {@code dataset}: a preset of that data set, or the
     * syntax. Class numbers are checked against the data set's classes by {@link #check}.
     *
     * @throws IllegalArgumentException one line naming what is wrong with {@code text}
     */
    public static Task parse(String text, String dataset) {
        if (text == null || text.isBlank()) return ALL;
        String t = text.trim();
        if (InputText.hasControl(t)) throw new IllegalArgumentException("task " + InputText.quote(t) + " contains control characters");
        String presetText = TaskPresets.of(dataset).get(t);
        if (presetText != null) return parseSyntax(presetText).named(t);
        if (t.equals("all")) return ALL;
        if (t.equals("random-labels")) return RANDOM_LABELS;
        if (t.startsWith(CLASSES) || t.startsWith(GROUPS)) return parseSyntax(t);
        throw new IllegalArgumentException("unknown task " + InputText.quote(t) + "; " + presetHint(dataset) + "write " + SYNTAX);
    }

    private static String presetHint(String dataset) {
        Map<String, String> presets = TaskPresets.of(dataset);
        if (!presets.isEmpty()) return "presets of " + dataset + ": " + String.join(", ", presets.keySet()) + "; or ";
        return dataset == null ? "" : dataset + " has no presets; ";
    }

    private static Task parseSyntax(String t) {
        boolean grouped = t.startsWith(GROUPS);
        String body = t.substring(grouped ? GROUPS.length() : CLASSES.length()).trim();
        String quoted = InputText.quote(t);
        if (body.isEmpty()) throw new IllegalArgumentException("task " + quoted + " lists no classes");
        // -1 keeps trailing empty parts, so "0,1/" is an empty group, not a silently ignored one
        String[] parts = grouped ? body.split("/", -1) : new String[] {body};
        int[][] groups = new int[parts.length][];
        Set<Integer> seen = new HashSet<>();
        for (int g = 0; g < parts.length; g++) {
            if (parts[g].isBlank()) throw new IllegalArgumentException("task " + quoted + ": group " + (g + 1) + " is empty");
            String[] tokens = parts[g].split(",", -1);
            groups[g] = new int[tokens.length];
            for (int k = 0; k < tokens.length; k++) {
                int c = classNumber(tokens[k].trim(), quoted);
                if (!seen.add(c)) throw new IllegalArgumentException("task " + quoted + " lists class " + c + " twice");
                groups[g][k] = c;
            }
        }
        if (!grouped) {
            int[] classes = groups[0];
            groups = new int[classes.length][];
            for (int k = 0; k < classes.length; k++) groups[k] = new int[] {classes[k]};
        }
        if (groups.length < 2) {
            throw new IllegalArgumentException("task " + quoted + " has " + groups.length + (grouped ? " group" : " class")
                    + "; a task needs at least 2");
        }
        return of(groups);
    }

    private static int classNumber(String token, String quoted) {
        if (token.isEmpty()) throw new IllegalArgumentException("task " + quoted + " has an empty class number");
        if (!token.chars().allMatch(ch -> ch >= '0' && ch <= '9') || token.length() > 9) {
            throw new IllegalArgumentException("task " + quoted + ": " + InputText.quote(token) + " is not a class number");
        }
        return Integer.parseInt(token);
    }

    /** The task of these groups, in canonical form: classes:... when every group is one class. */
    private static Task of(int[][] groups) {
        boolean singletons = Arrays.stream(groups).allMatch(g -> g.length == 1);
        String id = singletons
                ? CLASSES + Arrays.stream(groups).map(g -> Integer.toString(g[0])).collect(Collectors.joining(","))
                : GROUPS + Arrays.stream(groups).map(Task::joined).collect(Collectors.joining("/"));
        return new Task(singletons ? Kind.CLASSES : Kind.GROUPS, groups, id, null);
    }

    private static String joined(int[] group) {
        return Arrays.stream(group).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    private Task named(String presetName) { return new Task(kind, groups, id, presetName); }

    /**
     * This task labelled with the preset name run.json recorded next to it, when that preset of
     * {@code dataset} still means this task; otherwise the task without a name (the canonical
     * text is what counts, a name that no longer matches it would mislead).
     */
    public Task withRecordedPreset(String presetName, String dataset) {
        if (presetName == null) return this;
        String text = TaskPresets.of(dataset).get(presetName);
        return text != null && text.equals(id) ? named(presetName) : this;
    }

    /**
     * How a run with this run.json spec calls its task, for lists, legends and colourings: the
     * preset name if one was recorded, else the canonical text, "all" when the spec names none.
     * Read as recorded, without parsing: a library lists whatever a run's folder says.
     */
    public static String label(Map<String, ?> spec) {
        Object preset = spec.get("task_preset");
        if (preset instanceof String p && !p.isBlank()) return p;
        Object task = spec.get("task");
        return task instanceof String t && !t.isBlank() ? t : ALL.id;
    }

    /** The canonical text of the task, as run.json records it and {@link #parse} reads it back. */
    public String id() { return id; }

    /** The preset name the task was chosen by (run.json's "task_preset"), or null. */
    public String preset() { return preset; }

    /** How to call the task in a legend, a list or a run name: the preset name, else the canonical text. */
    public String label() { return preset != null ? preset : id; }

    public boolean isAll() { return kind == Kind.ALL; }

    /** Whether training labels are drawn at random (the labels of the data are not changed here). */
    public boolean randomLabels() { return kind == Kind.RANDOM_LABELS; }

    /**
     * A run-name part for the task: the preset name, or the text with its punctuation made
     * file-name safe (classes:0,7,8 becomes classes0.7.8, groups' slashes become '-').
     */
    public String nameTag() {
        if (preset != null) return preset;
        return id.replace(":", "").replace(',', '.').replace('/', '-');
    }

    /** The number of classes of this task on a data set with {@code fullClasses} classes. */
    public int classes(int fullClasses) { return groups == null ? fullClasses : groups.length; }

    /**
     * One line when a class number of this task is not a class of a data set with
     * {@code classes} classes.
     */
    public void check(int classes, String datasetId) {
        if (groups == null) return;
        for (int[] g : groups) {
            for (int c : g) {
                if (c >= classes) {
                    throw new IllegalArgumentException("task " + id + ": class " + c + " is out of range for " + datasetId
                            + " (classes 0.." + (classes - 1) + ")");
                }
            }
        }
    }

    /**
     * The data a run of this task trains and is probed on, cut and relabelled from the full
     * problem: the samples of the task's classes, labels replaced by their group's position,
     * class names joined with '+' for a group. The id names the task, so the head's probe (drawn
     * from this data) has an id of its own per task; random-labels keeps the data as it is (the
     * labels are drawn during training) under an id of its own.
     */
    public DatasetSplit apply(DatasetSplit full) {
        if (kind == Kind.ALL) return full;
        String taskId = full.id() + "|" + id;
        String description = full.description() + "; task " + label();
        if (kind == Kind.RANDOM_LABELS) return new DatasetSplit(taskId, full.train(), full.test(), description);
        check(full.classes(), full.id());
        int[] map = new int[full.classes()];
        Arrays.fill(map, -1);
        for (int g = 0; g < groups.length; g++) for (int c : groups[g]) map[c] = g;
        List<String> names = new ArrayList<>();
        for (int[] g : groups) {
            names.add(Arrays.stream(g).mapToObj(c -> full.train().classNames().get(c)).collect(Collectors.joining("+")));
        }
        return new DatasetSplit(taskId, cut(full.train(), map, names), cut(full.test(), map, names), description);
    }

    private Dataset cut(Dataset data, int[] map, List<String> names) {
        int[] kept = IntStream.range(0, data.size()).filter(i -> map[data.label(i)] >= 0).toArray();
        Dataset subset = data.subset(kept, data.name() + " (task " + label() + ")");
        int[] labels = new int[kept.length];
        for (int k = 0; k < kept.length; k++) labels[k] = map[subset.label(k)];
        return new Dataset(subset.name(), subset.featuresView(), labels, groups.length, data.shape(), names);
    }

    @Override
    public boolean equals(Object o) { return o instanceof Task t && t.id.equals(id); }

    @Override
    public int hashCode() { return id.hashCode(); }

    @Override
    public String toString() { return id; }
}
