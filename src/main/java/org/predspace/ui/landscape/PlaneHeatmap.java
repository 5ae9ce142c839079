package org.predspace.ui.landscape;

import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.predspace.landscape.PlaneGrid;
import org.predspace.landscape.PlaneSlice;
import org.predspace.ui.charts.NiceTicks;
import org.predspace.ui.charts.SequentialColourScale;
import org.predspace.ui.figures.CanvasFigure;
import org.predspace.ui.figures.Sketch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A plane's train loss as a heat map on a canvas: log colour scale (viridis) with its colour bar,
 * contour lines at log-spaced levels (marching squares, {@link ContourLines}), and the run's
 * checkpoints projected onto the plane, joined in training order, each with a ring whose radius
 * is its distance off the plane on the axes' scale (a checkpoint far off the plane is not where
 * the contours under it were measured). Axes have equal scales, so the picture is not
 * stretched. Clicking a checkpoint or a cell hands it to the {@link Listener}.
 *
 * <p>Text takes its colour and font from a hidden label (style class {@code landscape-heatmap-text}),
 * so it follows the theme; the same drawing goes to the screen and to an exported SVG.
 */
final class PlaneHeatmap extends CanvasFigure {
    interface Listener {
        void cellClicked(int row, int column);

        void checkpointClicked(long step);
    }

    /** How many contour levels: enough to show the valley's shape, few enough to read the colours between. */
    static final int CONTOUR_LEVELS = 9;
    static final double PICK_RADIUS = 8;
    private static final double TOP = 10, BAR = 16;
    /**
     * Room for the tick labels and axis titles, from the font's size: presentation mode and a
     * magnified panel use larger type, and fixed margins then let the title run into the ticks.
     */
    private double left = 56, bottom = 40, barRoom = 78;
    private static final Color CONTOUR = Color.rgb(255, 255, 255, 0.75);
    private static final String HELP = "Train loss on the plane (log colour). Click a cell to show that model in the 3D picture,"
            + "\na checkpoint to select it. Rings: each checkpoint's distance off the plane.";

    private final Label textStyle = new Label();
    private final Tooltip tooltip = new Tooltip(HELP);
    private final Listener listener;
    private PlaneResult shown;
    private Color pathColour = Color.WHITE;
    private long selectedStep = Long.MIN_VALUE;
    private int markedRow = -1, markedColumn = -1;
    // the geometry of the last drawing, for picking
    private double originX, originY, scale, xLow, yLow;
    private int contourSegments;
    private final ReadOnlyIntegerWrapper drawnCells = new ReadOnlyIntegerWrapper(this, "drawnCells");

    PlaneHeatmap(Listener listener) {
        this.listener = listener;
        getStyleClass().add("landscape-heatmap");
        setId("landscape-heatmap");
        textStyle.getStyleClass().add("landscape-heatmap-text");
        textStyle.setVisible(false);
        textStyle.setManaged(false);
        getChildren().add(textStyle);
        textStyle.textFillProperty().addListener((o, a, b) -> redraw());
        textStyle.fontProperty().addListener((o, a, b) -> redraw());
        tooltip.setShowDelay(Duration.millis(250));
        Tooltip.install(this, tooltip);
        setOnMouseMoved(e -> hover(e.getX(), e.getY()));
        setOnMouseClicked(e -> {
            if (e.getButton() != MouseButton.PRIMARY || shown == null) return;   // secondary: the export menu
            long step = checkpointAt(e.getX(), e.getY());
            if (step != Long.MIN_VALUE) {
                listener.checkpointClicked(step);
                return;
            }
            int[] cell = cellAt(e.getX(), e.getY());
            if (cell != null) listener.cellClicked(cell[0], cell[1]);
        });
        setMinSize(240, 200);
        setPrefSize(520, 460);
    }

    void show(PlaneResult plane) {
        shown = plane;
        drawnCells.set(plane == null ? 0 : plane.grid().evaluatedCells());
        redraw();
    }

    /** How many cells of the shown grid are evaluated: it grows pass by pass while a plane refines. */
    ReadOnlyIntegerProperty drawnCellsProperty() { return drawnCells.getReadOnlyProperty(); }

    PlaneResult shown() { return shown; }

    void setPathColour(Color c) {
        pathColour = c;
        redraw();
    }

    /** Rings the checkpoint with this snapshot step (none when it is not on the path). */
    void setSelectedStep(long step) {
        selectedStep = step;
        redraw();
    }

    long selectedStep() { return selectedStep; }

    /** Outlines a cell (the model shown in the 3D picture); -1, -1 for none. */
    void mark(int row, int column) {
        markedRow = row;
        markedColumn = column;
        redraw();
    }

    int contourSegments() { return contourSegments; }

