package org.predspace.ui.landscape;

import javafx.geometry.Point2D;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import org.predspace.landscape.SharpnessCurve;
import org.predspace.ui.charts.MarkedLineChart;

import java.util.stream.IntStream;

/**
 * The top eigenvalue of the Gauss-Newton part of the Hessian (RunSharpness) at a run's snapshots
 * against step, with the line 2 / lr (dashed):
 * full-batch gradient descent's sharpness rises to it and hovers there (Cohen et al. 2021,
 * docs/science.md §8); a marker at the selected checkpoint's step.
 */
final class SharpnessChart {
    private final MarkedLineChart chart;

    SharpnessChart() {
        NumberAxis x = new NumberAxis();
        x.setLabel("step");
        NumberAxis y = new NumberAxis();
        y.setLabel("\u03bb max, Gauss-Newton");   // not the whole Hessian's (RunSharpness), as the note above the chart says
        chart = new MarkedLineChart(x, y);
        chart.setId("landscape-sharpness");
        chart.setMinHeight(150);
        chart.setLegendVisible(false);   // the note under the chart names the dashed line; the default legend colours would not match
    }

    MarkedLineChart node() { return chart; }

    void show(SharpnessCurve curve, Long selectedStep) {
        chart.getData().clear();
        chart.markerXProperty().set(selectedStep);
        chart.markerTextProperty().set(selectedStep == null ? "" : "step " + selectedStep);
        if (curve == null) return;
        long[] steps = curve.steps();
        double[] sharpness = curve.sharpness();
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName("sharpness on " + curve.samples() + " samples");
        for (int i = 0; i < steps.length; i++) s.getData().add(new XYChart.Data<>(steps[i], sharpness[i]));
        XYChart.Series<Number, Number> edge = new XYChart.Series<>();
        edge.setName("2 / lr = " + PlaneCaption.number(curve.edgeOfStability()));
        chart.markerTextProperty().set((selectedStep == null ? "" : "step " + selectedStep + "   ")
                + "dashed: 2 / lr = " + PlaneCaption.number(curve.edgeOfStability()));
        if (steps.length > 0) {
            edge.getData().add(new XYChart.Data<>(steps[0], curve.edgeOfStability()));
            edge.getData().add(new XYChart.Data<>(steps[steps.length - 1], curve.edgeOfStability()));
        }
        chart.getData().add(s);
        chart.getData().add(edge);
        s.getNode().setStyle("-fx-stroke: " + LineCharts.TRAIN + "; -fx-stroke-width: 2;");
        edge.getNode().setStyle("-fx-stroke: " + LineCharts.CHORD + "; -fx-stroke-width: 2; -fx-stroke-dash-array: 6 5;");
        chart.dotPoints().setAll(IntStream.range(0, steps.length)
                .mapToObj(i -> new Point2D(steps[i], sharpness[i])).toList());
    }
}
