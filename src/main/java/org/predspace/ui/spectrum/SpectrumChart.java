package org.predspace.ui.spectrum;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.predspace.spectra.LogDensity;
import org.predspace.spectra.LogHistogram;
import org.predspace.spectra.SpectralDensity;
import org.predspace.spectra.SpectrumKind;
import org.predspace.spectra.SpectrumSummary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One kind of matrix's spectra, one line per compared checkpoint, drawn as the
 * {@link SpectrumView} asks: eigenvalue against rank, or a histogram of log10 eigenvalues; the
 * spectral density (kind density) is always a curve over log10 eigenvalue.
 *
 * <p>By rank: eigenvalue on a log axis (log10 values on a NumberAxis labelled by
 * {@link DecadeScale}), since they span many decades; rank on a linear axis: a sloppy spectrum
 * has eigenvalues spread evenly in log, which on log-eigenvalue against linear rank is a
 * straight line whose slope is decades per eigenvalue; every eigenvalue gets the same width, so
 * the long tail that makes up "decades spanned" stays visible instead of being crowded into the
 * right edge as a log rank axis would do. Eigenvalues at or below the numerical floor (zero,
 * negative Hessian ones) have no logarithm: they are neither drawn nor binned, and the table
 * says how many there were and how many of them were negative.
 */
final class SpectrumChart {
    static final String RANK_LABEL = "rank (largest eigenvalue first)";

    private final SpectrumKind kind;
    private final NumberAxis across = new NumberAxis();
    private final NumberAxis value = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(across, value);
    private String acrossLabel = RANK_LABEL;

    SpectrumChart(SpectrumKind kind) {
        this.kind = kind;
        across.setMinorTickVisible(false);
        value.setMinorTickVisible(false);
        chart.setId("spectrum-chart-" + kind.id());
        chart.getStyleClass().add("spectrum-chart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        // histogram outlines go back and forth at each bin edge: the points are drawn in the order given
        chart.setAxisSortingPolicy(LineChart.SortingPolicy.NONE);
        chart.setLegendVisible(false); // one legend for all charts, drawn with the same colour and dash
        chart.setMinHeight(150);
        // the zero lines would sit at eigenvalue 1 and rank 0, meaning nothing here
        chart.setHorizontalZeroLineVisible(false);
        chart.setVerticalZeroLineVisible(false);
        // no chart title: stacked charts need the height; the y label names the matrix and the view
        Tooltip tip = new Tooltip(title(kind) + ": " + kind.description() + ". "
                + (kind == SpectrumKind.DENSITY ? "A curve over log10 eigenvalue: stochastic Lanczos quadrature ("
                + SpectralDensity.DEFAULT_VECTORS + " random ±1 vectors, " + SpectralDensity.DEFAULT_STEPS + " Lanczos steps each), "
                + "each node a Gaussian of width " + SpectrumView.decades(LogDensity.DEFAULT_SIGMA_DECADES) + " in log10 λ; "
                + "the height is the fraction of all eigenvalues per decade, and the weight at or below 1e-8 of the "
                + "largest node (the bulk near zero, negative eigenvalues) is not drawn but given in the table."
                : "Eigenvalues largest first, or a histogram of their log10; a log axis has one tick per decade or more. "
                + "Eigenvalues at or below the numerical floor (zero, negative) are neither drawn nor binned: the table counts them."));
        tip.setShowDelay(Duration.millis(400));
        Tooltip.install(chart, tip);
        show(List.of(), new SpectrumView(false, SpectrumView.Plot.RANK));
    }

    static String title(SpectrumKind kind) {
        return switch (kind) {
            case FIM -> "Fisher information (n × classes eigenvalues)";
            case EFIM -> "Empirical Fisher information (n eigenvalues)";
            case HESSIAN -> "Hessian of the training loss";
            case INPUT -> "Input correlation XᵀX / n";
            case DENSITY -> "Hessian spectral density";
        };
    }

    static String axisLabel(SpectrumKind kind) {
        return switch (kind) {
            case FIM -> "Fisher";
            case EFIM -> "empirical Fisher";
            case HESSIAN -> "Hessian";
            case INPUT -> "input";
            case DENSITY -> "Hessian density";
        };
    }

    /** The value axis's label: the matrix and what is shown of it. */
    static String valueLabel(SpectrumKind kind, SpectrumView view) {
        if (kind == SpectrumKind.DENSITY) return axisLabel(kind) + "\nper decade of " + view.quantity();
        if (view.plot() == SpectrumView.Plot.HISTOGRAM) {
            return axisLabel(kind) + " " + view.quantity() + "\ncount per " + SpectrumView.decades(LogHistogram.DEFAULT_BIN_WIDTH);
        }
        String label = axisLabel(kind) + " " + view.quantity();
        // drawn rotated along a chart as short as 150 px: a longer label goes on two lines
        return label.length() > 16 ? axisLabel(kind) + "\n" + view.quantity() : label;
    }

    /** The density's x label names how it was made and smoothed. */
    static String densityLabel(SpectrumView view) {
        return "Hessian " + view.quantity() + " · SLQ " + SpectralDensity.DEFAULT_VECTORS + " × " + SpectralDensity.DEFAULT_STEPS
                + " · Gaussian σ = " + SpectrumView.decades(LogDensity.DEFAULT_SIGMA_DECADES);
    }

    /** Only the lowest of the stacked charts names a shared rank or eigenvalue axis; the density always names its own. */
    void showAcrossLabel(boolean shown) { across.setLabel(shown || kind == SpectrumKind.DENSITY ? acrossLabel : null); }

    LineChart<Number, Number> node() { return chart; }

    SpectrumKind kind() { return kind; }

    /** Draws the computed spectra among {@code rows} (those of this chart's kind) as {@code view} asks. */
    void show(List<SpectrumRow> rows, SpectrumView view) {
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        List<SeriesStyle> styles = new ArrayList<>();
        Extent x = new Extent(), y = new Extent();
        for (SpectrumRow row : rows) {
            if (row.key().kind() != kind) continue;
            List<XYChart.Data<Number, Number>> points = points(row, view, x, y);
            if (points == null) continue;
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(row.label());
            s.getData().setAll(points);
            series.add(s);
            styles.add(row.compared().style());
        }
        value.setLabel(valueLabel(kind, view));
        if (kind == SpectrumKind.DENSITY || view.plot() == SpectrumView.Plot.HISTOGRAM) {
            // what is not binned (at or below the floor, negative) is counted in the table's status
            acrossLabel = kind == SpectrumKind.DENSITY ? densityLabel(view)
                    : view.quantity() + " (log scale), bins of " + SpectrumView.decades(LogHistogram.DEFAULT_BIN_WIDTH);
            decades(across, x);
            linear(value);
        } else {
            acrossLabel = RANK_LABEL;
            RankScale ranks = RankScale.covering(x.empty() ? 10 : (int) x.max);
            across.setAutoRanging(false);
            across.setTickLabelFormatter(null);
            across.setLowerBound(0);
            across.setUpperBound(ranks.upper());
            across.setTickUnit(ranks.unit());
            decades(value, y);
        }
        if (across.getLabel() != null) across.setLabel(acrossLabel);
        chart.getData().setAll(series);
        for (int i = 0; i < series.size(); i++) {
            XYChart.Series<Number, Number> s = series.get(i);
            String css = styles.get(i).lineCss();
            if (s.getNode() != null) s.getNode().setStyle(css);
            s.nodeProperty().addListener((obs, old, node) -> { if (node != null) node.setStyle(css); });
        }
    }

    /** The points of one row's line, widening the extents; null when the row has nothing to draw. */
    private List<XYChart.Data<Number, Number>> points(SpectrumRow row, SpectrumView view, Extent x, Extent y) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>();
        if (kind == SpectrumKind.DENSITY) {
            if (row.outcome() == null || row.outcome().density() == null) return null;
            LogDensity d = logDensity(row.outcome().density(), view);
            for (int g = 0; g < d.grid().length; g++) points.add(point(d.grid()[g], d.density()[g], x, y));
            return points.isEmpty() ? null : points;
        }
        if (!row.hasSpectrum()) return null;
        double[] eigenvalues = row.outcome().spectrum().eigenvalues();
        double divisor = view.divisor(row.outcome().spectrum().largest());
        if (view.plot() == SpectrumView.Plot.HISTOGRAM) {
            LogHistogram h = LogHistogram.of(eigenvalues, row.outcome().floor(), divisor, LogHistogram.DEFAULT_BIN_WIDTH);
            int bins = h.counts().length;
            if (bins == 0) return null;
            // the outline of the bars: up at the first edge, across each bin at its count, down at the last edge
            points.add(point(h.edges()[0], 0, x, y));
            for (int i = 0; i < bins; i++) {
                points.add(point(h.edges()[i], h.counts()[i], x, y));
                points.add(point(h.edges()[i + 1], h.counts()[i], x, y));
            }
            points.add(point(h.edges()[bins], 0, x, y));
            return points;
        }
        double[] logs = LogHistogram.log10Above(eigenvalues, row.outcome().floor(), divisor);
        for (int i = 0; i < logs.length; i++) points.add(point(i + 1, logs[i], x, y));
        return points.isEmpty() ? null : points;
    }

