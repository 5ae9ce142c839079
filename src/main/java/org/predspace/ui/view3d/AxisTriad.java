package org.predspace.ui.view3d;

import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Cylinder;
import javafx.scene.transform.Rotate;
import org.predspace.geometry.inpca.DrawnStress;
import org.predspace.session.PictureFrame;
import org.predspace.ui.charts.ColourPalette;


/**
 * Three axes from the picture's centre along the drawn InPCA axes, each labelled with its
 * number, its share of the stress the drawn axes explain ({@link org.predspace.geometry.inpca.DrawnStress}),
 * and whether it is time-like (negative
 * eigenvalue, docs/science.md section 3). Time-like axes are dashed and red, space-like solid grey,
 * so the two kinds are told apart at a glance and in greyscale print.
 */
final class AxisTriad {
    static final int DASHES = 9;
    private static final Color TIME_LIKE = ColourPalette.TIME_LIKE;

    private final Group group = new Group();
    private final Group[] axes = {new Group(), new Group(), new Group()};
    private final Label[] labels = {new Label(), new Label(), new Label()};
    private final double[][] tips = new double[3][3];
    private final PhongMaterial timeLike = new PhongMaterial(TIME_LIKE);
    private final PhongMaterial spaceLike = new PhongMaterial(Color.gray(0.45));
    private final Boolean[] shownTimeLike = new Boolean[3];
    private double shownLength = -1;

    AxisTriad(Pane overlay) {
        group.getChildren().addAll(axes);
        for (Label l : labels) {
            l.getStyleClass().add("axis-label");
            overlay.getChildren().add(l);
        }
    }

    Node node() { return group; }

    void setColours(boolean lightBackground) {
        spaceLike.setDiffuseColor(lightBackground ? Color.gray(0.45) : Color.gray(0.75));
    }

    /** Rebuilds the axes for the drawn axis numbers {@code ax} (0-based) at {@code length} scene units. */
    void update(PictureFrame frame, int[] ax, double length) {
        double[] eig = frame.eigenvalues();
        // the shares of exactly these axes (they add up to the status bar's figure), not S_k - S_k-1
        double[] shares = frame.drawnShares(ax);
        for (int d = 0; d < 3; d++) {
            boolean tl = ax[d] < eig.length && eig[ax[d]] < 0;
            double share = ax[d] < eig.length && frame.embedding() != null && frame.embedding().exactPoints() > 0 ? shares[d] : Double.NaN;
            labels[d].setText(label(ax[d], share, tl));
            labels[d].getStyleClass().removeAll("time-like");
            if (tl) labels[d].getStyleClass().add("time-like");
            labels[d].setVisible(frame.size() > 0);
            tips[d] = new double[3];
            tips[d][d] = d == 1 ? -length : length;
            if (shownTimeLike[d] == null || shownTimeLike[d] != tl || length != shownLength) build(d, tl, length);
            shownTimeLike[d] = tl;
            axes[d].setVisible(frame.size() > 0);
        }
        shownLength = length;
    }

    static String label(int axis, double share, boolean timeLike) {
        String s = "axis " + (axis + 1);
        if (Double.isFinite(share)) s += " · " + DrawnStress.percent(share);
        return timeLike ? s + " · time-like" : s;
    }

    private void build(int d, boolean dashed, double length) {
        axes[d].getChildren().clear();
        int pieces = dashed ? DASHES : 1;
        double piece = length / pieces;
        for (int k = 0; k < pieces; k++) {
            double len = dashed ? piece * 0.6 : length;
            Cylinder c = new Cylinder(0.9, len, 6);
            c.setMaterial(dashed ? timeLike : spaceLike);
            double mid = k * piece + len / 2;
            // a Cylinder stands along y; turn it onto x or z
            if (d == 0) {
                c.getTransforms().add(new Rotate(90, Rotate.Z_AXIS));
                c.setTranslateX(mid);
            } else if (d == 1) {
                c.setTranslateY(-mid);
            } else {
                c.getTransforms().add(new Rotate(90, Rotate.X_AXIS));
                c.setTranslateZ(mid);
            }
            axes[d].getChildren().add(c);
        }
    }

    /** Puts each label by its axis tip as drawn (after the camera moved). */
    void placeLabels(Node world) {
        for (int d = 0; d < 3; d++) {
            Pane overlay = (Pane) labels[d].getParent();
            if (overlay == null) continue;
            Point2D p = OverlayPosition.of(world, overlay, tips[d][0], tips[d][1], tips[d][2]);
            if (p == null) continue;
            Point2D at = OverlayPosition.beside(p.getX(), p.getY(), labels[d].prefWidth(-1), labels[d].prefHeight(-1), 6, 10,
                    overlay.getWidth(), overlay.getHeight());
            labels[d].relocate(at.getX(), at.getY());
        }
    }
}
