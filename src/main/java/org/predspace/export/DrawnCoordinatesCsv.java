package org.predspace.export;

import org.predspace.session.PictureFrame;
import org.predspace.session.PointInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The coordinates of every point a picture draws on the three axes it draws, in the columns
 * and units of {@code embed} (run, step, progress, then x_k for each drawn InPCA axis k), so
 * that anyone can check a figure against {@code embed}: the ignorance and truth anchors last
 * with the step empty, as {@code embed} writes them. Two rows close the table: each drawn
 * axis's signed eigenvalue, and its share of the stress the drawn axes explain
 * ({@link org.predspace.geometry.inpca.DrawnStress}; the shares add up to it). The axes are InPCA
 * axes up to sign (docs/science.md section 3), so a column equals {@code embed}'s x_k or -x_k.
 */
public final class DrawnCoordinatesCsv {
    /** The run names of the two closing rows. */
    public static final String EIGENVALUE = "eigenvalue", STRESS_SHARE = "stress_share";

    private DrawnCoordinatesCsv() {}

    /**
     * @param axes      the drawn axes, 0-based, as x, y, z
     * @param upToStep  checkpoints after this step are not drawn (Long.MAX_VALUE: all are)
     */
    public static CsvTable of(PictureFrame frame, int[] axes, long upToStep) {
        List<String> header = new ArrayList<>(List.of("run", "step", "progress"));
        for (int a : axes) header.add("x" + (a + 1));
        CsvTable table = new CsvTable(header);
        List<Integer> anchors = new ArrayList<>();
        for (int i = 0; i < frame.size(); i++) {
            PointInfo p = frame.point(i);
            if (p.isAnchor()) anchors.add(i);
            else if (p.step() <= upToStep) table.row(row(p.run(), p.step(), p.progress(), frame, i, axes));
        }
        for (int i : anchors) table.row(row(frame.point(i).run(), null, frame.point(i).progress(), frame, i, axes));
        double[] eigenvalues = frame.eigenvalues();
        double[] shares = frame.drawnShares(axes);
        List<Object> lambda = new ArrayList<>(Arrays.asList(EIGENVALUE, null, null));
        List<Object> share = new ArrayList<>(Arrays.asList(STRESS_SHARE, null, null));
        for (int d = 0; d < axes.length; d++) {
            lambda.add(eigenvalues[axes[d]]);
            share.add(shares[d]);
        }
        table.row(lambda.toArray());
        table.row(share.toArray());
        return table;
    }

    private static Object[] row(String run, Long step, double progress, PictureFrame frame, int point, int[] axes) {
        List<Object> row = new ArrayList<>(Arrays.asList(run, step, progress));
        for (int a : axes) row.add(frame.coordinate(point, a));
        return row.toArray();
    }
}
