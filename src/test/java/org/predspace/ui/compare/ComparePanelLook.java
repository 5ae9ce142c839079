package org.predspace.ui.compare;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.session.ExplorerSession;
import org.predspace.session.TestRuns;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.TrainingSpec;
import org.predspace.ui.ExplorerModel;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: renders the panel with a sweep of ten runs with long names in a tab-sized window,
 * to look at. {@code xvfb-run -a mvn -o -q test -Dtest=ComparePanelLook -Dcompare.snapshots=/tmp}
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "compare.snapshots", matches = ".+")
class ComparePanelLook {
    @TempDir
    Path tmp;
    private ExplorerModel model;
    private ComparePanel panel;

    @Start
    void start(Stage stage) {
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), tmp.resolve("out"));
        panel = new ComparePanel(model);
        stage.setScene(new Scene(panel, 1000, 640));
        stage.show();
    }

    @AfterEach
    void shutDown() { model.shutdown(); }

    @Test
    void twoIrisRunsTrainingLive() throws Exception {
        List<TrainingSpec> specs = new ArrayList<>();
        for (String a : List.of("linear", "mlp")) {
            specs.add(TrainingSpec.builder("iris")
                    .architecture(Architecture.fromId(a))
                    .optimizer(OptimizerKind.SGD).learningRate(0.3).batchSize(16).epochs(6)
                    .checkpoints(12).probeSize(60).seed(1).name("iris-" + a).build());
        }
        WaitForAsyncUtils.asyncFx(() -> model.train(specs)).get();
        // Distances must appear while training, not only at the end.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> model.runs().size() == 2
                && panel.heatmap().runsInOrder().size() == 2).get());
        System.err.println("LOOK first distances with checkpoints " + WaitForAsyncUtils.asyncFx(() -> model.runs().stream()
                .map(r -> r.name() + ":" + r.state().metrics().size() + ":" + r.state().phase()).toList()).get());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> panel.settled()
                && model.runs().stream().allMatch(r -> r.state().phase().ended())).get());
        System.err.println("LOOK problems " + WaitForAsyncUtils.asyncFx(() -> List.copyOf(model.problems())).get());
        write("live");
    }

    @Test
    void sweepOfTenRunsWithLongNames() throws Exception {
        List<Path> dirs = new ArrayList<>();
        String[] optimisers = {"sgd", "adam"};
        for (int i = 0; i < 10; i++) {
            String name = "synthetic-" + (i % 2 == 0 ? "mlp" : "linear") + "-" + optimisers[(i / 2) % 2] + "-lr0.00" + (i + 1)
                    + "-b128-s" + i;
            dirs.add(TestRuns.writeSynthetic(tmp, name, TestRuns.PROBE, i, 6 + i));
        }
        write("empty");
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(dirs)).get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> panel.settled()
                && panel.heatmap().runsInOrder().size() == 10).get());
        WaitForAsyncUtils.asyncFx(() -> model.selectRun(model.runs().get(3))).get();
        WaitForAsyncUtils.waitForFxEvents();
        write("sweep");
    }

    private void write(String name) throws Exception {
        var image = WaitForAsyncUtils.asyncFx(() -> SwingFXUtils.fromFXImage(panel.snapshot(null, null), null)).get();
        ImageIO.write(image, "png", Path.of(System.getProperty("compare.snapshots"), "compare-panel-" + name + ".png").toFile());
    }
}
