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

    static String describe(PointInfo p, ExplorerSession.Probe probe) {
        String which = probe == ExplorerSession.Probe.TRAINING ? "train" : "held-out";
        return String.format(Locale.ROOT, "%s%nstep %d%n%s accuracy %s%n%s loss %s%nprogress %.3f", p.run(), p.step(),
                which, percent(p.accuracy()), which, number(p.loss()), p.progress());
    }

    static String percent(double v) { return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * v); }

    static String number(double v) { return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v); }

    void show(PointInfo p, ExplorerSession.Probe probe, double x, double y, double width) {
        card.setText(describe(p, probe));
        card.setVisible(true);
        card.applyCss();
        double w = card.prefWidth(-1);
        card.relocate(x + 16 + w > width ? x - w - 12 : x + 16, y + 12);
    }

    void hide() { card.setVisible(false); }
}
