package org.predspace.ui.view3d;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.shape.Rectangle;
import org.predspace.session.LearningRule;

import java.util.ArrayList;
import java.util.List;
import org.predspace.ui.charts.ColourPalette;

/** What the colours mean, over the top-left of the view: swatches or a gradient bar. */
final class Legend {
    static final int MAX_ENTRIES = 10;
    private final VBox box = new VBox(4);
    private PointPaint.Legend shown;
    /** The did-not-learn rule under the colours, when a run is marked; kept across rebuilds. */
    private final Label note = new Label();
    private final Rectangle noteSwatch = new Rectangle(12, 12);

    Legend() {
        box.getStyleClass().add("legend");
        box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        note.setGraphic(noteSwatch);
        note.setId("legend-not-learned");
        note.getStyleClass().add("legend-entry");
    }

    /** States the did-not-learn rule beside a swatch of its grey; an empty text removes it. */
    void note(String text, Color grey) {
        noteSwatch.setFill(grey);
        note.setText(text);
        box.getChildren().remove(note);
        if (!text.isEmpty()) box.getChildren().add(note);
    }

    /**
     * The rule in words, when {@code marked} runs fall under it ({@code hidden} of them left out of
     * the picture): "grey: did not learn (train error ≥ 0.10) or diverged · 3 hidden".
     */
    static String notLearnedNote(LearningRule rule, int marked, int hidden) {
        if (marked == 0) return "";
        String s = "grey: did not learn (train error ≥ " + LearningRule.figure(rule.threshold())
                + ") or diverged";
        return hidden > 0 ? s + " · " + hidden + " hidden" : s;
    }

    /** The rule as the legend states it (tests). */
    String noteText() { return box.getChildren().contains(note) ? note.getText() : ""; }

    Node node() { return box; }

    void show(PointPaint.Legend legend, ColourPalette palette) {
        if (legend.equals(shown)) return;
        shown = legend;
        box.getChildren().clear();
        build(legend, palette);
        if (!note.getText().isEmpty()) box.getChildren().add(note);
    }

    private void build(PointPaint.Legend legend, ColourPalette palette) {
        Label title = new Label(legend.title());
        title.getStyleClass().add("legend-title");
        box.getChildren().add(title);
        if (legend.gradient()) {
            List<Stop> stops = new ArrayList<>();
            for (int i = 0; i <= 8; i++) stops.add(new Stop(i / 8.0, ColourPalette.sequentialColour(i / 8.0)));
            Rectangle bar = new Rectangle(160, 12, new LinearGradient(0, 0, 1, 0, true, CycleMethod.NO_CYCLE, stops));
            Label low = new Label(legend.low());
            Label high = new Label(legend.high());
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
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
