package org.predspace.ui.compare;

import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.predspace.geometry.trajectory.Dendrogram;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.ui.charts.NiceTicks;
import org.predspace.ui.charts.SequentialColourScale;
import org.predspace.ui.figures.CanvasFigure;
import org.predspace.ui.figures.Sketch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The matrix of trajectory distances as a heatmap on a canvas, rows and columns in the
 * dendrogram's leaf order, with the dendrogram beside the rows, run labels and a colour bar.
 * Clicking a cell (its row), a label or a leaf asks for that run to be selected; the selected
 * run is outlined in the matrix and its leaf and labels are emphasised.
 *
 * <p>Text and branches take their colour and font from a hidden label with the style class
 * {@code compare-heatmap-text}, so they follow the light or dark theme; only the data (cells,
 * run swatches) has colours of its own.
 */
final class DistanceHeatmap extends CanvasFigure {
    /** Labels wider than this (or a quarter of the width) are shortened in the middle; the tooltip gives the full name. */
    static final double MAX_LABEL_WIDTH = 190;
    /** Cells at least this large show their value. */
    static final double CELL_WITH_VALUE = 46;
    private static final String HELP = "Distances between whole trajectories (mean Bhattacharyya distance at equal progress),"
            + "\nclustered by complete linkage. Click a cell, run name or leaf to select that run.";

    private final Label textStyle = new Label();
    private final Tooltip tooltip = new Tooltip();
    private final Function<String, Color> colourOf;
    private final Consumer<String> onSelect;

    private DendrogramLayout dendrogram;
    private List<String> order = List.of();
    private double[][] matrix = new double[0][];
    private String selected;
    private HeatmapLayout layout = new HeatmapLayout(0, 0, 0, 0, 0, 0);
    /** The share of the width run labels may take: more for a few long configuration names. */
    private double labelShare = 0.25;

