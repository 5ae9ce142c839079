package org.predspace.ui.spectrum;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.predspace.spectra.SpectrumKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The eigenvalues of one kind of matrix against their rank, one line per compared checkpoint.
 *
 * <p>Eigenvalue on a log axis (log10 values on a NumberAxis labelled by {@link DecadeScale}):
 * they span many decades. Rank on a linear axis: a sloppy spectrum has eigenvalues spread
 * evenly in log, which on log-eigenvalue against linear rank is a straight line whose slope
 * is decades per eigenvalue; every eigenvalue gets the same width, so the long tail that
 * makes up "decades spanned" stays visible instead of being crowded into the right edge as
 * a log rank axis would do (that view suits power laws, which these spectra are not claimed
 * to be). Eigenvalues at or below the numerical floor (zero, negative Hessian ones) have no
 * logarithm and are not drawn; the table says how many were.
 */
final class SpectrumChart {
    private final SpectrumKind kind;
    private final NumberAxis rank = new NumberAxis();
    private final NumberAxis value = new NumberAxis();
    private final LineChart<Number, Number> chart = new LineChart<>(rank, value);

    SpectrumChart(SpectrumKind kind) {
        this.kind = kind;
        rank.setLabel("rank (largest eigenvalue first)");
        rank.setAutoRanging(false);
        rank.setMinorTickVisible(false);
        value.setLabel(axisLabel(kind));
        value.setAutoRanging(false);
        value.setMinorTickVisible(false);
        value.setTickLabelFormatter(DecadeScale.labels());
        apply(DecadeScale.covering(Double.NaN, Double.NaN));
        apply(RankScale.covering(10));
        chart.setId("spectrum-chart-" + kind.id());
        chart.getStyleClass().add("spectrum-chart");
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        chart.setLegendVisible(false); // one legend for all charts, drawn with the same colour and dash
        chart.setMinHeight(150);
        // the zero lines would sit at eigenvalue 1 and rank 0, meaning nothing here
        chart.setHorizontalZeroLineVisible(false);
        chart.setVerticalZeroLineVisible(false);
        // no chart title: stacked charts need the height; the y label names the matrix (short: it is
        // drawn rotated along a short axis)
        Tooltip tip = new Tooltip(title(kind) + ": " + kind.description() + ". Eigenvalues largest first; "
                + "y is logarithmic, one tick per decade or more.");
        tip.setShowDelay(Duration.millis(400));
        Tooltip.install(chart, tip);
    }

    static String title(SpectrumKind kind) {
        return switch (kind) {
            case FIM -> "Fisher information (n × classes eigenvalues)";
            case EFIM -> "Empirical Fisher information";
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
            case DENSITY -> "density";
        };
    }

    /** Only the lowest of the stacked charts names the shared rank axis. */
    void showRankLabel(boolean shown) { rank.setLabel(shown ? "rank (largest eigenvalue first)" : null); }

    LineChart<Number, Number> node() { return chart; }

    SpectrumKind kind() { return kind; }

    /** Draws the computed spectra among {@code rows} (those of this chart's kind). */
    void show(List<SpectrumRow> rows) {
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        List<SeriesStyle> styles = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int ranks = 0;
        for (SpectrumRow row : rows) {
            if (row.key().kind() != kind || !row.hasSpectrum()) continue;
            double[] eigenvalues = row.outcome().spectrum().eigenvalues();
            int count = row.outcome().plottedCount();
            ranks = Math.max(ranks, count);
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(row.label());
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                double log = Math.log10(eigenvalues[i]);
                points.add(new XYChart.Data<>(i + 1, log));
                min = Math.min(min, log);
                max = Math.max(max, log);
            }
            s.getData().setAll(points);
            series.add(s);
            styles.add(row.compared().style());
        }
        apply(min <= max ? DecadeScale.covering(min, max) : DecadeScale.covering(Double.NaN, Double.NaN));
        apply(RankScale.covering(ranks == 0 ? 10 : ranks));
        chart.getData().setAll(series);
        for (int i = 0; i < series.size(); i++) {
            XYChart.Series<Number, Number> s = series.get(i);
            String css = styles.get(i).lineCss();
            if (s.getNode() != null) s.getNode().setStyle(css);
            s.nodeProperty().addListener((obs, old, node) -> { if (node != null) node.setStyle(css); });
        }
    }

    private void apply(RankScale scale) {
        rank.setLowerBound(0);
        rank.setUpperBound(scale.upper());
        rank.setTickUnit(scale.unit());
    }

    private void apply(DecadeScale scale) {
        value.setLowerBound(scale.lower());
        value.setUpperBound(scale.upper());
        value.setTickUnit(scale.unit());
    }
}
