package org.predspace.ui.compare;

import org.predspace.ui.charts.CssColour;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.ValueAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One line chart with a curve per run in the run's colour: the selected run drawn thick, the
 * others dimmed while a run is selected. Clicking near a curve asks for its run to be
 * selected; hovering names it.
 */
final class RunCurveChart {
    /** One run's curve: its points in training order. */
    record Curve(String run, Color colour, double[] x, double[] y) {}

    /** How close (pixels) a click must be to a curve to select it. */
    static final double CLICK_TOLERANCE = 10;

    private final LineChart<Number, Number> chart;
    private final ValueAxis<Number> xAxis;
    private final NumberAxis yAxis;
    private final Tooltip tooltip = new Tooltip();
    private final String help;
    private List<Curve> curves = List.of();
    private String selected;

    RunCurveChart(String title, ValueAxis<Number> xAxis, NumberAxis yAxis, String help, Consumer<String> onSelect) {
        this.xAxis = xAxis;
        this.yAxis = yAxis;
        this.help = help;
        chart = new LineChart<>(xAxis, yAxis);
        chart.setTitle(title);
        chart.getStyleClass().add("compare-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        // Run colours identify the curves (the heatmap and run library are the legend; hover names them).
        chart.setLegendVisible(false);
        chart.setAxisSortingPolicy(LineChart.SortingPolicy.NONE);
        for (ValueAxis<Number> a : List.of(xAxis, yAxis)) a.setStyle("-fx-tick-label-font-size: 1em;");
        chart.setMinSize(200, 160);
        // Room on the right for the last tick label, which JavaFX centres on the axis end.
        chart.setPadding(new Insets(6, 22, 6, 6));
        tooltip.setShowDelay(Duration.millis(250));
        tooltip.setText(help);
        Tooltip.install(chart, tooltip);
        chart.addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            int i = curveAt(e);
            chart.setCursor(i < 0 ? Cursor.DEFAULT : Cursor.HAND);
            tooltip.setText(i < 0 ? help : curves.get(i).run() + "\n(click to select)");
        });
        chart.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;   // the secondary button opens the export menu
            int i = curveAt(e);
            if (i >= 0) onSelect.accept(curves.get(i).run());
        });
    }

    LineChart<Number, Number> chart() { return chart; }

    List<Curve> curves() { return curves; }

    void show(List<Curve> shown) {
        curves = List.copyOf(shown);
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        for (Curve c : curves) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(c.run());
            for (int k = 0; k < c.x().length; k++) s.getData().add(new XYChart.Data<>(c.x()[k], c.y()[k]));
            series.add(s);
        }
        chart.getData().setAll(series);
        restyle();
    }

    void setSelected(String run) {
        selected = run;
        restyle();
    }

    private void restyle() {
        boolean any = curves.stream().anyMatch(c -> c.run().equals(selected));
        for (int i = 0; i < curves.size(); i++) {
            Node line = chart.getData().get(i).getNode();
            if (line == null) continue;
            Curve c = curves.get(i);
            boolean isSelected = c.run().equals(selected);
            line.setStyle(String.format(Locale.ROOT, "-fx-stroke: %s; -fx-stroke-width: %s; -fx-opacity: %s;", CssColour.hex(c.colour()),
                    isSelected ? "4.5px" : "2px", !any || isSelected ? "1" : "0.3"));
            if (isSelected) line.toFront();
        }
    }


    /** The curve under the mouse, in the axes' pixel coordinates, or -1. */
    private int curveAt(MouseEvent e) {
        double x = xAxis.sceneToLocal(e.getSceneX(), e.getSceneY()).getX();
        double y = yAxis.sceneToLocal(e.getSceneX(), e.getSceneY()).getY();
        List<double[]> lines = new ArrayList<>();
        for (Curve c : curves) lines.add(pixels(c));
        return NearestLine.nearest(lines, x, y, CLICK_TOLERANCE);
    }

    private double[] pixels(Curve c) {
        double[] line = new double[2 * c.x().length];
        for (int k = 0; k < c.x().length; k++) {
            line[2 * k] = xAxis.getDisplayPosition(c.x()[k]);
            line[2 * k + 1] = yAxis.getDisplayPosition(c.y()[k]);
        }
        return line;
    }

    /** Screen position of a curve's k-th point (tests click there). */
    Point2D screenPoint(int curve, int k) {
        Curve c = curves.get(curve);
        double x = xAxis.localToScreen(xAxis.getDisplayPosition(c.x()[k]), 0).getX();
        double y = yAxis.localToScreen(0, yAxis.getDisplayPosition(c.y()[k])).getY();
        return new Point2D(x, y);
    }
}
