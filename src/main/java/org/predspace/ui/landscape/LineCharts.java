package org.predspace.ui.landscape;

import javafx.geometry.Pos;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import org.predspace.landscape.LinePath;
import org.predspace.ui.charts.MarkedLineChart;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Loss and accuracy along a line against a, train and test probe: the loss chart also draws the
 * chord from L(theta_0) to L(theta_1) over [0, 1] (dashed), whose largest gap below the train
 * loss is the barrier, and a marker at the selected checkpoint's a.
 */
final class LineCharts {
    static final String TRAIN = "#1f77b4", TEST = "#d62728", CHORD = "#7f7f7f";

    private final MarkedLineChart loss = chart("loss", "landscape-line-loss");
    private final MarkedLineChart accuracy = chart("accuracy", "landscape-line-accuracy");

    private static MarkedLineChart chart(String yLabel, String id) {
        NumberAxis x = new NumberAxis();
        x.setLabel("a   (\u03b8(a) = (1 \u2212 a) \u03b8\u2080 + a \u03b8\u2081)");
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setForceZeroInRange(false);
        MarkedLineChart c = new MarkedLineChart(x, y);
        c.setId(id);
        c.setLegendVisible(false);
        c.setMinHeight(150);
        return c;
    }

    MarkedLineChart lossChart() { return loss; }

    MarkedLineChart accuracyChart() { return accuracy; }

    private final FlowPane legend = legend();

    /** The key, then the loss and accuracy charts. */
    List<Region> nodes() { return List.of(legend, loss, accuracy); }

    /** Shows {@code line} (null: empty charts) with the marker at the selected checkpoint. */
    void show(LineResult line) {
        loss.getData().clear();
        accuracy.getData().clear();
        if (line == null) {
            loss.markerXProperty().set(null);
            accuracy.markerXProperty().set(null);
            return;
        }
        List<LinePath.Point> points = line.path().points();
        add(loss, "train", TRAIN, "", series(points, LinePath.Point::trainLoss));
        add(loss, "test", TEST, "", series(points, LinePath.Point::testLoss));
        XYChart.Series<Number, Number> chord = new XYChart.Series<>();
        chord.getData().add(new XYChart.Data<>(0, line.path().trainAtStart().loss()));
        chord.getData().add(new XYChart.Data<>(1, line.path().trainAtEnd().loss()));
        add(loss, "chord", CHORD,
                " -fx-stroke-dash-array: 6 5;", chord);
        add(accuracy, "train", TRAIN, "", series(points, LinePath.Point::trainAccuracy));
        add(accuracy, "test", TEST, "", series(points, LinePath.Point::testAccuracy));
        for (MarkedLineChart c : List.of(loss, accuracy)) {
            c.markerXProperty().set(line.request().selectedAlpha());
            c.markerTextProperty().set("selected");
        }
    }

    private static XYChart.Series<Number, Number> series(List<LinePath.Point> points, ToDoubleFunction<LinePath.Point> value) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        for (LinePath.Point p : points) {
            double v = value.applyAsDouble(p);
            if (Double.isFinite(v)) s.getData().add(new XYChart.Data<>(p.alpha(), v));
        }
        return s;
    }

    private static void add(MarkedLineChart chart, String name, String colour, String extra, XYChart.Series<Number, Number> s) {
        s.setName(name);
        chart.getData().add(s);
        s.getNode().setStyle("-fx-stroke: " + colour + "; -fx-stroke-width: 2;" + extra);
    }

    /**
     * The key to both charts, drawn once above them: the charts' own legends would show the
     * default series colours, not the ones the curves are drawn in.
     */
    private static FlowPane legend() {
        FlowPane box = new FlowPane(14, 2);
        box.setId("landscape-line-legend");
        box.setAlignment(Pos.CENTER);
        box.getChildren().addAll(key("train", TRAIN, false), key("test", TEST, false),
                key("chord (the barrier is the largest rise above it)", CHORD, true));
        return box;
    }

    private static Label key(String text, String colour, boolean dashed) {
        Line swatch = new Line(0, 0, 22, 0);
        swatch.setStyle("-fx-stroke: " + colour + "; -fx-stroke-width: 2;" + (dashed ? " -fx-stroke-dash-array: 6 5;" : ""));
        Label l = new Label(text, swatch);
        l.getStyleClass().add("landscape-legend-key");
        return l;
    }
}
