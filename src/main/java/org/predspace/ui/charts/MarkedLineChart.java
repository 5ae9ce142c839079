package org.predspace.ui.charts;

import javafx.animation.PauseTransition;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.chart.Axis;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.util.Duration;

import java.util.List;

/**
 * A line chart (no per-point symbols: a run's curve is one path) with what linked panels need
 * on top of it: a vertical marker at one x (the selected checkpoint's step), dots on the points
 * of one highlighted curve (where its checkpoints are), and rings around the selected points.
 * Positions are in data units; the chart places them on every layout. Curves that did not
 * change are neither retraced nor re-rasterised ({@link CurveLayers}).
 */
public final class MarkedLineChart extends LineChart<Number, Number> {
    private final Line marker = new Line();
    private final Label markerLabel = new Label();
    private final Group dots = new Group();
    private final Group rings = new Group();
    private final ObjectProperty<Number> markerX = new SimpleObjectProperty<>(this, "markerX");
    private final ObservableList<Point2D> dotPoints = FXCollections.observableArrayList();
    private final ObservableList<Point2D> ringPoints = FXCollections.observableArrayList();
    private Color dotColour = Color.GRAY;
    private final CurveLayers layers = new CurveLayers();
    /** Lays the chart out again when growing curves have settled, so they join the cached image. */
    private final PauseTransition settle = new PauseTransition();

    public MarkedLineChart(Axis<Number> xAxis, Axis<Number> yAxis) {
        super(xAxis, yAxis);
        setCreateSymbols(false);
        setAnimated(false);
        marker.getStyleClass().add("chart-marker");
        marker.setMouseTransparent(true);
        markerLabel.getStyleClass().add("chart-marker-label");
        markerLabel.setMouseTransparent(true);
        markerLabel.setManaged(false);
        dots.setMouseTransparent(true);
        rings.setMouseTransparent(true);
        getPlotChildren().addAll(layers.settled(), marker, dots, rings, markerLabel);
        settle.setOnFinished(e -> requestChartLayout());
        markerX.addListener((o, a, b) -> requestChartLayout());
        markerLabel.textProperty().addListener((o, a, b) -> requestChartLayout());
        dotPoints.addListener((ListChangeListener<Point2D>) c -> rebuild(dots, dotPoints, "chart-dot"));
        ringPoints.addListener((ListChangeListener<Point2D>) c -> rebuild(rings, ringPoints, "chart-ring"));
    }

    /**
     * Whether {@code series} belongs to a run that is still training: such a curve is drawn
     * outside the cached image until it is not live any more and has settled, however long
     * it waits between points.
     */
    public void setLive(Series<Number, Number> series, boolean live) {
        if (layers.live(series, live)) requestChartLayout();
    }

    public boolean isLive(Series<Number, Number> series) { return layers.isLive(series); }

    /** The x (data units) of the vertical marker; null hides it. */
    public ObjectProperty<Number> markerXProperty() { return markerX; }

    /** Text written beside the top of the marker (e.g. "step 120"); empty for none. */
    public StringProperty markerTextProperty() { return markerLabel.textProperty(); }

    /** The vertical marker line, positioned in plot coordinates (for tests and styling). */
    public Line marker() { return marker; }

    /** Points (data units) drawn as small dots in {@link #setDotColour the dot colour}. */
    public ObservableList<Point2D> dotPoints() { return dotPoints; }

    /** Points (data units) drawn as rings: the selection. */
    public ObservableList<Point2D> ringPoints() { return ringPoints; }

    public void setDotColour(Color c) {
        dotColour = c;
        for (var n : dots.getChildren()) ((Circle) n).setFill(c);
        for (var n : rings.getChildren()) ((Circle) n).setStroke(c);
    }

    /** Pixel position (plot coordinates) of a data point: what picking compares with the mouse. */
    public Point2D toPlot(double x, double y) {
        return new Point2D(getXAxis().getDisplayPosition(x), getYAxis().getDisplayPosition(y));
    }

    /** A scene point (a mouse event's) in the plot coordinates of {@link #toPlot}. */
    public Point2D plotPoint(double sceneX, double sceneY) {
        return new Point2D(getXAxis().sceneToLocal(sceneX, sceneY).getX(), getYAxis().sceneToLocal(sceneX, sceneY).getY());
    }

