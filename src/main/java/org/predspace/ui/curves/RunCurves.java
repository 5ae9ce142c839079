package org.predspace.ui.curves;

import javafx.scene.chart.XYChart;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.session.RunState;
import org.predspace.ui.RunItem;
import org.predspace.ui.charts.LogScale;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * One run's four series, grown in place: as the run's state gains checkpoints only the new
 * points are appended, so a live run never rebuilds its chart. Each plotted point remembers
 * which checkpoint it is, for picking (unmeasured metrics leave gaps, so indices differ from
 * positions in the series).
 */
final class RunCurves {
    final RunItem run;
    private final LogScale scale;
    private final Map<Metric, XYChart.Series<Number, Number>> series = new EnumMap<>(Metric.class);
    private final Map<Metric, List<Integer>> checkpoints = new EnumMap<>(Metric.class);
    /** Checkpoints of the run state already turned into points, for the loss [0] and accuracy [1] chart. */
    private final int[] consumed = new int[2];
    /** Steps a fine-tuned run is drawn after (its parent's step), and the offset each chart's points were drawn with. */
    private final ToLongFunction<RunState> offset;
    private final long[] drawnOffset = new long[2];

    /** @param offset the steps a run's own steps are drawn after: a fine-tuned run continues its parent's curve */
    RunCurves(RunItem run, LogScale scale, ToLongFunction<RunState> offset) {
        this.run = run;
        this.scale = scale;
        this.offset = offset;
        for (Metric m : Metric.values()) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(run.name() + " " + m.label);
            series.put(m, s);
            checkpoints.put(m, new ArrayList<>());
        }
    }

    XYChart.Series<Number, Number> series(Metric m) { return series.get(m); }

    /** Checkpoint index of the {@code i}-th point of {@code m}'s series. */
    int checkpointOf(Metric m, int i) { return checkpoints.get(m).get(i); }

    /** Appends the checkpoints {@code state} has beyond those already plotted, on both charts. */
    void catchUp(RunState state) {
        catchUp(state, false);
        catchUp(state, true);
    }

    /**
     * Appends the checkpoints {@code state} has beyond those already plotted to the series of
     * one chart (accuracy or loss), so that the two charts can be redrawn in different frames;
     * starts that chart's series over if the state has fewer.
     */
    void catchUp(RunState state, boolean accuracy) {
        int chart = accuracy ? 1 : 0;
        List<CheckpointMetrics> metrics = state.metrics();
        long after = offset.applyAsLong(state);
        if (metrics.size() < consumed[chart] || after != drawnOffset[chart]) {   // fewer, or the parent opened since
            for (Metric m : Metric.values()) {
                if (m.accuracy != accuracy) continue;
                series.get(m).getData().clear();
                checkpoints.get(m).clear();
            }
            consumed[chart] = 0;
            drawnOffset[chart] = after;
        }
        if (metrics.size() == consumed[chart]) return;
        for (Metric m : Metric.values()) {
            if (m.accuracy != accuracy) continue;
            List<XYChart.Data<Number, Number>> added = new ArrayList<>();
            for (int t = consumed[chart]; t < metrics.size(); t++) {
                double y = m.plotted(metrics.get(t));
                double x = scale.toAxis(metrics.get(t).step() + after);
                if (Double.isNaN(y) || Double.isNaN(x)) continue;
                added.add(new XYChart.Data<>(x, y));
                checkpoints.get(m).add(t);
            }
            series.get(m).getData().addAll(added);
        }
        consumed[chart] = metrics.size();
    }
}