    /** Where a point of the plane is drawn, in this region's coordinates. */
    double[] toPixels(double x, double y) {
        return new double[] {originX + (x - xLow) * scale, originY - (y - yLow) * scale};
    }

    /** The step of the checkpoint drawn within {@link #PICK_RADIUS} of (px, py), or Long.MIN_VALUE. */
    long checkpointAt(double px, double py) {
        if (shown == null || scale <= 0) return Long.MIN_VALUE;
        PlaneSlice s = shown.slice();
        long best = Long.MIN_VALUE;
        double bestDistance = PICK_RADIUS;
        for (int i = 0; i < s.steps().length; i++) {
            double[] p = toPixels(s.coordinates()[i][0], s.coordinates()[i][1]);
            double d = Math.hypot(p[0] - px, p[1] - py);
            if (d <= bestDistance) {
                bestDistance = d;
                best = s.steps()[i];
            }
        }
        return best;
    }

    /** {row, column} of the cell under (px, py), or null outside the grid. */
    int[] cellAt(double px, double py) {
        if (shown == null || scale <= 0) return null;
        PlaneGrid g = shown.grid();
        double x = xLow + (px - originX) / scale, y = yLow + (originY - py) / scale;
        int column = nearest(g.xs(), x), row = nearest(g.ys(), y);
        double dx = spacing(g.xs()), dy = spacing(g.ys());
        if (Math.abs(g.xs()[column] - x) > dx / 2 || Math.abs(g.ys()[row] - y) > dy / 2) return null;
        return new int[] {row, column};
    }

    private static int nearest(double[] axis, double v) {
        int best = 0;
        for (int k = 1; k < axis.length; k++) if (Math.abs(axis[k] - v) < Math.abs(axis[best] - v)) best = k;
        return best;
    }

    private static double spacing(double[] axis) { return (axis[axis.length - 1] - axis[0]) / (axis.length - 1); }

    private void hover(double px, double py) {
        long step = checkpointAt(px, py);
        int[] cell = step == Long.MIN_VALUE ? cellAt(px, py) : null;
        setCursor(step != Long.MIN_VALUE || cell != null ? Cursor.HAND : Cursor.DEFAULT);
        if (step != Long.MIN_VALUE) {
            PlaneSlice s = shown.slice();
            int i = Arrays.binarySearch(s.steps(), step);
            tooltip.setText(String.format(Locale.ROOT, "step %d at (%s, %s), %s off the plane\n(click to select)", step,
                    PlaneCaption.number(s.coordinates()[i][0]), PlaneCaption.number(s.coordinates()[i][1]),
                    PlaneCaption.number(s.offPlane()[i])));
        } else if (cell != null) {
            PlaneGrid g = shown.grid();
            double loss = g.trainLoss()[cell[0]][cell[1]];
            tooltip.setText(String.format(Locale.ROOT, "(%s, %s): %s\n(click to show this model in the 3D picture)",
                    PlaneCaption.number(g.xs()[cell[1]]), PlaneCaption.number(g.ys()[cell[0]]),
                    Double.isNaN(loss) ? "not evaluated yet" : "train loss " + PlaneCaption.number(loss) + ", accuracy "
                            + String.format(Locale.ROOT, "%.1f%%", 100 * g.trainAccuracy()[cell[0]][cell[1]])));
        } else {
            tooltip.setText(HELP);
        }
    }

    @Override
    protected void draw(Sketch g) {
        contourSegments = 0;
        if (shown == null) return;
        PlaneGrid grid = shown.grid();
        double[] xs = grid.xs(), ys = grid.ys();
        double dx = spacing(xs), dy = spacing(ys);
        xLow = xs[0] - dx / 2;
        yLow = ys[0] - dy / 2;
        double xSpan = xs[xs.length - 1] - xs[0] + dx, ySpan = ys[ys.length - 1] - ys[0] + dy;
        Font font = textStyle.getFont();
        double fs = font.getSize();
        left = Math.max(56, 3.4 * fs);
        bottom = Math.max(40, 2.9 * fs + 8);
        barRoom = Math.max(78, BAR + 10 + 2.9 * fs);
        double w = getWidth() - left - barRoom - 8, h = getHeight() - TOP - 1.3 * fs - bottom;
        if (w < 20 || h < 20) return;
        scale = Math.min(w / xSpan, h / ySpan);
        originX = left + (w - xSpan * scale) / 2;
        originY = TOP + 1.3 * fs + h - (h - ySpan * scale) / 2;
        Paint ink = textStyle.getTextFill();

        EvaluatedLattice lattice = EvaluatedLattice.of(grid.trainLoss());
        LossColours colours = LossColours.of(grid.trainLoss());
        double[][] filled = lattice.filled(ys.length, xs.length);
        for (int i = 0; i < ys.length; i++) {
            for (int j = 0; j < xs.length; j++) {
                double[] p = toPixels(xs[j] - dx / 2, ys[i] + dy / 2);
                g.setFill(colours.colour(filled[i][j]));
                // half a pixel more each way, so no seam of background shows between cells
                g.fillRect(p[0] - 0.25, p[1] - 0.25, dx * scale + 0.5, dy * scale + 0.5);
            }
        }
        drawContours(g, lattice, xs, ys, dx, dy);
        drawPath(g);
        if (markedRow >= 0 && markedColumn >= 0 && markedRow < ys.length && markedColumn < xs.length) {
            double[] p = toPixels(xs[markedColumn] - dx / 2, ys[markedRow] + dy / 2);
            for (Color outline : new Color[] {Color.WHITE, Color.BLACK}) {
                g.setStroke(outline);
                g.setLineWidth(outline == Color.WHITE ? 4 : 2);
                g.strokeRect(p[0], p[1], dx * scale, dy * scale);
            }
        }
        drawAxes(g, font, ink, xs, ys);
        drawColourBar(g, colours, font, ink);
    }

