package org.predspace.runs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The metrics of an imported run, one per checkpoint: a tool's own log where it has a value at
 * that checkpoint's step, and otherwise loss and accuracy computed from the predictions, so the
 * run library and the curves always have something to show. Log lines at steps without a
 * checkpoint (a log every step, checkpoints every hundred) are left out.
 */
final class MetricsMerge {
    private final long[] steps;
    private final CheckpointMetrics[] logged; // by checkpoint, null where the log has no line
    private final int ignored;
    private final Set<String> computed = new HashSet<>();

    private MetricsMerge(long[] steps, CheckpointMetrics[] logged, int ignored) {
        this.steps = steps;
        this.logged = logged;
        this.ignored = ignored;
    }

    /** @param log the tool's lines, steps increasing (null: no log) */
    static MetricsMerge of(List<CheckpointMetrics> log, Path file, long[] steps) throws RunFormatException {
        CheckpointMetrics[] logged = new CheckpointMetrics[steps.length];
        if (log == null) return new MetricsMerge(steps, logged, 0);
        int used = 0;
        for (CheckpointMetrics m : log) {
            int t = Arrays.binarySearch(steps, m.step());
            if (t < 0) continue;
            logged[t] = m;
            used++;
        }
        if (!log.isEmpty() && used == 0) {
            throw new RunFormatException(file + ": none of its " + log.size() + " lines (steps " + log.get(0).step()
                    + " .. " + log.get(log.size() - 1).step() + ") is at a checkpoint step (" + steps[0] + " .. "
                    + steps[steps.length - 1] + "); are both counted in the same units?");
        }
        return new MetricsMerge(steps, logged, log.size() - used);
    }

    /**
     * Checkpoint {@code t}'s metrics: logged values, gaps filled from {@code scores} (probe, and
     * held-out or null).
     */
    CheckpointMetrics complete(int t, ProbeScore[] scores) {
        CheckpointMetrics m = logged[t];
        ProbeScore probe = scores[0];
        ProbeScore heldOut = scores[1];
        double nan = Double.NaN;
        return new CheckpointMetrics(steps[t],
                m == null ? nan : m.epoch(),
                fill("train_loss", m == null ? nan : m.trainLoss(), probe.loss()),
                fill("train_accuracy", m == null ? nan : m.trainAccuracy(), probe.accuracy()),
                fill("test_loss", m == null ? nan : m.testLoss(), heldOut == null ? nan : heldOut.loss()),
                fill("test_accuracy", m == null ? nan : m.testAccuracy(), heldOut == null ? nan : heldOut.accuracy()));
    }

    private double fill(String column, double logged, double computedValue) {
        if (!Double.isNaN(logged) || Double.isNaN(computedValue)) return logged;
        computed.add(column);
        return computedValue;
    }

    int used() {
        int n = 0;
        for (CheckpointMetrics m : logged) if (m != null) n++;
        return n;
    }

    int ignored() { return ignored; }

    /** Columns at least one checkpoint took from the predictions, in metrics.csv order. */
    List<String> computed() {
        List<String> ordered = new ArrayList<>(List.of(MetricsCsv.HEADER.split(",")));
        ordered.retainAll(computed);
        return ordered;
    }
}
