package org.predspace.export;

import org.predspace.runs.CheckpointMetrics;
import org.predspace.session.RunState;

import java.util.List;

/** Every run's recorded metrics in one long table: one row per checkpoint, the run named in the first column. */
public final class RunMetricsCsv {
    private RunMetricsCsv() {}

    public static CsvTable of(List<RunState> runs) {
        CsvTable table = new CsvTable(List.of("run", "checkpoint", "step", "epoch", "train_loss", "train_accuracy",
                "test_loss", "test_accuracy"));
        for (RunState run : runs) {
            List<CheckpointMetrics> metrics = run.metrics();
            for (int k = 0; k < metrics.size(); k++) {
                CheckpointMetrics m = metrics.get(k);
                table.row(run.name(), k, m.step(), m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testLoss(), m.testAccuracy());
            }
        }
        return table;
    }
}
