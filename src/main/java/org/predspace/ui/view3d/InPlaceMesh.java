package org.predspace.ui.view3d;

import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;

import java.util.Arrays;

/**
 * Many small identical shapes (markers, segments) in one {@link TriangleMesh}: one node and one
 * material however many there are, coloured by texture index into a {@link ColourPalette}.
 * Updates write the arrays in place and grow them geometrically, so the scene graph does not
 * change while training adds points (STACK.md: rebuilding a 100k-point mesh is the cost to
 * avoid). Item i owns vertices [i V, (i+1) V) and faces [i F, (i+1) F); a hidden item collapses
 * to zero-area faces, which are neither drawn nor picked.
 */
abstract class InPlaceMesh {
    private final int verticesPer;
    private final int[] pattern;
    private final TriangleMesh mesh = new TriangleMesh();
    private final MeshView view = new MeshView(mesh);
    protected float[] points = new float[0];
    private int[] faces = new int[0];
    private int[] shownColours = new int[0];
    private int count;
    private boolean grew;

    /** @param pattern vertex triples of one item's faces, relative to its first vertex */
    InPlaceMesh(int verticesPer, int[] pattern, PhongMaterial material, float[] texCoords) {
        this(verticesPer, pattern, material, texCoords, CullFace.NONE);
    }

    /** @param cull BACK for closed shapes (halves what is rasterised), NONE for open ones (ribbons) */
    InPlaceMesh(int verticesPer, int[] pattern, PhongMaterial material, float[] texCoords, CullFace cull) {
        this.verticesPer = verticesPer;
        this.pattern = pattern.clone();
        view.setMaterial(material);
        view.setCullFace(cull);
        mesh.getTexCoords().setAll(texCoords);
    }

    MeshView view() { return view; }

    int count() { return count; }

    int facesPerItem() { return pattern.length / 3; }

    /** The item a picked face belongs to, or -1. */
    int itemOfFace(int face) { return face < 0 ? -1 : face / facesPerItem(); }

    /** Makes room for n items; subclasses then write {@link #points} for items 0..n-1. */
    protected void begin(int n) {
        int capacity = shownColours.length;
        grew = n > capacity;
        if (!grew) return;
        int grown = Math.max(n, capacity + capacity / 2 + 16);
        points = Arrays.copyOf(points, grown * verticesPer * 3);
        faces = Arrays.copyOf(faces, grown * pattern.length * 2);
        shownColours = Arrays.copyOf(shownColours, grown);
        for (int i = capacity; i < grown; i++) writeFaces(i, 0);
    }

    /** Collapses item i (hidden). */
    protected void collapse(int i) {
        Arrays.fill(points, i * verticesPer * 3, (i + 1) * verticesPer * 3, 0f);
    }

    protected int vertexOffset(int i) { return i * verticesPer * 3; }

    /** Hides items n..count-1, applies colour changes, and hands the arrays to the mesh. */
    protected void finish(int n, int[] colours) {
        for (int i = n; i < count; i++) collapse(i);
        boolean recoloured = grew;
        for (int i = 0; i < n; i++) {
            int c = Math.max(0, colours[i]);
            if (i >= count || shownColours[i] != c) {
                writeFaces(i, c);
                shownColours[i] = c;
                recoloured = true;
            }
        }
        count = n;
        if (grew) {
            mesh.getPoints().setAll(points);
            mesh.getFaces().setAll(faces);
        } else {
            mesh.getPoints().set(0, points, 0, points.length);
            if (recoloured) mesh.getFaces().set(0, faces, 0, faces.length);
        }
    }

    private void writeFaces(int item, int colour) {
        int base = item * verticesPer;
        int o = item * pattern.length * 2;
        for (int v : pattern) {
            faces[o++] = base + v;
            faces[o++] = colour;
        }
    }
}
