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
    /** Checkpoints of the run state already turned into points. */
    private int consumed;

    RunCurves(RunItem run, LogScale scale) {
        this.run = run;
        this.scale = scale;
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

    /** Appends the checkpoints {@code state} has beyond those already plotted; starts over if it has fewer. */
    void catchUp(RunState state) {
        List<CheckpointMetrics> metrics = state.metrics();
        if (metrics.size() < consumed) {
            for (Metric m : Metric.values()) {
                series.get(m).getData().clear();
                checkpoints.get(m).clear();
            }
            consumed = 0;
        }
        if (metrics.size() == consumed) return;
        for (Metric m : Metric.values()) {
            List<XYChart.Data<Number, Number>> added = new ArrayList<>();
            for (int t = consumed; t < metrics.size(); t++) {
                double y = m.plotted(metrics.get(t));
                double x = scale.toAxis(metrics.get(t).step());
                if (Double.isNaN(y) || Double.isNaN(x)) continue;
                added.add(new XYChart.Data<>(x, y));
                checkpoints.get(m).add(t);
            }
            series.get(m).getData().addAll(added);
        }
        consumed = metrics.size();
    }
}
