package org.predspace.session;

import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.Run;
import org.predspace.tasks.Task;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the explorer knows about one run at one moment; immutable, replaced on every change.
 *
 * @param spec       run.json's spec (architecture, optimizer, lr, ...); runs written by other
 *                   tools may lack any field, so the accessors fall back to "?" or NaN
 * @param step       last step reached (training progress), -1 before the first
 * @param totalSteps steps planned, or the last checkpoint's step for a finished run
 */
public record RunState(String name, Path dir, Map<String, Object> spec, Phase phase, String message,
                       List<CheckpointMetrics> metrics, long step, long totalSteps, boolean live) {
    /** Where a run is in its life, as the run library shows it. */
    public enum Phase {
        QUEUED, TRAINING, FINISHED, CANCELLED, DIVERGED, FAILED, INTERRUPTED;

        public boolean ended() { return this != QUEUED && this != TRAINING; }

        public String label() { return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT); }
    }

    public RunState {
        spec = Collections.unmodifiableMap(new LinkedHashMap<>(spec));
        metrics = List.copyOf(metrics);
    }

    /** A run as saved on disk, every committed checkpoint known: as the explorer has it once opened, for the command line. */
    public static RunState saved(Run run) {
        long[] steps = run.steps();
        long last = steps.length == 0 ? -1 : steps[steps.length - 1];
        return new RunState(run.name(), run.dir(), run.spec(), ExplorerSession.phaseOf(run), run.statusMessage(),
                run.metrics(), last, Math.max(0, last), false);
    }

    public String dataset() { return text("dataset"); }

    public String architecture() { return text("architecture"); }

    public String optimizer() { return text("optimizer"); }

    public double learningRate() { return number("learning_rate"); }

    /**
     * The task the run was trained on, for legends and tables: the preset name run.json recorded
     * when one was used ("diverse"), else the task's text ("classes:0,7,8"), "all" (the full
     * problem) when the spec names none.
     */
    public String task() { return Task.label(spec); }

    /** Whether a run with this spec trained on the full problem: no task recorded, or the task "all". */
    public static boolean isFullProblem(Map<String, Object> spec) {
        Object task = spec.get("task");
        return !(task instanceof String t) || t.isBlank() || t.equals(Task.ALL.id());
    }

    public double batchSize() { return number("batch_size"); }

    public double seed() { return number("seed"); }

    /** Fraction of planned training done, 0..1. */
    public double fraction() {
        if (phase.ended() && phase != Phase.INTERRUPTED) return 1;
        return totalSteps <= 0 || step < 0 ? 0 : Math.min(1, step / (double) totalSteps);
    }

    /** The committed checkpoints' steps, ascending: index i is checkpoint i. */
    public long[] checkpointSteps() { return metrics.stream().mapToLong(CheckpointMetrics::step).toArray(); }

    /** Held-out accuracy at the last checkpoint (training-probe accuracy if there is none), NaN before any. */
    public double finalAccuracy() {
        if (metrics.isEmpty()) return Double.NaN;
        CheckpointMetrics last = metrics.get(metrics.size() - 1);
        return Double.isNaN(last.testAccuracy()) ? last.trainAccuracy() : last.testAccuracy();
    }

    RunState with(Phase p, String msg) {
        return new RunState(name, dir, spec, p, msg, metrics, step, totalSteps, live);
    }

    RunState withStep(long s, long total) {
        return new RunState(name, dir, spec, phase, message, metrics, Math.max(step, s), total, live);
    }

    RunState withCheckpoint(CheckpointMetrics m) {
        List<CheckpointMetrics> more = new ArrayList<>(metrics);
        more.add(m);
        return new RunState(name, dir, spec, phase, message, more, Math.max(step, m.step()), totalSteps, live);
    }

    private String text(String key) {
        Object v = spec.get(key);
        return v == null ? "?" : v.toString();
    }

    private double number(String key) {
        Object v = spec.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
