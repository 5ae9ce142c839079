package org.predspace.ui.view3d;

import javafx.scene.Node;
import javafx.scene.control.Label;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PointInfo;

import java.util.Locale;

/** The small card that follows the mouse over a point: run, step, accuracy, loss, progress. */
final class HoverCard {
    private final Label card = new Label();

    HoverCard() {
        card.getStyleClass().add("hover-card");
        card.setVisible(false);
    }

    Node node() { return card; }

    /**
     * @param lineage "fine-tuned from PARENT at step S" for a fine-tuned run, else empty
     */
    static String describe(PointInfo p, ExplorerSession.Probe probe, String lineage) {
        String which = switch (probe) {
            case TRAINING -> "train";
            case HELD_OUT -> "held-out";
            case IMPRINTED -> "imprinted";
        };
        // in the imprinted picture the geodesic is the full problem's, whatever task the run learned
        String progress = probe == ExplorerSession.Probe.IMPRINTED ? "progress on the full task" : "progress";
        return String.format(Locale.ROOT, "%s%s%nstep %d%n%s accuracy %s%n%s loss %s%n%s %.3f", p.run(),
                lineage.isEmpty() ? "" : "\n" + lineage, p.step(), which, percent(p.accuracy()), which, number(p.loss()),
                progress, p.progress());
    }

    static String percent(double v) { return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * v); }

    static String number(double v) { return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v); }

    void show(PointInfo p, ExplorerSession.Probe probe, String lineage, double x, double y, double width) {
        card.setText(describe(p, probe, lineage));
        card.setVisible(true);
        card.applyCss();
        double w = card.prefWidth(-1);
        card.relocate(x + 16 + w > width ? x - w - 12 : x + 16, y + 12);
    }

    void hide() { card.setVisible(false); }
}
