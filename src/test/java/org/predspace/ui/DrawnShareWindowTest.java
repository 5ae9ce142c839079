package org.predspace.ui;

import com.fasterxml.jackson.databind.JsonNode;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.bench.NpyFiles;
import org.predspace.bench.NumpyReference;
import org.predspace.runs.Run;
import org.predspace.session.PictureFrame;
import org.predspace.session.PointInfo;
import org.predspace.session.TestRuns;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The axis labels and the status bar of the real window state the stress of exactly the axes
 * drawn, also when the user draws other axes than the first three: checked against numpy's
 * eigenvalues and ||W||_F^2 (bench/inpca_reference.py) of the same points, with the stress of a
 * set of axes written out here, S(A) = 1 - sqrt(1 - sum_{a in A} lambda_a^2 / ||W||_F^2).
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class DrawnShareWindowTest {
    @TempDir
    static Path tmp;
    private TestWindow w;

    @Start
    void start(Stage stage) {
        w = TestWindow.show(stage, tmp);
    }

    @AfterEach
    void stop() { w.model().shutdown(); }

    @Test
    void labelsAndStatusBarShowTheStressOfTheDrawnAxes(FxRobot robot) throws Exception {
        Optional<String> python = NumpyReference.findPython();
        assumeTrue(python.isPresent(), "python3 with numpy not found");
        List<Path> dirs = TestRuns.writeSynthetic(tmp.resolve("runs"), 4, 10);
        Platform.runLater(() -> w.model().openRuns(dirs));
        PictureFrame frame = TestWindow.waitForDrawn(w.window(), 2 + 40);

        JsonNode ref = NumpyReference.run(python.get(), probabilitiesOf(frame, dirs), "--axes", "10", "--no-coordinates");
        double[] lambda = NumpyReference.doubles(ref.get("eigenvalues"));
        double frobenius = ref.get("frobenius_squared").asDouble();

        for (int[] axes : new int[][] {{0, 1, 2}, {1, 2, 3}, {3, 0, 2}}) {
            TreeSet<Integer> drawn = new TreeSet<>();
            for (int a : axes) drawn.add(a);
            String together = percent(stress(lambda, frobenius, drawn));
            String numbers = drawn.stream().map(a -> String.valueOf(a + 1)).collect(Collectors.joining(", "));
            String said = "drawn axes " + numbers + " explain " + together + " of the stress";
            Platform.runLater(() -> w.model().setAxes(axes));
            // the view redraws at the next pulse, the status bar every 500 ms
            try {
                WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> status(robot).contains(said)).get());
            } catch (TimeoutException e) {
                fail("the status bar never said '" + said + "': " + status(robot));
            }
            WaitForAsyncUtils.waitForFxEvents(5);

            // the 3D view's own labels: the charts' axis titles share the style class
            Set<String> labels = robot.from(w.window().view()).lookup(".axis-label").queryAllAs(Label.class).stream()
                    .map(Label::getText).collect(Collectors.toCollection(TreeSet::new));
            Set<String> expected = new TreeSet<>();
            for (int a : axes) {
                // what axis a adds to the drawn axes of larger |lambda|
                Set<Integer> before = new TreeSet<>(drawn.headSet(a));
                Set<Integer> with = new TreeSet<>(before);
                with.add(a);
                double share = stress(lambda, frobenius, with) - stress(lambda, frobenius, before);
                expected.add("axis " + (a + 1) + " · " + percent(share) + (lambda[a] < 0 ? " · time-like" : ""));
            }
            assertEquals(expected, labels, "axes " + numbers);
            if (axes[0] == 1) {
                // the labels once said S_k - S_k-1 whatever was drawn: for axis 2 without axis 1 that is another number
                double old = stress(lambda, frobenius, Set.of(0, 1)) - stress(lambda, frobenius, Set.of(0));
                assertEquals(false, labels.contains("axis 2 · " + percent(old)), "the data cannot tell the two apart: " + labels);
                assertNotEquals(percent(stress(lambda, frobenius, Set.of(0, 1, 2))), together);
            }
        }
    }

    /** The frame's points in its order, as numpy reads them: (m, N, C) float32. */
    private static String status(FxRobot robot) {
        return robot.lookup(".task-status-bar").queryAs(StatusBar.class).getText();
    }

    private static Path probabilitiesOf(PictureFrame frame, List<Path> dirs) throws Exception {
        Map<String, Run> runs = new HashMap<>();
        for (Path d : dirs) runs.put(d.getFileName().toString(), Run.open(d));
        int n = TestRuns.N, c = TestRuns.C;
        Path file = tmp.resolve("picture.npy");
        try (NpyFiles.FloatWriter out = new NpyFiles.FloatWriter(file, frame.size(), n, c)) {
            for (int i = 0; i < frame.size(); i++) {
                PointInfo p = frame.point(i);
                float[] probs = new float[n * c];
                if (p.isAnchor() && p.checkpoint() == -1) {
                    Arrays.fill(probs, 1f / c);
                } else if (p.isAnchor()) {
                    int[] labels = TestRuns.labels();
                    for (int s = 0; s < n; s++) probs[s * c + labels[s]] = 1;
                } else {
                    probs = runs.get(p.run()).predictions(p.checkpoint());
                }
                out.write(probs);
            }
        }
        return file;
    }

    private static double stress(double[] lambda, double frobenius, Set<Integer> axes) {
        double explained = 0;
        for (int a : axes) explained += lambda[a] * lambda[a];
        return 1 - Math.sqrt(1 - explained / frobenius);
    }

    private static String percent(double share) {
        double p = 100 * Math.abs(share);
        return String.format(Locale.ROOT, p < 9.95 ? "%.1f%%" : "%.0f%%", p);
    }
}