    DistanceHeatmap(Function<String, Color> colourOf, Consumer<String> onSelect) {
        this.colourOf = colourOf;
        this.onSelect = onSelect;
        getStyleClass().add("compare-heatmap");
        textStyle.getStyleClass().add("compare-heatmap-text");
        textStyle.setVisible(false);
        textStyle.setManaged(false);
        getChildren().add(textStyle);
        textStyle.textFillProperty().addListener((o, a, b) -> redraw());
        textStyle.fontProperty().addListener((o, a, b) -> redraw());
        tooltip.setShowDelay(Duration.millis(250));
        tooltip.setText(HELP);
        Tooltip.install(this, tooltip);
        setOnMouseMoved(e -> hover(layout.hit(e.getX(), e.getY())));
        setOnMouseClicked(e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;   // the secondary button opens the export menu
            HeatmapLayout.Hit hit = layout.hit(e.getX(), e.getY());
            if (hit.part() != HeatmapLayout.Part.NONE) onSelect.accept(order.get(hit.run()));
        });
        setMinSize(220, 200);
        setPrefSize(560, 480);
    }

    /** Shows a comparison (null or fewer than two runs: nothing). */
    void show(TrajectoryComparison c) {
        if (c == null || c.runs().size() < 2) {
            dendrogram = null;
            order = List.of();
            matrix = new double[0][];
        } else {
            Dendrogram d = c.dendrogram();
            dendrogram = DendrogramLayout.of(d);
            int n = c.runs().size();
            List<String> names = new ArrayList<>();
            matrix = new double[n][n];
            for (int row = 0; row < n; row++) {
                names.add(c.runs().get(dendrogram.leafAt(row)));
                for (int col = 0; col < n; col++) matrix[row][col] = c.distance(dendrogram.leafAt(row), dendrogram.leafAt(col));
            }
            order = List.copyOf(names);
        }
        redraw();
    }

    /** Lets labels take up to {@code share} of the width (at most {@link #MAX_LABEL_WIDTH} at 0.25). */
    void setLabelShare(double share) {
        labelShare = share;
        redraw();
    }

    void setSelected(String run) {
        selected = run;
        redraw();
    }

    /** Run names as the rows (and columns) are drawn, top to bottom. */
    List<String> runsInOrder() { return order; }

    /** Distances as drawn: [row][column] in {@link #runsInOrder()} order; a copy. */
    double[][] matrixInOrder() {
        double[][] out = new double[matrix.length][];
        for (int i = 0; i < out.length; i++) out[i] = matrix[i].clone();
        return out;
    }

    HeatmapLayout geometry() { return layout; }

    private void hover(HeatmapLayout.Hit hit) {
        setCursor(hit.part() == HeatmapLayout.Part.NONE ? Cursor.DEFAULT : Cursor.HAND);
        tooltip.setText(switch (hit.part()) {
            case CELL -> order.get(hit.row()) + "\n" + order.get(hit.column()) + "\ndistance "
                    + value(matrix[hit.row()][hit.column()]);
            case ROW_LABEL, LEAF -> order.get(hit.row()) + "\n(click to select)";
            case COLUMN_LABEL -> order.get(hit.column()) + "\n(click to select)";
            case NONE -> HELP;
        });
    }

    static String value(double d) {
        return Double.isFinite(d) ? String.format(Locale.ROOT, "%.3g", d) : "\u221e (no progress in common)";
    }

    /** The whole heatmap, in layout units, onto the screen's canvas or an exported figure. */
    @Override
    protected void draw(Sketch g) {
        int n = order.size();
        if (n < 2) {
            layout = new HeatmapLayout(getWidth(), getHeight(), 0, 0, 0, 0);
            return;
        }
        Font font = textStyle.getFont();
        Font bold = Font.font(font.getFamily(), FontWeight.BOLD, font.getSize());
        Paint ink = textStyle.getTextFill();
        Text meter = new Text();
        meter.setFont(bold);
        double lineHeight = meter.getLayoutBounds().getHeight();
        double swatch = HeatmapLayout.swatch(lineHeight);
        double room = Math.max(80, Math.min(MAX_LABEL_WIDTH * labelShare / 0.25, getWidth() * labelShare)) - swatch - 4;
        List<String> labels = new ArrayList<>();
        double widest = 0;
        // Full names when they fit; else without the parts all runs share (sweep names), shortened if need be.
        boolean fit = order.stream().allMatch(name -> width(meter, name) <= room);
        for (String name : fit ? order : distinctive(order)) {
            String fitted = RunLabels.fit(name, room, s -> width(meter, s));
            labels.add(fitted);
            widest = Math.max(widest, width(meter, fitted));
        }
        SequentialColourScale scale = SequentialColourScale.forDistances(matrix);
        List<Double> ticks = NiceTicks.between(scale.low(), scale.high(), 5);
        double step = ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : scale.high();
        meter.setFont(font);
        double barLabels = width(meter, "distance") - HeatmapLayout.BAR_WIDTH - HeatmapLayout.GAP;
        for (double t : ticks) barLabels = Math.max(barLabels, width(meter, NiceTicks.label(t, step)));
        layout = new HeatmapLayout(getWidth(), getHeight(), n, swatch + 4 + widest, lineHeight, barLabels);

        drawCells(g, scale, font);
        drawDendrogram(g, ink);
        drawLabels(g, labels, font, bold, ink);
        drawColourBar(g, scale, ticks, step, font, ink);
    }

    /** {@link RunLabels#distinctive} of every name but the geodesic's, which shares nothing with runs and stays whole. */
    private static List<String> distinctive(List<String> names) {
        List<String> runs = names.stream().filter(n -> !n.equals(ConfigurationComparison.GEODESIC)).toList();
        Iterator<String> shortened = RunLabels.distinctive(runs).iterator();
        return names.stream().map(n -> n.equals(ConfigurationComparison.GEODESIC) ? n : shortened.next()).toList();
    }

    private static double width(Text meter, String s) {
        meter.setText(s);
        return meter.getLayoutBounds().getWidth();
    }

    private void drawCells(Sketch g, SequentialColourScale scale, Font font) {
        int n = order.size();
        double c = layout.cell();
        double x0 = layout.cellsX();
        double y0 = layout.cellsY();
        boolean values = c >= CELL_WITH_VALUE;
        g.setFont(font);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                double d = matrix[row][col];
                Color fill = scale.colour(d);
                g.setFill(fill);
                g.fillRect(x0 + col * c, y0 + row * c, c, c);
                if (values && row != col) {
                    g.setFill(SequentialColourScale.textOn(fill));
                    g.fillText(Double.isFinite(d) ? String.format(Locale.ROOT, "%.2g", d) : "\u221e",
                            x0 + (col + 0.5) * c, y0 + (row + 0.5) * c);
                }
            }
        }
        int s = selected == null ? -1 : order.indexOf(selected);
        if (s >= 0) {
            // The selected run's row and column, outlined in both contrasting colours so it shows on any cell.
            for (Color outline : new Color[] {Color.WHITE, Color.BLACK}) {
                g.setStroke(outline);
                g.setLineWidth(outline == Color.WHITE ? 4 : 2);
                g.strokeRect(x0, y0 + s * c, n * c, c);
                g.strokeRect(x0 + s * c, y0, c, n * c);
            }
        }
    }

    private void drawDendrogram(Sketch g, Paint ink) {
        double c = layout.cell();
        double radius = Math.max(3, Math.min(7, c * 0.3));
        // Leaves (height 0) sit next to the cells; arms start at a marker's edge, the root at the far left.
        double leafX = layout.cellsX() - HeatmapLayout.GAP - radius;
        double rootX = layout.dendrogramX();
        double span = leafX - radius - 2 - rootX;
        g.setStroke(ink);
        g.setLineWidth(1.5);
        for (DendrogramLayout.Segment s : dendrogram.segments()) {
            double xa = leafX - radius - span * s.height1() / dendrogram.top();
            double xb = leafX - radius - span * s.height2() / dendrogram.top();
            g.strokeLine(xa, layout.slotCentre(s.slot1()), xb, layout.slotCentre(s.slot2()));
        }
        for (int slot = 0; slot < order.size(); slot++) {
            boolean isSelected = order.get(slot).equals(selected);
            double r = isSelected ? radius * 1.5 : radius;
            double y = layout.slotCentre(slot);
            g.setFill(colourOf.apply(order.get(slot)));
            g.fillOval(leafX - r, y - r, 2 * r, 2 * r);
            if (isSelected) {
                g.setStroke(ink);
                g.setLineWidth(2);
                g.strokeOval(leafX - r, y - r, 2 * r, 2 * r);
            }
        }
    }

    private void drawLabels(Sketch g, List<String> labels, Font font, Font bold, Paint ink) {
        double swatch = layout.swatch();
        g.setTextBaseline(VPos.CENTER);
        // many runs in a small panel: shrink the names to the row height so they do not overlap
        double fit = Math.max(7, Math.min(font.getSize(), 0.85 * layout.cell()));
        if (fit < font.getSize()) {
            font = Font.font(font.getFamily(), fit);
            bold = Font.font(font.getFamily(), FontWeight.BOLD, fit);
        }
        for (int slot = 0; slot < labels.size(); slot++) {
            boolean isSelected = order.get(slot).equals(selected);
            Color colour = colourOf.apply(order.get(slot));
            // Row label: swatch then name, left-aligned right of the cells.
            double y = layout.slotCentre(slot);
            double x = layout.rowLabelX();
            g.setFill(colour);
            g.fillRect(x, y - swatch / 2, swatch, swatch);
            g.setFill(ink);
            g.setFont(isSelected ? bold : font);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(labels.get(slot), x + swatch + 4, y);
            // Column label: the same, turned to read upwards, ending under its column.
            g.save();
            g.translate(layout.columnCentreX(slot), layout.columnLabelY());
            g.rotate(-90);
            g.setFill(colour);
            g.fillRect(-swatch, -swatch / 2, swatch, swatch);
            if (layout.columnNames()) {
                g.setFill(ink);
                g.setTextAlign(TextAlignment.RIGHT);
                g.fillText(labels.get(slot), -swatch - 4, 0);
            }
            g.restore();
        }
    }

    private void drawColourBar(Sketch g, SequentialColourScale scale, List<Double> ticks, double step, Font font,
                               Paint ink) {
        double x = layout.barX();
        double top = layout.cellsY();
        double height = layout.cellsSize();
        int bands = Math.max(2, (int) height);
        for (int i = 0; i < bands; i++) {
            double v = scale.high() - (scale.high() - scale.low()) * (i + 0.5) / bands;
            g.setFill(scale.colour(v));
            g.fillRect(x, top + height * i / bands, HeatmapLayout.BAR_WIDTH, height / bands + 1);
        }
        g.setStroke(ink);
        g.setLineWidth(1);
        g.strokeRect(x, top, HeatmapLayout.BAR_WIDTH, height);
        g.setFill(ink);
        g.setFont(font);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        for (double t : ticks) {
            double y = top + height * (1 - scale.fraction(t));
            g.strokeLine(x + HeatmapLayout.BAR_WIDTH, y, x + HeatmapLayout.BAR_WIDTH + 4, y);
            g.fillText(NiceTicks.label(t, step), layout.barLabelX(), y);
        }
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText("distance", x, top - 4);
        if (dendrogram.hasInfinite()) {
            double y = top + height + HeatmapLayout.GAP;
            g.setFill(SequentialColourScale.MISSING);
            g.fillRect(x, y, HeatmapLayout.BAR_WIDTH, HeatmapLayout.BAR_WIDTH);
            g.setFill(ink);
            g.setTextBaseline(VPos.CENTER);
            g.fillText("\u221e", layout.barLabelX(), y + HeatmapLayout.BAR_WIDTH / 2);
        }
    }
}
