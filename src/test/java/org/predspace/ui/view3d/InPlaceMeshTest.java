package org.predspace.ui.view3d;

import javafx.collections.ArrayChangeListener;
import javafx.collections.ObservableArray;
import javafx.geometry.Point2D;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.Scene;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.TriangleMesh;
import javafx.scene.shape.VertexFormat;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.predspace.ui.charts.ColourPalette;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared marker mesh hands the renderer only what changed (Prism then patches those
 * vertices instead of rebuilding the mesh), and draws correctly when a grown mesh is patched
 * afterwards: JavaFX 21 throws on the render thread if a mesh that grew is patched, which is
 * why growth makes a new mesh.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class InPlaceMeshTest {
    private static final int SIZE = 400;
    private final ColourPalette palette = new ColourPalette(Color.WHITE);
    private MarkerMesh markers;
    private SubScene scene3d;

    @Start
    void start(Stage stage) {
        PhongMaterial material = new PhongMaterial(Color.WHITE);
        material.setDiffuseMap(palette.image());
        markers = new MarkerMesh(MarkerMesh.Shape.OCTAHEDRON, material, palette.texCoords());
        PerspectiveCamera camera = new PerspectiveCamera(true);
        camera.setNearClip(1);
        camera.setFarClip(5000);
        camera.setTranslateZ(-1000);
        scene3d = new SubScene(new Group(markers.view(), new AmbientLight(Color.WHITE)), SIZE, SIZE, true,
                SceneAntialiasing.DISABLED);
        scene3d.setFill(Color.WHITE);
        scene3d.setCamera(camera);
        stage.setScene(new Scene(new Group(scene3d), SIZE, SIZE));
        stage.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception { return WaitForAsyncUtils.asyncFx(c).get(); }

    /** Ranges [from, to) each change of {@code array} reported. */
    private static <T extends ObservableArray<T>> List<int[]> recordChanges(T array) {
        List<int[]> ranges = new ArrayList<>();
        array.addListener((ArrayChangeListener<T>) (a, sizeChanged, from, to) -> ranges.add(new int[]{from, to}));
        return ranges;
    }

    /** n markers on a line along x, all the first run hue. */
    private static float[] line(int n) {
        float[] c = new float[3 * n];
        for (int i = 0; i < n; i++) c[3 * i] = -150 + 300f * i / Math.max(1, n - 1);
        return c;
    }

    private void update(int n, float[] centres, int[] colours) throws Exception {
        fx(() -> {
            markers.update(n, centres, colours, 6);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aNewMarkerChangesOnlyItsOwnPointsAndTextureCoordinate() throws Exception {
        int[] colours = new int[6];
        Arrays.fill(colours, palette.categorical(0, false));
        float[] centres = line(6);
        update(5, centres, colours);
        TriangleMesh mesh = fx(() -> (TriangleMesh) markers.view().getMesh());
        assertEquals(VertexFormat.POINT_NORMAL_TEXCOORD, mesh.getVertexFormat(), "normals given: Prism can patch, not rebuild");
        List<int[]> points = fx(() -> recordChanges(mesh.getPoints()));
        List<int[]> uv = fx(() -> recordChanges(mesh.getTexCoords()));
        List<int[]> faces = fx(() -> recordChanges(mesh.getFaces()));

        update(6, centres, colours);   // within the capacity: the same mesh, patched
        assertSame(mesh, fx(() -> markers.view().getMesh()));
        int floatsPerMarker = 3 * MarkerMesh.Shape.OCTAHEDRON.corners.length;
        assertEquals(1, points.size());
        assertEquals(5 * floatsPerMarker, points.get(0)[0], "from the new marker's first point");
        assertEquals(6 * floatsPerMarker, points.get(0)[1], "to its last");
        assertEquals(List.of(10, 12), List.of(uv.get(0)[0], uv.get(0)[1]), "its own texture coordinate only");
        assertTrue(faces.isEmpty(), "faces are written only when the mesh grows");

        colours[2] = palette.categorical(3, false);   // recolour one marker
        points.clear();
        uv.clear();
        update(6, centres, colours);
        assertTrue(points.isEmpty(), "a colour change moves no point");
        assertEquals(List.of(4, 6), List.of(uv.get(0)[0], uv.get(0)[1]));
        int c = palette.categorical(3, false);
        float[] now = fx(() -> mesh.getTexCoords().toArray(null));
        assertEquals(palette.texCoords()[2 * c], now[4]);
        assertEquals(palette.texCoords()[2 * c + 1], now[5]);
    }

    @Test
    void aGrownMeshIsANewOneAndStillDrawsWhatIsPatchedAfterwards() throws Exception {
        int[] colours = new int[40];
        Arrays.fill(colours, palette.categorical(0, false));
        update(3, line(3), colours);
        TriangleMesh first = fx(() -> (TriangleMesh) markers.view().getMesh());
        fx(() -> scene3d.snapshot(null, null));   // drawn at the first capacity
        float[] nudged = line(3);
        nudged[1] = 20;
        update(3, nudged, colours);
        fx(() -> scene3d.snapshot(null, null));   // and patched once there
        update(40, line(40), colours);            // beyond the capacity
        TriangleMesh grown = fx(() -> (TriangleMesh) markers.view().getMesh());
        assertNotSame(first, grown);
        fx(() -> scene3d.snapshot(null, null));

        float[] moved = line(40);
        moved[3 * 39 + 1] = 150;                  // the last marker moves down: a patch of the grown mesh
        update(40, moved, colours);
        assertSame(grown, fx(() -> markers.view().getMesh()));
        WritableImage image = fx(() -> scene3d.snapshot(null, null));
        Color run = palette.colour(palette.categorical(0, false));
        int[] at = fx(() -> {
            Point2D p = markers.view().localToScreen(150, 150, 0);
            Point2D origin = scene3d.localToScreen(0, 0);
            return new int[]{(int) Math.round(p.getX() - origin.getX()), (int) Math.round(p.getY() - origin.getY())};
        });
        assertTrue(at[1] > SIZE / 2 + 20, "below the line of the others: " + Arrays.toString(at));
        assertTrue(hueNear(image.getPixelReader(), at[0], at[1], run), "the moved marker is drawn where it went");
    }

    /** Whether a pixel within 3 of (x, y) has the hue of {@code c}. */
    private static boolean hueNear(PixelReader r, int x, int y, Color c) {
        for (int dx = -3; dx <= 3; dx++) {
            for (int dy = -3; dy <= 3; dy++) {
                int px = x + dx, py = y + dy;
                if (px < 0 || py < 0 || px >= SIZE || py >= SIZE) continue;
                Color p = r.getColor(px, py);
                if (p.getSaturation() > 0.3 && Math.abs(p.getHue() - c.getHue()) < 20) return true;
            }
        }
        return false;
    }
}