    private void rebuild(Group group, List<Point2D> points, String styleClass) {
        boolean ring = group == rings;
        while (group.getChildren().size() > points.size()) group.getChildren().remove(group.getChildren().size() - 1);
        while (group.getChildren().size() < points.size()) {
            Circle c = new Circle(ring ? 8 : 3.5);
            c.getStyleClass().add(styleClass);
            if (ring) {
                c.setFill(Color.TRANSPARENT);
                c.setStroke(dotColour);
                c.setStrokeWidth(3);
            } else {
                c.setFill(dotColour);
            }
            group.getChildren().add(c);
        }
        requestChartLayout();
    }

    /**
     * Not LineChart's, which sets the style classes of every series anew whenever the list of
     * series changes. That re-applies CSS to every curve: each dashed one gets its dash list
     * cleared and refilled, counts as changed, and the cached image of the settled curves is
     * rasterised again, 20-45 ms of software rendering in the frame a training starts (pulse
     * logger; the stack of the dash list's change). Here only a curve without the
     * "chart-series-line" class, a new one (LineChart.seriesAdded leaves classes to this
     * method), gets it, which the stylesheets and the SVG export look for; the others keep
     * theirs. No "seriesN" or default-colour classes: nothing here styles by them, colours and
     * dashes are set per curve.
     */
    @Override
    @SuppressWarnings("rawtypes")
    protected void seriesChanged(ListChangeListener.Change<? extends Series> c) {
        for (Series<Number, Number> s : getData()) {
            if (s.getNode() != null && !s.getNode().getStyleClass().contains("chart-series-line")) {
                s.getNode().getStyleClass().add("chart-series-line");
            }
        }
    }

    @Override
    protected void seriesAdded(Series<Number, Number> series, int seriesIndex) {
        super.seriesAdded(series, seriesIndex);
        layers.added(series);
    }

    @Override
    protected void seriesRemoved(Series<Number, Number> series) {
        super.seriesRemoved(series);
        layers.removed(series);
    }

    @Override
    protected void dataItemAdded(Series<Number, Number> series, int itemIndex, Data<Number, Number> item) {
        super.dataItemAdded(series, itemIndex, item);
        layers.grew(series);
    }

    @Override
    protected void dataItemRemoved(Data<Number, Number> item, Series<Number, Number> series) {
        super.dataItemRemoved(item, series);
        layers.grew(series);
    }

    @Override
    protected void dataItemChanged(Data<Number, Number> item) {
        super.dataItemChanged(item);
        layers.changed(getData());
    }

    @Override
    protected void layoutPlotChildren() {
        // not super's: it retraces every series (see CurveLayers)
        layers.trace(getData(), getXAxis(), getYAxis());
        Number x = markerX.get();
        marker.setVisible(x != null);
        if (x != null) {
            double px = getXAxis().getDisplayPosition(x);
            marker.setStartX(px);
            marker.setEndX(px);
            marker.setStartY(0);
            marker.setEndY(getYAxis().getHeight());
            markerLabel.autosize();
            double w = markerLabel.getWidth();
            // Beside the line, on whichever side has room.
            double lx = px + 6 + w > getXAxis().getWidth() ? px - 6 - w : px + 6;
            markerLabel.relocate(lx, 2);
        }
        markerLabel.setVisible(x != null && !markerLabel.getText().isEmpty());
        place(dots, dotPoints);
        place(rings, ringPoints);
        long untilSettled = layers.arrange(getData(), getPlotChildren(), List.of(marker, dots, rings, markerLabel));
        if (untilSettled >= 0) {
            settle.setDuration(Duration.millis(untilSettled / 1e6 + 20));
            settle.playFromStart();
        }
    }

    private void place(Group group, List<Point2D> points) {
        for (int i = 0; i < points.size() && i < group.getChildren().size(); i++) {
            Point2D p = toPlot(points.get(i).getX(), points.get(i).getY());
            Circle c = (Circle) group.getChildren().get(i);
            c.setCenterX(p.getX());
            c.setCenterY(p.getY());
        }
    }
}
