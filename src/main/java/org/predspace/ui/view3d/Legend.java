package org.predspace.ui.view3d;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;

import java.util.ArrayList;
import java.util.List;

/** What the colours mean, over the top-left of the view: swatches or a gradient bar. */
final class Legend {
    static final int MAX_ENTRIES = 10;
    private final VBox box = new VBox(4);
    private PointPaint.Legend shown;

    Legend() {
        box.getStyleClass().add("legend");
        box.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
    }

    Node node() { return box; }

    void show(PointPaint.Legend legend, ColourPalette palette) {
        if (legend.equals(shown)) return;
        shown = legend;
        box.getChildren().clear();
        Label title = new Label(legend.title());
        title.getStyleClass().add("legend-title");
        box.getChildren().add(title);
        if (legend.gradient()) {
            List<Stop> stops = new ArrayList<>();
            for (int i = 0; i <= 8; i++) stops.add(new Stop(i / 8.0, ColourPalette.sequentialColour(i / 8.0)));
            Rectangle bar = new Rectangle(160, 12, new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops));
            Label low = new Label(legend.low());
            Label high = new Label(legend.high());
            javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
            HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
            HBox ends = new HBox(low, gap, high);
            ends.setPrefWidth(160);
            box.getChildren().addAll(bar, ends);
            if (!legend.missing().isEmpty()) {
                Label missing = new Label(legend.missing(), new Rectangle(12, 12, palette.colour(palette.missing(false))));
                missing.getStyleClass().addAll("legend-entry", "legend-missing");
                box.getChildren().add(missing);
            }
            return;
        }
        List<PointPaint.Entry> entries = legend.entries();
        for (int i = 0; i < Math.min(MAX_ENTRIES, entries.size()); i++) {
            Rectangle swatch = new Rectangle(12, 12, entries.get(i).colour());
            Label l = new Label(entries.get(i).label(), swatch);
            l.getStyleClass().add("legend-entry");
            box.getChildren().add(l);
        }
        if (entries.size() > MAX_ENTRIES) box.getChildren().add(new Label("+ " + (entries.size() - MAX_ENTRIES) + " more"));
    }
}
