package org.predspace.ui.view3d;

import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;

/**
 * Line segments (trajectories, the geodesic) in one mesh: JavaFX 3D has no lines, so each
 * segment is two thin crossed quads, visible from every direction.
 */
final class RibbonMesh extends InPlaceMesh {
    /** Vertices 0-3 at the start (n1+, n1-, n2+, n2-), 4-7 at the end: quads (0,1,5,4) and (2,3,7,6). */
    private static final int[] CROSSED_QUADS = {0, 1, 5, 0, 5, 4, 2, 3, 7, 2, 7, 6};
    /** Each quad's own normal: the first lies in the plane of d and n1, so its normal is n2; the second's is n1. */
    private static final int[] QUAD_NORMALS = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};

    RibbonMesh(PhongMaterial material, float[] texCoords) {
        super(8, CROSSED_QUADS, QUAD_NORMALS, null, 2, material, texCoords, CullFace.NONE);
    }

    /**
     * @param n        segments
     * @param ends     x0 y0 z0 x1 y1 z1 per segment (scene units)
     * @param colours  palette index per segment, -1 hides it
     * @param width    ribbon width in scene units
     */
    void update(int n, float[] ends, int[] colours, float width) {
        begin(n);
        double h = width / 2.0;
        for (int s = 0; s < n; s++) {
            double ax = ends[6 * s], ay = ends[6 * s + 1], az = ends[6 * s + 2];
            double dx = ends[6 * s + 3] - ax, dy = ends[6 * s + 4] - ay, dz = ends[6 * s + 5] - az;
            double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (colours[s] < 0 || len == 0) {
                collapse(s);
                continue;
            }
            dx /= len;
            dy /= len;
            dz /= len;
            // n1 perpendicular to d (cross with the axis least aligned with d), n2 = d x n1
            double ux = Math.abs(dy) < 0.9 ? 0 : 1, uy = Math.abs(dy) < 0.9 ? 1 : 0;
            double n1x = -dz * uy, n1y = dz * ux, n1z = dx * uy - dy * ux;
            double l1 = Math.sqrt(n1x * n1x + n1y * n1y + n1z * n1z);
            n1x /= l1;
            n1y /= l1;
            n1z /= l1;
            double n2x = dy * n1z - dz * n1y, n2y = dz * n1x - dx * n1z, n2z = dx * n1y - dy * n1x;
            int m = normalOffset(s);
            put(normals, m, n2x, n2y, n2z);
            put(normals, m + 3, n1x, n1y, n1z);
            int k = vertexOffset(s);
            for (int end = 0; end < 2; end++) {
                double px = ends[6 * s + 3 * end], py = ends[6 * s + 3 * end + 1], pz = ends[6 * s + 3 * end + 2];
                k = put(points, k, px + h * n1x, py + h * n1y, pz + h * n1z);
                k = put(points, k, px - h * n1x, py - h * n1y, pz - h * n1z);
                k = put(points, k, px + h * n2x, py + h * n2y, pz + h * n2z);
                k = put(points, k, px - h * n2x, py - h * n2y, pz - h * n2z);
            }
        }
        finish(n, colours);
    }

    private static int put(float[] into, int k, double x, double y, double z) {
        into[k] = (float) x;
        into[k + 1] = (float) y;
        into[k + 2] = (float) z;
        return k + 3;
    }
}
