package org.predspace.ui.view3d;

/**
 * The drawn points as they lie on the screen, and which one a pointer position means. A
 * marker is a few pixels wide, so hover and click take the point whose centre is nearest the
 * pointer within a pick radius instead of needing to hit its faces. Where markers overlap on
 * screen (centres within {@code tie} pixels of the nearest distance) the one nearest the
 * camera wins: it is the one drawn on top. Positions are set once per change of camera or
 * frame; a query is one pass over the points, a few microseconds for thousands.
 */
final class ScreenPoints {
    private float[] xy = new float[0];
    private float[] depth = new float[0];
    private int n;

    /**
     * @param count how many points
     * @param xy    x, y per point in screen pixels; NaN for a point that cannot be picked
     *              (not drawn, or not in view)
     * @param depth distance from the camera per point (only compared between points)
     */
    void set(int count, float[] xy, float[] depth) {
        if (this.xy.length < 2 * count) this.xy = new float[2 * count];
        if (this.depth.length < count) this.depth = new float[count];
        System.arraycopy(xy, 0, this.xy, 0, 2 * count);
        System.arraycopy(depth, 0, this.depth, 0, count);
        n = count;
    }

    /** No point can be picked. */
    void clear() { n = 0; }

    int size() { return n; }

    /**
     * The point meant by the pointer at (x, y): the one whose centre is nearest, if within
     * {@code radius} pixels, the nearest to the camera among those within {@code tie} pixels of
     * that distance; -1 when none is within {@code radius}.
     */
    int nearest(double x, double y, double radius, double tie) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double d = distance(i, x, y);
            if (d < best) best = d;   // NaN (unpickable) never compares smaller
        }
        if (!(best <= radius)) return -1;
        double reach = Math.min(radius, best + tie);
        int pick = -1;
        for (int i = 0; i < n; i++) {
            if (distance(i, x, y) <= reach && (pick < 0 || depth[i] < depth[pick])) pick = i;
        }
        return pick;
    }

    private double distance(int i, double x, double y) {
        double dx = xy[2 * i] - x, dy = xy[2 * i + 1] - y;
        return Math.sqrt(dx * dx + dy * dy);
    }
}
