package org.predspace.ui.view3d;

import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * What the canyon shows, under the picture's own legend: which line or plane, its loss colours
 * with their ends (log scale), and the out-of-sample placement residual against the checkpoints'
 * own; or, while it is computed or when it failed, that in words.
 */
final class CanyonLegend {
    private final Label title = new Label();
    private final Rectangle bar = new Rectangle(160, 12);
    private final Label low = new Label();
    private final Label high = new Label();
    private final HBox ends;
    private final Label residual = new Label();
    private final VBox box;

    CanyonLegend(CanyonColours colours) {
        bar.setFill(colours.legendPaint());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        ends = new HBox(low, gap, high);
        ends.setPrefWidth(160);
        title.getStyleClass().add("legend-title");
        title.setWrapText(true);
        residual.setWrapText(true);
        // about 25 characters of the label's own type per line: 300 px at the window's size, wider in
        // presentation mode, where a fixed 300 px wrapped the title into a column over the picture
        for (Label l : new Label[] {title, residual}) {
            l.maxWidthProperty().bind(Bindings.createDoubleBinding(
                    () -> Math.max(300, 25 * l.getFont().getSize()), l.fontProperty()));
        }
        residual.setId("canyon-residual");
        box = new VBox(4, title, bar, ends, residual);
        box.getStyleClass().add("legend");
        box.setId("canyon-legend");
        box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        box.setMouseTransparent(true);
        box.setVisible(false);
        for (Node n : new Node[] {bar, ends, residual}) n.managedProperty().bind(n.visibleProperty());
    }

    Node node() { return box; }

    void show(String what, CanyonColours.LogScale scale, String residualLine) {
        title.setText(what);
        low.setText(figure(scale.low()));
        high.setText(figure(scale.high()) + " (log)");
        residual.setText(residualLine);
        residual.setVisible(true);
        bar.setVisible(true);
        ends.setVisible(true);
        box.setVisible(true);
    }

    /** A sentence instead of the colours (computing, failed, not open); "" hides the legend. */
    void say(String status) {
        title.setText(status);
        residual.setText("");
        residual.setVisible(false);
        bar.setVisible(false);
        ends.setVisible(false);
        box.setVisible(!status.isEmpty());
    }

    void hide() { box.setVisible(false); }

    boolean isShown() { return box.isVisible(); }

    String residualText() { return residual.getText(); }

    String titleText() { return title.getText(); }

    private static String figure(double loss) { return Double.isNaN(loss) ? "n/a" : String.format("%.3g", loss); }
}
