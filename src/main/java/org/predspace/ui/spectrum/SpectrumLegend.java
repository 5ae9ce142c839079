package org.predspace.ui.spectrum;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.shape.Line;

import java.util.List;

/**
 * One legend for all the spectrum charts: a line sample in each compared checkpoint's run
 * colour and dash, and its name. JavaFX's own chart legend takes colours from CSS series
 * classes and would not match run colours.
 */
final class SpectrumLegend extends FlowPane {
    SpectrumLegend() {
        super(18, 6);
        setId("spectrum-legend");
        getStyleClass().add("spectrum-legend");
        setPadding(new Insets(4, 8, 4, 8));
    }

    /** One entry per compared checkpoint, labelled as its series are. */
    void show(List<SpectrumRow> firstRowOfEach) {
        getChildren().clear();
        for (SpectrumRow row : firstRowOfEach) {
            Label entry = new Label(row.label(), sample(row.compared().style()));
            entry.getStyleClass().add("spectrum-legend-entry");
            entry.setTooltip(new Tooltip(row.compared().pinned()
                    ? "Pinned for comparison; Clear removes all pins"
                    : "The selected checkpoint; Pin keeps it when you select another"));
            getChildren().add(entry);
        }
    }

    static Line sample(SeriesStyle style) {
        Line line = new Line(0, 0, 36, 0);
        line.setStroke(style.colour());
        line.setStrokeWidth(SeriesStyle.WIDTH);
        line.getStrokeDashArray().setAll(style.dashes());
        return line;
    }
}