    /** The density over log10 eigenvalue, normalised by the largest node when the view asks. */
    static LogDensity logDensity(SpectralDensity.Density d, SpectrumView view) {
        double largest = Arrays.stream(d.nodes()).max().orElse(0);
        double floor = Math.max(0, SpectrumSummary.HESSIAN_RELATIVE_FLOOR * largest);
        return LogDensity.of(d.nodes(), d.weights(), floor, view.divisor(largest), LogDensity.DEFAULT_SIGMA_DECADES,
                LogDensity.DEFAULT_GRID);
    }

    private static XYChart.Data<Number, Number> point(double px, double py, Extent x, Extent y) {
        x.add(px);
        y.add(py);
        return new XYChart.Data<>(px, py);
    }

    /** A log axis in whole decades around the values drawn on it. */
    private static void decades(NumberAxis axis, Extent e) {
        DecadeScale scale = e.empty() ? DecadeScale.covering(Double.NaN, Double.NaN) : DecadeScale.covering(e.min, e.max);
        axis.setAutoRanging(false);
        axis.setTickLabelFormatter(DecadeScale.labels());
        axis.setLowerBound(scale.lower());
        axis.setUpperBound(scale.upper());
        axis.setTickUnit(scale.unit());
    }

    /** A linear axis from zero, ranged by JavaFX (counts, densities). */
    private static void linear(NumberAxis axis) {
        axis.setTickLabelFormatter(null);
        axis.setForceZeroInRange(true);
        axis.setAutoRanging(true);
    }

    /** The range of values drawn along one axis. */
    private static final class Extent {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;

        void add(double v) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }

        boolean empty() { return min > max; }
    }
}
