package org.predspace.ui.details;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A run's spec (run.json "spec": {@code TrainingSpec.toMap()} plus the engine's provenance under
 * "engine") as readable groups of label/value rows: data, network, optimisation, probe and
 * checkpoints, engine, and anything else another tool wrote. Keys absent from the spec are left
 * out, so runs from other tools show what they have.
 */
final class SpecTable {
    record Row(String label, String value) {}

    record Group(String title, List<Row> rows) {}

    private record Field(String key, String label, Function<Object, String> format) {}

    private static final Map<String, List<Field>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("Data", List.of(
                field("dataset", "Data set"),
                field("task", "Task"),
                field("task_preset", "Task preset"),
                new Field("random_labels", "Random labels", v -> Figures.percent(number(v))),
                field("shift_augment", "Shift augmentation")));
        GROUPS.put("Network", List.of(
                field("architecture", "Architecture"),
                field("hidden_layers", "Hidden layers"),
                field("width", "Width"),
                field("batch_norm", "Batch norm")));
        GROUPS.put("Starting point", List.of(
                field("init_from", "Started from run"),
                field("init_from_step", "At its step")));
        GROUPS.put("Optimisation", List.of(
                field("optimizer", "Optimiser"),
                new Field("learning_rate", "Learning rate", v -> Figures.rate(number(v))),
                field("schedule", "Schedule"),
                new Field("warmup_fraction", "Warm-up", v -> Figures.percent(number(v))),
                field("batch_size", "Batch size"),
                field("epochs", "Epochs"),
                new Field("weight_decay", "Weight decay", v -> Figures.rate(number(v))),
                field("seed", "Seed")));
        GROUPS.put("Probe and checkpoints", List.of(
                field("probe_size", "Probe size"),
                field("probe_seed", "Probe seed"),
                field("checkpoints", "Checkpoints"),
                field("snapshots", "Parameter snapshots")));
    }

    /** Engine provenance (EngineInfo) in a sensible order; other engine keys follow as they come. */
    private static final List<Field> ENGINE = List.of(
            field("implementation", "Implementation"),
            new Field("parameters", "Parameters", v -> Figures.count(number(v))),
            new Field("train_size", "Training samples", v -> Figures.count(number(v))),
            new Field("test_size", "Test samples", v -> Figures.count(number(v))),
            field("input_shape", "Input shape"),
            new Field("steps_per_epoch", "Steps per epoch", v -> Figures.count(number(v))),
            new Field("total_steps", "Total steps", v -> Figures.count(number(v))),
            field("predspace_version", "PredSpace"),
            field("dl4j_version", "DL4J"),
            field("java_version", "Java"),
            field("os", "OS"));

    private SpecTable() {}

    static List<Group> of(Map<String, Object> spec) {
        List<Group> groups = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (var e : GROUPS.entrySet()) {
            List<Row> rows = rows(spec, e.getValue(), used);
            if (!rows.isEmpty()) groups.add(new Group(e.getKey(), rows));
        }
        used.add("engine");
        if (spec.get("engine") instanceof Map<?, ?> engine) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) engine;
            Set<String> engineUsed = new HashSet<>();
            List<Row> rows = rows(m, ENGINE, engineUsed);
            rows.addAll(rest(m, engineUsed));
            if (!rows.isEmpty()) groups.add(new Group("Engine", rows));
        }
        List<Row> other = rest(spec, used);
        if (!other.isEmpty()) groups.add(new Group("Other", other));
        return groups;
    }

    private static List<Row> rows(Map<String, Object> spec, List<Field> fields, Set<String> used) {
        List<Row> rows = new ArrayList<>();
        for (Field f : fields) {
            if (!spec.containsKey(f.key)) continue;
            used.add(f.key);
            rows.add(new Row(f.label, spec.get(f.key) == null ? Figures.MISSING : f.format.apply(spec.get(f.key))));
        }
        return rows;
    }

    private static List<Row> rest(Map<String, Object> spec, Set<String> used) {
        List<Row> rows = new ArrayList<>();
        for (var e : spec.entrySet()) {
            if (!used.contains(e.getKey())) rows.add(new Row(readable(e.getKey()), value(e.getValue())));
        }
        return rows;
    }

    private static Field field(String key, String label) { return new Field(key, label, SpecTable::value); }

    /** "hidden_layers" -> "Hidden layers": for keys this table does not know. */
    static String readable(String key) {
        String s = key.replace('_', ' ').trim();
        return s.isEmpty() ? key : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    static String value(Object v) {
        if (v == null) return Figures.MISSING;
        if (v instanceof Boolean b) return b ? "yes" : "no";
        if (v instanceof Number n) return Figures.plain(n.doubleValue());
        return v.toString();
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
