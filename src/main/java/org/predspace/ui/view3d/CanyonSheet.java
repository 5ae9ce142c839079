package org.predspace.ui.view3d;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.Sphere;
import javafx.scene.shape.TriangleMesh;

/**
 * The canyon drawn in the 3D picture (docs/science.md §8): a plane's models as a translucent
 * triangle mesh through their placed points, each vertex coloured by its model's loss on a log
 * scale ({@link CanyonColours}); a line's models as a thick loss-coloured curve; the marked
 * model as a larger sphere in the theme's strongest contrast. Scene units come from the view's
 * {@link SceneScale}, so the sheet moves and zooms with the checkpoints.
 */
final class CanyonSheet {
    /** A line is drawn this many times as wide as a trajectory: it is the subject here. */
    static final double CURVE_WIDTH = 3.0;
    static final double MARK_SCALE = 2.4;

    private final CanyonColours colours;
    private final PhongMaterial material = new PhongMaterial(Color.WHITE);
    private final MeshView sheet = new MeshView();
    private final RibbonMesh curve;
    private final Sphere mark = new Sphere(1, 20);
    private final Group node;
    /** Vertices of the last sheet or curve drawn, scene units (tests, the far clip). */
    private float[] vertices = new float[0];
    private int rows, columns;
    private double reach;
    private CanyonColours.LogScale scale = new CanyonColours.LogScale(Double.NaN, Double.NaN);

    CanyonSheet(CanyonColours colours) {
        this.colours = colours;
        material.setDiffuseMap(colours.image());
        material.setSpecularColor(Color.gray(0.15));
        sheet.setMaterial(material);
        sheet.setCullFace(CullFace.NONE);   // seen from above and below
        curve = new RibbonMesh(material, colours.texCoords());
        node = new Group(curve.view(), mark, sheet);   // the translucent sheet last, over what it covers
        node.setMouseTransparent(true);
        node.setId("canyon");
        hide();
    }

    Node node() { return node; }

    void setMarkColour(Color c) { mark.setMaterial(new PhongMaterial(c)); }

    /**
     * Draws the models at {@code coordinates} ([model][axis], row by row) on drawn axes
     * {@code ax}, coloured by {@code loss}; marks model {@code marked} (-1: none).
     */
    void draw(double[][] coordinates, int rows, int columns, double[] loss, int marked, int[] ax, SceneScale s, double size) {
        this.rows = rows;
        this.columns = columns;
        scale = CanyonColours.LogScale.of(loss);
        int n = rows * columns;
        vertices = new float[3 * n];
        reach = 0;
        for (int k = 0; k < n; k++) {
            vertices[3 * k] = (float) s.toScene(coordinates[k][ax[0]], 0);
            vertices[3 * k + 1] = (float) -s.toScene(coordinates[k][ax[1]], 1);   // JavaFX y points down
            vertices[3 * k + 2] = (float) s.toScene(coordinates[k][ax[2]], 2);
            reach = Math.max(reach, Math.abs(vertices[3 * k]) + Math.abs(vertices[3 * k + 1]) + Math.abs(vertices[3 * k + 2]));
        }
        int[] step = new int[n];
        for (int k = 0; k < n; k++) step[k] = scale.step(loss[k]);
        if (rows == 1) drawCurve(n, step, size);
        else drawSheet(step);
        mark.setVisible(marked >= 0 && marked < n);
        if (mark.isVisible()) {
            mark.setRadius(PredictionView.MARKER * MARK_SCALE * size);
            mark.setTranslateX(vertices[3 * marked]);
            mark.setTranslateY(vertices[3 * marked + 1]);
            mark.setTranslateZ(vertices[3 * marked + 2]);
        }
        node.setVisible(true);
    }

    private void drawSheet(int[] step) {
        curve.update(0, new float[0], new int[0], 0);
        TriangleMesh mesh = new TriangleMesh();
        mesh.getPoints().setAll(vertices);
        mesh.getTexCoords().setAll(colours.texCoords());
        int[] faces = new int[(rows - 1) * (columns - 1) * 12];
        int f = 0;
        for (int i = 0; i + 1 < rows; i++) {
            for (int j = 0; j + 1 < columns; j++) {
                int a = i * columns + j, b = a + 1, c = a + columns, d = c + 1;
                for (int v : new int[] {a, c, d, a, d, b}) {
                    faces[f++] = v;
                    faces[f++] = step[v];   // the vertex's colour: its own texture coordinate
                }
            }
        }
        mesh.getFaces().setAll(faces);
        sheet.setMesh(mesh);
        sheet.setVisible(true);
    }

    private void drawCurve(int n, int[] step, double size) {
        sheet.setVisible(false);
        int segments = Math.max(0, n - 1);
        float[] ends = new float[6 * segments];
        int[] segmentColours = new int[segments];
        for (int k = 0; k < segments; k++) {
            System.arraycopy(vertices, 3 * k, ends, 6 * k, 6);
            segmentColours[k] = (step[k] + step[k + 1]) / 2;
        }
        curve.update(segments, ends, segmentColours, (float) (CURVE_WIDTH * PredictionView.RIBBON * Math.sqrt(size)));
    }

    void hide() {
        node.setVisible(false);
        vertices = new float[0];
        reach = 0;
    }

    boolean isShown() { return node.isVisible(); }

    /** Farthest |x| + |y| + |z| of a drawn model, scene units (the camera's far clip must reach it). */
    double reach() { return reach; }

    /** The loss range the colours span (the legend's ends). */
    CanyonColours.LogScale lossScale() { return scale; }

    /** Scene position of model (row, column) as last drawn, or null. */
    double[] vertex(int row, int column) {
        int k = row * columns + column;
        if (!isShown() || row >= rows || column >= columns || 3 * k + 2 >= vertices.length) return null;
        return new double[] {vertices[3 * k], vertices[3 * k + 1], vertices[3 * k + 2]};
    }

    /** Whether the marked model's sphere is drawn (tests). */
    boolean markShown() { return isShown() && mark.isVisible(); }

    Node markNode() { return mark; }
}
