package org.predspace.ui.view3d;

import javafx.collections.ObservableFloatArray;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.shape.VertexFormat;

import java.util.Arrays;
import org.predspace.ui.charts.ColourPalette;

/**
 * Many small identical shapes (markers, segments) in one {@link TriangleMesh}: one node and one
 * material however many there are, coloured through a {@link ColourPalette} texture. Item i
 * owns vertices [i V, (i+1) V), faces [i F, (i+1) F) and texture coordinate i; a hidden item
 * collapses to zero-area faces, which are neither drawn nor picked.
 *
 * <p>Why this layout: Prism turns a mesh into a vertex buffer on the render thread. For a mesh
 * without normals it does so from scratch on every change, welding vertices and deriving
 * tangent frames (bench/stall-bench.sh with a JFR profile: half the render thread's Java time
 * while two runs trained, and the largest part of the late frames). With explicit normals and
 * faces that never change it patches only the vertices in the changed ranges. So normals are
 * given (a marker's are shared by all markers), a colour lives in the item's own texture
 * coordinate rather than in the faces, the faces are written only when capacity grows
 * (geometrically), and each update hands over only the ranges that differ from what was sent.
 */
abstract class InPlaceMesh {
    private final int verticesPer;
    private final int[] pattern;
    private final int[] normalSlots;
    private final int normalsPer;
    private final float[] paletteUv;
    private final float[] sharedNormals;
    private TriangleMesh mesh = new TriangleMesh(VertexFormat.POINT_NORMAL_TEXCOORD);
    private final MeshView view = new MeshView(mesh);
    protected float[] points = new float[0];
    /** Per-item normals (3 floats each, {@link #normalOffset}); unused when normals are shared. */
    protected float[] normals = new float[0];
    private float[] sentPoints = new float[0];
    private float[] sentNormals = new float[0];
    private float[] uv = new float[0];
    private int[] shownColours = new int[0];
    private int count;
    private boolean grew;

    /**
     * @param pattern     vertex of each face corner, relative to the item's first vertex
     * @param normalSlots normal of each face corner: an index into {@code shared}, or with
     *                    {@code shared == null} a slot among the item's {@code normalsPer} own normals
     * @param shared      normals common to every item (x, y, z each), or null for per-item normals
     * @param paletteUv   u, v per palette entry ({@link ColourPalette#texCoords()})
     * @param cull        BACK for closed shapes (halves what is rasterised), NONE for open ones
     */
    InPlaceMesh(int verticesPer, int[] pattern, int[] normalSlots, float[] shared, int normalsPer,
                PhongMaterial material, float[] paletteUv, CullFace cull) {
        if (normalSlots.length != pattern.length) throw new IllegalArgumentException("one normal per face corner");
        this.verticesPer = verticesPer;
        this.pattern = pattern.clone();
        this.normalSlots = normalSlots.clone();
        this.normalsPer = shared == null ? normalsPer : 0;
        this.paletteUv = paletteUv.clone();
        this.sharedNormals = shared == null ? null : shared.clone();
        view.setMaterial(material);
        view.setCullFace(cull);
    }

    MeshView view() { return view; }

    int count() { return count; }

    int facesPerItem() { return pattern.length / 3; }

    /** Makes room for n items; subclasses then write {@link #points} (and own normals) for items 0..n-1. */
    protected void begin(int n) {
        int capacity = shownColours.length;
        grew = n > capacity;
        if (!grew) return;
        int grown = Math.max(n, capacity + capacity / 2 + 16);
        points = Arrays.copyOf(points, grown * verticesPer * 3);
        normals = Arrays.copyOf(normals, grown * normalsPer * 3);
        uv = Arrays.copyOf(uv, grown * 2);
        shownColours = Arrays.copyOf(shownColours, grown);
        Arrays.fill(shownColours, capacity, grown, -1);
    }

    /** Collapses item i (hidden). */
    protected void collapse(int i) {
        Arrays.fill(points, i * verticesPer * 3, (i + 1) * verticesPer * 3, 0f);
    }

    protected int vertexOffset(int i) { return i * verticesPer * 3; }

    protected int normalOffset(int i) { return i * normalsPer * 3; }

    /** Hides items n..count-1, applies colour changes, and hands what changed to the mesh. */
    protected void finish(int n, int[] colours) {
        for (int i = n; i < count; i++) collapse(i);
        int uvFrom = Integer.MAX_VALUE, uvTo = -1;
        for (int i = 0; i < n; i++) {
            int c = Math.max(0, colours[i]);
            if (shownColours[i] == c) continue;
            shownColours[i] = c;
            uv[2 * i] = paletteUv[2 * c];
            uv[2 * i + 1] = paletteUv[2 * c + 1];
            uvFrom = Math.min(uvFrom, 2 * i);
            uvTo = 2 * i + 2;
        }
        count = n;
        if (grew) {
            // a new mesh, not new arrays in the old one: Prism sizes its table of dirty vertices
            // at a mesh's first partial update and never again (JavaFX 21), so a grown mesh that
            // is then patched throws ArrayIndexOutOfBoundsException on the render thread
            mesh = new TriangleMesh(VertexFormat.POINT_NORMAL_TEXCOORD);
            mesh.getNormals().setAll(sharedNormals != null ? sharedNormals : normals);
            mesh.getPoints().setAll(points);
            mesh.getTexCoords().setAll(uv);
            mesh.getFaces().setAll(faces(shownColours.length));
            view.setMesh(mesh);
            sentPoints = points.clone();
            sentNormals = normals.clone();
            return;
        }
        sendChanges(mesh.getPoints(), points, sentPoints, 3);
        if (normalsPer > 0) sendChanges(mesh.getNormals(), normals, sentNormals, 3);
        if (uvTo > 0) mesh.getTexCoords().set(uvFrom, uv, uvFrom, uvTo - uvFrom);
    }

    /**
     * Passes on the one range of whole tuples (points, normals: 3 floats) that spans every value
     * differing from what the mesh holds; Prism reads a range as tuples from its first whole one.
     */
    private static void sendChanges(ObservableFloatArray target, float[] now, float[] sent, int tuple) {
        int from = 0, to = now.length;
        while (from < to && Float.floatToRawIntBits(now[from]) == Float.floatToRawIntBits(sent[from])) from++;
        while (to > from && Float.floatToRawIntBits(now[to - 1]) == Float.floatToRawIntBits(sent[to - 1])) to--;
        if (from == to) return;
        from -= from % tuple;
        to += (tuple - to % tuple) % tuple;
        System.arraycopy(now, from, sent, from, to - from);
        target.set(from, now, from, to - from);
    }

    /** Point, normal and texture index per face corner, for every item of the capacity. */
    private int[] faces(int capacity) {
        int[] f = new int[capacity * pattern.length * 3];
        int o = 0;
        for (int item = 0; item < capacity; item++) {
            for (int k = 0; k < pattern.length; k++) {
                f[o++] = item * verticesPer + pattern[k];
                f[o++] = normalsPer == 0 ? normalSlots[k] : item * normalsPer + normalSlots[k];
                f[o++] = item;
            }
        }
        return f;
    }
}
