package org.predspace.ui.charts;

import javafx.scene.chart.ValueAxis;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart axis for data already mapped through a {@link LogScale}: linear in its own units
 * (so the chart's data are the log positions, and picking maps back linearly), with ticks at
 * the decades and labels in the original units. Auto-ranging starts at the scale's origin (step
 * 0) or the decade below the data, and ends at the next 1, 2 or 5 x 10^k above it.
 */
public final class LogAxis extends ValueAxis<Number> {
    private final LogScale scale;

    public LogAxis(LogScale scale) {
        this.scale = scale;
        // with no data a chart auto-ranges to the current bounds: ValueAxis's 0..100 would be
        // 10^100 on this axis, a hundred overlapping decade labels; start at 1..1000 instead
        setLowerBound(scale.lowerBound(1));
        setUpperBound(scale.toAxis(1000));
    }

    public LogScale scale() { return scale; }

    @Override
    protected Object autoRange(double minValue, double maxValue, double length, double labelSize) {
        double lower = scale.lowerBound(scale.fromAxis(minValue));
        double upper = Math.max(scale.upperBound(scale.fromAxis(maxValue)), lower + 1e-6);
        return new double[] {lower, upper, calculateNewScale(length, lower, upper)};
    }

    @Override
    protected Object getRange() {
        double length = getSide() != null && getSide().isVertical() ? getHeight() : getWidth();
        return new double[] {getLowerBound(), getUpperBound(), calculateNewScale(length, getLowerBound(), getUpperBound())};
    }

    @Override
    protected void setRange(Object range, boolean animate) {
        double[] r = (double[]) range;
        setLowerBound(r[0]);
        setUpperBound(r[1]);
        currentLowerBound.set(r[0]);
        setScale(r[2]);
    }

    @Override
    protected List<Number> calculateTickValues(double length, Object range) {
        double[] r = (double[]) range;
        return new ArrayList<>(scale.majorTicks(r[0], r[1]));
    }

    @Override
    protected List<Number> calculateMinorTickMarks() {
        return new ArrayList<>(scale.minorTicks(getLowerBound(), getUpperBound()));
    }

    @Override
    protected String getTickMarkLabel(Number value) {
        return getTickLabelFormatter() != null ? getTickLabelFormatter().toString(value) : scale.label(value.doubleValue());
    }
}
