package org.predspace.ui.view3d;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.PerspectiveCamera;
import javafx.scene.Scene;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Sphere;
import javafx.scene.transform.Rotate;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.predspace.ui.charts.ColourPalette;

/**
 * Frame time of the 3D view while rotating: PredSpace's shared marker mesh against the naive
 * scene (one Sphere node and one material per point, what FXyz3D's ScatterPlot builds), same
 * points, same window, same run. Run by bench/view-bench.sh under Xvfb with pulses uncapped
 * (-Djavafx.animation.fullspeed=true), so a frame's time is what rendering it costs.
 * Arguments: point counts, e.g. 10000 100000.
 */
public final class View3dBench extends Application {
    /** JavaFX from the class path needs a main class that is not an Application. */
    public static final class Launcher {
        public static void main(String[] args) { Application.launch(View3dBench.class, args); }
    }

    static final int WARMUP_FRAMES = 20;
    static final int FRAMES = 120;
    static final double MAX_SECONDS = 60;

    private final List<String> results = new ArrayList<>();

    @Override
    public void start(Stage stage) {
        List<Integer> counts = getParameters().getRaw().stream().map(Integer::parseInt).toList();
        stage.setScene(new Scene(new Group(), 1000, 750));
        stage.show();
        runNext(stage, counts, 0, true);
    }

    private void runNext(Stage stage, List<Integer> counts, int i, boolean mesh) {
        if (i == counts.size()) {
            results.forEach(System.out::println);
            Platform.exit();
            return;
        }
        int n = counts.get(i);
        Group world = mesh ? meshScene(n) : naiveScene(n);
        measure(stage, world, n, mesh ? "mesh" : "spheres", () -> {
            if (mesh) runNext(stage, counts, i, false);
            else runNext(stage, counts, i + 1, true);
        });
    }

    static float[] cloud(int n) {
        SplittableRandom r = new SplittableRandom(7);
        float[] c = new float[3 * n];
        for (int k = 0; k < c.length; k++) c[k] = (float) (r.nextGaussian() * 110);
        return c;
    }

    static Group meshScene(int n) {
        ColourPalette palette = new ColourPalette(Color.web("#FAFAFA"));
        PhongMaterial material = new PhongMaterial(Color.WHITE);
        material.setDiffuseMap(palette.image());
        MarkerMesh markers = new MarkerMesh(MarkerMesh.Shape.forCount(n), material, palette.texCoords());
        int[] colours = new int[n];
        for (int k = 0; k < n; k++) colours[k] = palette.categorical(k % 8, false);
        markers.update(n, cloud(n), colours, 2.5f);
        return new Group(markers.view());
    }

    static Group naiveScene(int n) {
        float[] c = cloud(n);
        Group g = new Group();
        for (int k = 0; k < n; k++) {
            Sphere s = new Sphere(2.5, 8);
            s.setMaterial(new PhongMaterial(ColourPalette.CATEGORICAL.get(k % 8)));
            s.setTranslateX(c[3 * k]);
            s.setTranslateY(c[3 * k + 1]);
            s.setTranslateZ(c[3 * k + 2]);
            g.getChildren().add(s);
        }
        return g;
    }

    private void measure(Stage stage, Group world, int n, String kind, Runnable next) {
        long built = System.nanoTime();
        Rotate spin = new Rotate(0, Rotate.Y_AXIS);
        world.getTransforms().add(spin);
        PerspectiveCamera camera = new PerspectiveCamera(true);
        camera.setFarClip(10_000);
        camera.setTranslateZ(-900);
        SubScene sub = new SubScene(new Group(world, new AmbientLight(Color.gray(0.8))), 1000, 750, true,
                Boolean.getBoolean("bench.aa") ? SceneAntialiasing.BALANCED : SceneAntialiasing.DISABLED);
        sub.setCamera(camera);
        sub.setFill(Color.web("#FAFAFA"));
        stage.getScene().setRoot(new Group(sub));
        long[] stamps = new long[WARMUP_FRAMES + FRAMES + 1];
        new AnimationTimer() {
            int frame;
            final long start = System.nanoTime();

            @Override
            public void handle(long now) {
                stamps[frame++] = System.nanoTime();
                spin.setAngle(spin.getAngle() + 1.5);
                boolean timeUp = (System.nanoTime() - start) / 1e9 > MAX_SECONDS;
                if (frame == stamps.length || timeUp) {
                    stop();
                    report(n, kind, stamps, frame, (stamps[0] - built) / 1e6);
                    Platform.runLater(next);
                }
            }
        }.start();
    }

    private void report(int n, String kind, long[] stamps, int frames, double firstFrameMs) {
        int from = Math.min(WARMUP_FRAMES, Math.max(1, frames / 4));
        double[] ms = new double[frames - from - 1];
        for (int k = 0; k < ms.length; k++) ms[k] = (stamps[from + k + 1] - stamps[from + k]) / 1e6;
        Arrays.sort(ms);
        double median = ms.length == 0 ? Double.NaN : ms[ms.length / 2];
        double p95 = ms.length == 0 ? Double.NaN : ms[(int) Math.min(ms.length - 1, Math.floor(0.95 * ms.length))];
        results.add(String.format(Locale.ROOT, "%s points=%d frames=%d median_ms=%.1f p95_ms=%.1f first_frame_ms=%.0f",
                kind, n, ms.length, median, p95, firstFrameMs));
    }
}
