package org.predspace.ui.compare;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.distance.SqrtProbabilities;
import org.predspace.geometry.trajectory.ClusterAgreement;
import org.predspace.geometry.trajectory.ConfigurationDistances;
import org.predspace.geometry.trajectory.Geodesic;
import org.predspace.geometry.trajectory.Progress;
import org.predspace.geometry.trajectory.ProgressGrid;
import org.predspace.geometry.trajectory.ReindexedTrajectory;
import org.predspace.geometry.trajectory.Trajectory;
import org.predspace.geometry.trajectory.TrajectoryComparison;
import org.predspace.runs.Run;
import org.predspace.session.Configurations;
import org.predspace.session.ExplorerSession;
import org.predspace.session.LearningRule;
import org.predspace.session.RunState;
import org.predspace.session.SpecField;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.RunItem;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The line under the Compare panel's dendrogram: the adjusted Rand index of the cut into one
 * cluster per architecture, for the runs and for the configurations, as the core computes it from
 * the run folders here (the command line's path), and why there is none with one architecture.
 * Three architectures x two learning rates x two seeds, with tilts shuffled across them so the
 * clusters follow the architectures only in part.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ArchitectureAgreementTest {
    /** As {@link ConfigurationViewTest#write} writes them. */
    private static final int CHECKPOINTS = 8;
    private static final List<String> ARCHITECTURES = List.of("mlp", "linear", "lenet");
    private static final int[] TILTS = {0, 7, 3, 10, 1, 5, 9, 2, 11, 4, 8, 6};

    @TempDir
    Path tmp;
    private ExplorerModel model;
    private ComparePanel panel;
    private final List<Path> dirs = new ArrayList<>();

    @Start
    void start(Stage stage) {
        model = new ExplorerModel(ExplorerSession.withDefaults(), new DatasetCatalog(), tmp.resolve("out"));
        panel = new ComparePanel(model);
        stage.setScene(new Scene(panel, 1400, 800));
        stage.show();
    }

    @AfterEach
    void shutDown() {
        model.shutdown();
    }

    @Test
    void theLineUnderEachDendrogramShowsTheCoresIndexAndSaysWhyThereIsNoneForOneArchitecture(FxRobot robot) throws Exception {
        int k = 0;
        for (String architecture : ARCHITECTURES) {
            for (double lr : new double[] {0.1, 0.05}) {
                for (int seed = 0; seed < 2; seed++) dirs.add(ConfigurationViewTest.write(tmp, "synthetic-" + architecture + "-lr" + lr + "-s" + seed, architecture, lr, seed,
                        TILTS[k++], 1.0));
            }
        }
        WaitForAsyncUtils.asyncFx(() -> model.openRuns(dirs)).get();
        waitUntil(() -> model.runs().size() == dirs.size()
                && model.runs().stream().allMatch(r -> r.state().metrics().size() == CHECKPOINTS));
        waitUntil(() -> panel.settled() && panel.heatmap().runsInOrder().size() == dirs.size());

        Expected expected = expected();
        assertTrue(expected.runs().adjustedRandIndex() < 0.99 && expected.configurations().adjustedRandIndex() < 0.99,
                "the shuffled tilts make a figure that is not trivially 1: " + expected);
        assertNotNull(robot.lookup("#compare-agreement").tryQuery().orElse(null), "the line is in the panel");
        String byRun = fx(() -> panel.agreement().getText());
        assertTrue(fx(() -> panel.agreement().isVisible()), byRun);
        assertEquals(line(expected.runs()), byRun);

        robot.clickOn("Configurations");
        waitUntil(() -> panel.heatmap().runsInOrder().size() == 7);
        assertEquals(line(expected.configurations()), fx(() -> panel.agreement().getText()));

        // only the mlp runs: one architecture, said so
        WaitForAsyncUtils.asyncFx(() -> {
            for (RunItem r : model.runs()) model.showRun(r, r.state().architecture().equals("mlp"));
        }).get();
        waitUntil(() -> panel.settled() && panel.heatmap().runsInOrder().size() == 3);
        String one = fx(() -> panel.agreement().getText());
        assertTrue(one.startsWith("All 2 configurations are mlp: one architecture"), one);
        assertFalse(one.contains("Rand index 0"), one);
    }

    private static String line(ClusterAgreement a) {
        return String.format(Locale.ROOT, "Cut into 3 clusters (one per architecture): adjusted Rand index %.2f", a.adjustedRandIndex());
    }

    private record Expected(ClusterAgreement runs, ClusterAgreement configurations) {}

    /** From the folders: the run tree, and the configuration tree with the geodesic leaf, cut by the core. */
    private Expected expected() throws Exception {
        ProgressGrid grid = ProgressGrid.evenly(ProgressGrid.DEFAULT_POINTS);
        List<ReindexedTrajectory> reindexed = new ArrayList<>();
        Map<String, RunState> states = new LinkedHashMap<>();
        ProbeShape shape = null;
        int[] labels = null;
        for (Path d : dirs) {
            Run r = Run.open(d);
            states.put(r.name(), RunState.saved(r));
            labels = r.labels();
            shape = new ProbeShape(r.probe().id(), labels.length, r.classes());
            List<SqrtProbabilities> points = new ArrayList<>();
            for (int t = 0; t < r.checkpointCount(); t++) points.add(SqrtProbabilities.of(r.name(), shape, r.predictions(t)));
            reindexed.add(Trajectory.of(r.name(), points, Progress.ignoranceToTruth(shape, labels)).reindex(grid));
        }
        TrajectoryComparison runs = TrajectoryComparison.of(reindexed, Parallelism.serial());
        Configurations.Grouping grouping = Configurations.of(List.copyOf(states.values()), LearningRule.DEFAULT);
        List<String> names = new ArrayList<>();
        List<List<Integer>> groups = new ArrayList<>();
        for (Configurations.Configuration c : grouping.configurations()) {
            names.add(c.label());
            groups.add(c.runs().stream().map(runs.runs()::indexOf).toList());
        }
        names.add("geodesic");
        groups.add(List.of(dirs.size()));
        TrajectoryComparison configurations = ConfigurationDistances.average(
                runs.with(Geodesic.ignoranceToTruth(shape, labels).reindexed("geodesic", grid), reindexed), names, groups);
        return new Expected(SpecField.ARCHITECTURE.agreementOfRuns(runs.dendrogram(), states),
                SpecField.ARCHITECTURE.agreementOfConfigurations(configurations.dendrogram(), grouping.configurations(), states));
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError(fx(() -> "heatmap " + panel.heatmap().runsInOrder() + ", settled " + panel.settled()
                    + ", line " + panel.agreement().getText() + ", problems " + model.problems()), e);
        }
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
