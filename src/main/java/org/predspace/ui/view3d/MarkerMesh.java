package org.predspace.ui.view3d;

import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;

/**
 * All checkpoint markers of the picture in one mesh. Small pictures get octahedra (8 faces,
 * round enough to read as dots); large ones tetrahedra (4 faces), since software rendering
 * cost follows the triangle count (bench/view-bench.sh).
 */
final class MarkerMesh extends InPlaceMesh {
    /** Above this many points the view switches to tetrahedra. */
    static final int TETRAHEDRA_ABOVE = 20_000;

    enum Shape {
        /** Vertices +x -x +y -y +z -z. */
        OCTAHEDRON(new double[][]{{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}},
                new int[]{0, 2, 4, 2, 1, 4, 1, 3, 4, 3, 0, 4, 2, 0, 5, 1, 2, 5, 3, 1, 5, 0, 3, 5}),
        /** Alternate corners of a cube, scaled to the octahedron's reach. */
        TETRAHEDRON(new double[][]{{0.8, 0.8, 0.8}, {0.8, -0.8, -0.8}, {-0.8, 0.8, -0.8}, {-0.8, -0.8, 0.8}},
                new int[]{0, 1, 2, 0, 3, 1, 0, 2, 3, 1, 3, 2});

        final double[][] corners;
        final int[] faces;

        Shape(double[][] corners, int[] faces) {
            this.corners = corners;
            this.faces = faces;
        }

        static Shape forCount(int points) { return points > TETRAHEDRA_ABOVE ? TETRAHEDRON : OCTAHEDRON; }

        /** One normal per corner, pointing out through it: the shape shades like a small sphere. */
        float[] normals() {
            float[] n = new float[3 * corners.length];
            for (int v = 0; v < corners.length; v++) {
                double[] c = corners[v];
                double len = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
                for (int a = 0; a < 3; a++) n[3 * v + a] = (float) (c[a] / len);
            }
            return n;
        }
    }

    private final Shape shape;

    MarkerMesh(Shape shape, PhongMaterial material, float[] texCoords) {
        // closed shapes: culling hides the far half; whichever half the winding makes "back",
        // a marker this small looks the same
        super(shape.corners.length, shape.faces, shape.faces, shape.normals(), 0, material, texCoords,
                CullFace.BACK);
        this.shape = shape;
    }

    Shape shape() { return shape; }

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
            for (double[] c : shape.corners) {
                points[o++] = (float) (centres[3 * i] + radius * c[0]);
                points[o++] = (float) (centres[3 * i + 1] + radius * c[1]);
                points[o++] = (float) (centres[3 * i + 2] + radius * c[2]);
            }
        }
        finish(n, colours);
    }
}
