package org.predspace.ui;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import org.predspace.data.DatasetCatalog;
import org.predspace.runs.Checkpoint;
import org.predspace.runs.CheckpointMetrics;
import org.predspace.runs.ProbeInfo;
import org.predspace.runs.Run;
import org.predspace.runs.RunStatus;
import org.predspace.runs.RunWriter;
import org.predspace.session.ExplorerSession;
import org.predspace.session.TestRuns;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A model with opened runs for panel tests, and snapshots to look at. */
public final class PanelFixtures {
    private PanelFixtures() {}

    public static ExplorerModel model(Path dir) {
        return new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), dir.resolve("trained"));
    }

    /** Opens the folders through the model and waits until every checkpoint of each has arrived. */
    public static void openAndWait(ExplorerModel model, List<Path> dirs) throws Exception {
        Map<String, Integer> expected = new HashMap<>();
        for (Path d : dirs) {
            Run run = Run.open(d);
            expected.put(run.name(), run.steps().length);
        }
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(dirs)).get();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> expected.entrySet().stream()
                .allMatch(e -> model.run(e.getKey()) != null
                        && model.run(e.getKey()).state().metrics().size() == e.getValue())).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * A synthetic run whose held-out metrics were measured only at even checkpoints and whose
     * training loss is missing at checkpoint 2 (NaN, as a tool that skipped them writes).
     */
    public static Path writeWithGaps(Path parent, String name, int checkpoints) throws IOException {
        Path dir = parent.resolve(name);
        int[] labels = TestRuns.labels();
        Map<String, Object> spec = Map.of("dataset", "synthetic", "architecture", "mlp", "optimizer", "adam",
                "learning_rate", 0.00025, "batch_size", 64, "seed", 7);
        try (RunWriter w = RunWriter.create(dir, name, TestRuns.C, new ProbeInfo(TestRuns.PROBE, TestRuns.N, "train"),
                spec, labels, labels)) {
            for (int k = 0; k < checkpoints; k++) {
                double t = k / (double) (checkpoints - 1);
                boolean measured = k % 2 == 0;
                CheckpointMetrics m = new CheckpointMetrics(5L * k * k, k, k == 2 ? Double.NaN : 1 - 0.8 * t, t,
                        measured ? 1.2 - 0.7 * t : Double.NaN, measured ? 0.8 * t : Double.NaN);
                w.append(new Checkpoint(m, TestRuns.towardsTruth(t, 5), TestRuns.towardsTruth(0.8 * t, 5), null));
            }
            w.finish(RunStatus.FINISHED, Map.of());
        }
        return dir;
    }

    /** Writes a PNG of {@code node} when -Dpredspace.snapshots=DIR is given (to look at, not to commit). */
    public static void snapshot(Node node, String name) throws Exception {
        String dir = System.getProperty("predspace.snapshots");
        if (dir == null) return;
        var image = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", Path.of(dir, name + ".png").toFile());
    }
}
