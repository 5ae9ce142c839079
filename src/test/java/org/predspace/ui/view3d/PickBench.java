package org.predspace.ui.view3d;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.predspace.data.DatasetCatalog;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.session.TestRuns;
import org.predspace.ui.ExplorerModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What picking costs per mouse move in the real view: a move over a still picture asks the
 * cached screen positions ({@link ScreenPoints}); a move after the camera turned projects every
 * drawn point again first. The peer is that projection on every move, which the cache saves.
 * Run by bench/pick-bench.sh under Xvfb. Arguments: runs, checkpoints per run (default 60 50).
 */
public final class PickBench extends Application {
    public static final class Launcher {
        public static void main(String[] args) { Application.launch(PickBench.class, args); }
    }

    static final int PROJECTIONS = 40;
    static final int QUERIES = 5000;

    @Override
    public void start(Stage stage) throws Exception {
        List<String> args = getParameters().getRaw();
        int runs = args.size() > 0 ? Integer.parseInt(args.get(0)) : 60;
        int checkpoints = args.size() > 1 ? Integer.parseInt(args.get(1)) : 50;
        Path dir = Files.createTempDirectory("pick-bench");
        ExplorerModel model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), dir.resolve("out"));
        PredictionView view = new PredictionView(model);
        stage.setScene(new Scene(view, 1000, 750));
        stage.show();
        List<Path> dirs = TestRuns.writeSynthetic(dir, runs, checkpoints);
        model.openRuns(dirs);
        int expected = 2 + runs * checkpoints;
        new AnimationTimer() {
            int settledFrames;

            @Override
            public void handle(long now) {
                PictureFrame f = view.drawnFrame();
                if (f == null || f.size() != expected || f.embedding().exactPoints() != expected || !view.isSettled()) return;
                if (++settledFrames < 10) return;
                stop();
                measure(view, expected);
                model.shutdown();
                Platform.exit();
            }
        }.start();
    }

    private static void measure(PredictionView view, int points) {
        Point2D origin = view.localToScene(0, 0);
        double w = view.getWidth(), h = view.getHeight();
        double[] project = new double[PROJECTIONS];
        for (int k = 0; k < PROJECTIONS; k++) {
            view.rotateBy(0.01);   // the camera moved: the next query projects again
            long t0 = System.nanoTime();
            view.screenPoints();
            project[k] = (System.nanoTime() - t0) / 1e3;
        }
        SplittableRandom random = new SplittableRandom(7);
        double[] query = new double[QUERIES];
        int hits = 0;
        for (int k = 0; k < QUERIES; k++) {
            double x = origin.getX() + random.nextDouble(w), y = origin.getY() + random.nextDouble(h);
            long t0 = System.nanoTime();
            if (view.pointAt(x, y) >= 0) hits++;
            query[k] = (System.nanoTime() - t0) / 1e3;
        }
        double p = median(project), q = median(query);
        System.out.printf(Locale.ROOT, "points=%d pickable=%d project_us=%.0f query_us=%.1f ratio_project_per_move/cached=%.0f hits=%d/%d%n",
                points, view.drawnMarkers(), p, q, (p + q) / q, hits, QUERIES);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
