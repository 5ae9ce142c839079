package org.predspace.ui.view3d;

import javafx.scene.paint.PhongMaterial;

/** All checkpoint markers of the picture: a small octahedron per point, in one mesh. */
final class MarkerMesh extends InPlaceMesh {
    /** Octahedron faces; vertices 0..5 are +x -x +y -y +z -z. */
    private static final int[] OCTAHEDRON = {
        0, 2, 4, 2, 1, 4, 1, 3, 4, 3, 0, 4, 2, 0, 5, 1, 2, 5, 3, 1, 5, 0, 3, 5
    };

    MarkerMesh(PhongMaterial material, float[] texCoords) {
        super(6, OCTAHEDRON, material, texCoords);
    }

    /**
     * @param n       markers to draw
     * @param centres x, y, z per marker (scene units)
     * @param colours palette index per marker, or -1 to hide it
     * @param radius  marker size in scene units
     */
    void update(int n, float[] centres, int[] colours, float radius) {
        begin(n);
        for (int i = 0; i < n; i++) {
            if (colours[i] < 0) {
                collapse(i);
                continue;
            }
            int o = vertexOffset(i);
            float x = centres[3 * i], y = centres[3 * i + 1], z = centres[3 * i + 2];
            o = put(o, x + radius, y, z);
            o = put(o, x - radius, y, z);
            o = put(o, x, y + radius, z);
            o = put(o, x, y - radius, z);
            o = put(o, x, y, z + radius);
            put(o, x, y, z - radius);
        }
        finish(n, colours);
    }

    private int put(int o, float x, float y, float z) {
        points[o] = x;
        points[o + 1] = y;
        points[o + 2] = z;
        return o + 3;
    }
}
