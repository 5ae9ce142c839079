package org.predspace.ui.compare;

import org.predspace.geometry.trajectory.Dendrogram;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a dendrogram's branches go, in abstract units: a leaf sits in slot {@code i} when it is
 * the i-th of {@link Dendrogram#leafOrder()} (so slots match the heatmap rows), at height 0;
 * each merge joins its two children at its height, drawn as two horizontal arms and one
 * vertical bar (the usual "U" on its side). A view maps heights to x and slots to y.
 *
 * <p>Runs with no progress in common are infinitely far apart; their merges are drawn at
 * {@link #top()}, a little above the highest finite merge, and {@link #hasInfinite()} says so.
 */
final class DendrogramLayout {
    /** A straight line from (height1, slot1) to (height2, slot2). */
    record Segment(double height1, double slot1, double height2, double slot2) {}

    /** Headroom above the highest finite merge where infinite merges are drawn. */
    static final double INFINITE_HEADROOM = 1.15;

    private final int[] leafOrder;
    private final int[] slotOfLeaf;
    private final List<Segment> segments;
    private final double top;
    private final boolean hasInfinite;

    private DendrogramLayout(int[] leafOrder, int[] slotOfLeaf, List<Segment> segments, double top, boolean hasInfinite) {
        this.leafOrder = leafOrder;
        this.slotOfLeaf = slotOfLeaf;
        this.segments = segments;
        this.top = top;
        this.hasInfinite = hasInfinite;
    }

    static DendrogramLayout of(Dendrogram d) {
        int n = d.labels().size();
        int[] order = d.leafOrder();
        int[] slotOf = new int[n];
        for (int slot = 0; slot < order.length; slot++) slotOf[order[slot]] = slot;
        double highest = 0;
        boolean infinite = false;
        for (Dendrogram.Merge m : d.merges()) {
            if (Double.isFinite(m.height())) highest = Math.max(highest, m.height());
            else infinite = true;
        }
        double finiteTop = highest > 0 ? highest : 1;
        double top = infinite ? finiteTop * INFINITE_HEADROOM : finiteTop;
        // Node positions by scipy's cluster number: leaves 0..n-1, merge i is n + i.
        double[] nodeHeight = new double[n + d.merges().size()];
        double[] nodeSlot = new double[nodeHeight.length];
        for (int leaf = 0; leaf < n; leaf++) nodeSlot[leaf] = slotOf[leaf];
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < d.merges().size(); i++) {
            Dendrogram.Merge m = d.merges().get(i);
            double h = Double.isFinite(m.height()) ? m.height() : top;
            double leftSlot = nodeSlot[m.left()];
            double rightSlot = nodeSlot[m.right()];
            segments.add(new Segment(nodeHeight[m.left()], leftSlot, h, leftSlot));
            segments.add(new Segment(nodeHeight[m.right()], rightSlot, h, rightSlot));
            segments.add(new Segment(h, leftSlot, h, rightSlot));
            nodeHeight[n + i] = h;
            nodeSlot[n + i] = (leftSlot + rightSlot) / 2;
        }
        return new DendrogramLayout(order, slotOf, List.copyOf(segments), top, infinite);
    }

    int leaves() { return leafOrder.length; }

    /** The leaf (index into the dendrogram's labels) drawn in {@code slot}. */
    int leafAt(int slot) { return leafOrder[slot]; }

    int slotOf(int leaf) { return slotOfLeaf[leaf]; }

    List<Segment> segments() { return segments; }

    /** The height the root is drawn at: the axis runs from 0 (leaves) to here. */
    double top() { return top; }

    boolean hasInfinite() { return hasInfinite; }
}