    private void drawContours(Sketch g, EvaluatedLattice lattice, double[] xs, double[] ys, double dx, double dy) {
        if (lattice.isEmpty()) return;
        g.setStroke(CONTOUR);
        g.setLineWidth(1.2);
        for (double level : ContourLines.logLevels(lattice.values(), CONTOUR_LEVELS)) {
            for (ContourLines.Segment s : ContourLines.at(lattice.values(), level)) {
                double[] a = toPixels(xs[0] + lattice.gridColumn(s.column1()) * dx, ys[0] + lattice.gridRow(s.row1()) * dy);
                double[] b = toPixels(xs[0] + lattice.gridColumn(s.column2()) * dx, ys[0] + lattice.gridRow(s.row2()) * dy);
                g.strokeLine(a[0], a[1], b[0], b[1]);
                contourSegments++;
            }
        }
    }

    private void drawPath(Sketch g) {
        PlaneSlice s = shown.slice();
        int n = s.steps().length;
        double maxRing = Math.max(getWidth(), getHeight());
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < n; i++) points.add(toPixels(s.coordinates()[i][0], s.coordinates()[i][1]));
        // rings first, so the path and dots stay on top of them
        g.setLineWidth(1.5);
        g.setStroke(Color.rgb(255, 255, 255, 0.8));
        for (int i = 0; i < n; i++) {
            double r = Math.min(maxRing, s.offPlane()[i] * scale);
            if (r >= 1) g.strokeOval(points.get(i)[0] - r, points.get(i)[1] - r, 2 * r, 2 * r);
        }
        // the run's colour on a white casing: it reads on the dark valley floor and on the bright rim
        for (Color c : new Color[] {Color.WHITE, pathColour}) {
            g.setStroke(c);
            g.setLineWidth(c == Color.WHITE ? 4.5 : 2);
            for (int i = 1; i < n; i++) g.strokeLine(points.get(i - 1)[0], points.get(i - 1)[1], points.get(i)[0], points.get(i)[1]);
        }
        for (int i = 0; i < n; i++) {
            double[] p = points.get(i);
            g.setFill(Color.WHITE);
            g.fillOval(p[0] - 5, p[1] - 5, 10, 10);
            g.setFill(pathColour);
            g.fillOval(p[0] - 3.5, p[1] - 3.5, 7, 7);
            if (s.steps()[i] == selectedStep) {
                for (Color outline : new Color[] {Color.BLACK, Color.WHITE}) {
                    g.setStroke(outline);
                    g.setLineWidth(outline == Color.BLACK ? 5 : 2.5);
                    g.strokeOval(p[0] - 9, p[1] - 9, 18, 18);
                }
            }
        }
    }

    private void drawAxes(Sketch g, Font font, Paint ink, double[] xs, double[] ys) {
        double x0 = toPixels(xs[0], ys[0])[0], x1 = toPixels(xs[xs.length - 1], ys[0])[0];
        double y0 = toPixels(xs[0], ys[0])[1], y1 = toPixels(xs[0], ys[ys.length - 1])[1];
        double bottom = originY, left = originX;
        g.setFill(ink);
        g.setStroke(ink);
        g.setLineWidth(1);
        g.setFont(font);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        List<Double> xt = NiceTicks.between(xs[0], xs[xs.length - 1], 5);
        double xStep = xt.size() > 1 ? xt.get(1) - xt.get(0) : 1;
        for (double t : xt) {
            double px = toPixels(t, 0)[0];
            g.strokeLine(px, bottom, px, bottom + 4);
            g.fillText(NiceTicks.label(t, xStep), px, bottom + 5);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        List<Double> yt = NiceTicks.between(ys[0], ys[ys.length - 1], 5);
        double yStep = yt.size() > 1 ? yt.get(1) - yt.get(0) : 1;
        for (double t : yt) {
            double py = toPixels(0, t)[1];
            g.strokeLine(left - 4, py, left, py);
            g.fillText(NiceTicks.label(t, yStep), left - 6, py);
        }
        boolean trajectory = shown.slice().kind() == PlaneSlice.Kind.TRAJECTORY;
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        double fs = font.getSize();
        g.fillText(trajectory ? "principal direction 1" : "direction x (seed " + shown.slice().seed() + ")", (x0 + x1) / 2,
                bottom + 8 + 2.6 * fs);
        g.save();
        g.translate(Math.max(14, 0.9 * fs), (y0 + y1) / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        String yTitle = trajectory ? "principal direction 2" : "direction y (seed " + (shown.slice().seed() + 1) + ")";
        // a flat plane leaves a short y axis: the short title rather than one cut at both ends
        if (textWidth(yTitle, font) > Math.abs(y0 - y1) + 2 * fs) {
            yTitle = trajectory ? "PC 2" : "y (seed " + (shown.slice().seed() + 1) + ")";
        }
        g.fillText(yTitle, 0, 0);
        g.restore();
    }

    private static double textWidth(String text, Font font) {
        Text t = new Text(text);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    private void drawColourBar(Sketch g, LossColours colours, Font font, Paint ink) {
        // beside the plot, as tall as it (a wide flat plane leaves room above and below)
        double x = getWidth() - barRoom + 4;
        double plotTop = toPixels(0, shown.grid().ys()[shown.grid().ys().length - 1] + spacing(shown.grid().ys()) / 2)[1];
        double top = Math.max(TOP + 1.3 * font.getSize() + 4, plotTop), height = Math.max(40, originY - top);
        int bands = Math.max(2, (int) height);
        for (int i = 0; i < bands; i++) {
            double f = 1 - (i + 0.5) / bands;
            g.setFill(colours.colourAt(f));
            g.fillRect(x, top + height * i / bands, BAR, height / bands + 1);
        }
        g.setStroke(ink);
        g.setLineWidth(1);
        g.strokeRect(x, top, BAR, height);
        g.setFill(ink);
        g.setFont(font);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double lastLabel = Double.NEGATIVE_INFINITY;
        for (double t : colours.ticks()) {
            double y = top + height * (1 - colours.fraction(t));
            g.strokeLine(x + BAR, y, x + BAR + 4, y);
            // a short bar (a wide flat plane, large type) labels every other tick rather than overprinting them
            if (Math.abs(y - lastLabel) < 1.1 * font.getSize()) continue;
            g.fillText(PlaneCaption.number(t), x + BAR + 6, y);
            lastLabel = y;
        }
        g.setTextBaseline(VPos.BOTTOM);
        g.setTextAlign(TextAlignment.RIGHT);   // flush with the canvas's right edge, so a large font is not cut off
        g.fillText("train loss", getWidth() - 2, top - 4);
    }

    /** The log colour scale of a grid's losses (evaluated cells only). */
    static final class LossColours {
        private final SequentialColourScale scale;

        private LossColours(SequentialColourScale scale) { this.scale = scale; }

        static LossColours of(double[][] losses) {
            double[] range = ContourLines.positiveRange(losses);
            if (range == null) return new LossColours(new SequentialColourScale(0, 1));
            double l0 = Math.log10(range[0]), l1 = Math.log10(range[1]);
            return new LossColours(new SequentialColourScale(l0, l1 > l0 ? l1 : l0 + 1e-9));
        }

        Color colour(double loss) {
            if (!Double.isFinite(loss)) return SequentialColourScale.MISSING;
            return scale.colour(Math.log10(Math.max(loss, Double.MIN_NORMAL)));
        }

        /** The colour a fraction of the way up the bar. */
        Color colourAt(double fraction) { return scale.colour(scale.low() + fraction * (scale.high() - scale.low())); }

        double fraction(double loss) { return scale.fraction(Math.log10(loss)); }

        /** Losses to label on the bar: decades, else 1-2-5 steps, else the ends. */
        List<Double> ticks() {
            List<Double> out = new ArrayList<>();
            double lo = Math.pow(10, scale.low()), hi = Math.pow(10, scale.high());
            for (double[] mantissas : new double[][] {{1}, {1, 2, 5}, {1, 1.5, 2, 3, 5, 7}}) {
                out.clear();
                for (int e = (int) Math.floor(scale.low()) - 1; e <= Math.ceil(scale.high()); e++) {
                    for (double m : mantissas) {
                        double t = m * Math.pow(10, e);
                        if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) out.add(t);
                    }
                }
                if (out.size() >= 3) return out;
            }
            return hi > lo ? List.of(lo, hi) : List.of(lo);
        }
    }
}
