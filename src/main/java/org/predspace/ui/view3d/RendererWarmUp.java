package org.predspace.ui.view3d;

import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.Scene;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.Material;
import javafx.scene.shape.CullFace;
import javafx.scene.shape.Cylinder;
import javafx.scene.shape.DrawMode;
import javafx.scene.shape.MeshView;
import javafx.scene.shape.Sphere;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.shape.VertexFormat;

/**
 * Draws, once and in no window, one small specimen of each kind of 3D content the view shows
 * only when a picture has points: a face in the palette material, the anchor spheres, the wire
 * selection sphere, an axis cylinder, under the view's two lights.
 *
 * <p>Why: a renderer pays extra for content it draws the first time (the palette texture's
 * upload, shader programs for each material and light set, sphere meshes). In an empty window
 * all of that fell on the frame the first checkpoints of a first training arrived: on Mesa's
 * software GL the palette upload alone took 60 ms of a frame already near 100 ms
 * (bench/stall-bench.sh, JFR). Drawn here, at start-up, the palette texture is cached on its
 * image and the sphere meshes on their size, so the view's own nodes find them ready.
 * JavaFX thread only.
 */
final class RendererWarmUp {
    static final int SIZE = 32;

    private RendererWarmUp() {}

    /**
     * Draws the specimens and returns what was drawn (tests look at it).
     *
     * @param palette     the view's palette material (a diffuse map)
     * @param texCoords   the palette's texture coordinates
     * @param plain       the anchors' and the selection's materials (plain colours)
     */
    static WritableImage draw(Material palette, float[] texCoords, Material... plain) {
        Group world = new Group();
        // the face fills the top half, the other specimens sit below it
        world.getChildren().add(paletteFace(palette, texCoords));
        for (int i = 0; i < plain.length; i++) {
            Sphere s = new Sphere(1, 24);
            s.setMaterial(plain[i]);
            s.setTranslateX(2.5 * (i - (plain.length - 1) / 2.0));
            s.setTranslateY(2.5);
            world.getChildren().add(s);
        }
        Sphere wire = new Sphere(1, 12);
        wire.setDrawMode(DrawMode.LINE);
        if (plain.length > 0) wire.setMaterial(plain[plain.length - 1]);
        wire.setTranslateY(4);
        wire.setTranslateX(-3.5);
        Cylinder axis = new Cylinder(0.3, 2, 6);
        if (plain.length > 0) axis.setMaterial(plain[0]);
        axis.setTranslateY(4);
        axis.setTranslateX(3.5);
        world.getChildren().addAll(wire, axis);

        PerspectiveCamera camera = new PerspectiveCamera(true);
        camera.setNearClip(0.1);
        camera.setFarClip(100);
        camera.setTranslateZ(-20);
        PointLight key = new PointLight(Color.gray(0.3));
        key.setTranslateZ(-20);
        SubScene sub = new SubScene(new Group(world, camera, key, new AmbientLight(Color.gray(0.8))), SIZE, SIZE, true,
                SceneAntialiasing.DISABLED);
        sub.setCamera(camera);
        Scene scene = new Scene(new Group(sub), SIZE, SIZE);
        return scene.snapshot(null);
    }

    /** One triangle in the palette's first colour (every corner takes entry 0). */
    private static MeshView paletteFace(Material palette, float[] texCoords) {
        TriangleMesh mesh = new TriangleMesh(VertexFormat.POINT_NORMAL_TEXCOORD);
        mesh.getPoints().addAll(-5, -5, 0, 5, -5, 0, 0, 1, 0);
        mesh.getNormals().addAll(0, 0, -1);
        mesh.getTexCoords().addAll(texCoords, 0, 2);
        mesh.getFaces().addAll(0, 0, 0, 1, 0, 0, 2, 0, 0);
        MeshView face = new MeshView(mesh);
        face.setCullFace(CullFace.NONE);   // whichever way it winds, it is drawn
        face.setMaterial(palette);
        return face;
    }
}
