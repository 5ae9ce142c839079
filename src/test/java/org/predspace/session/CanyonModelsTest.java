package org.predspace.session;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.data.DatasetCatalog;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.geometry.inpca.LiveEmbedding;
import org.predspace.landscape.LinePath;
import org.predspace.landscape.ModelGrid;
import org.predspace.platform.JobMonitor;
import org.predspace.runs.Run;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.Samples;
import org.predspace.training.TrainingRun;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.SnapshotPolicy;
import org.predspace.training.spec.TrainingSpec;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The canyon's placement (docs/science.md §8): a model of a plane at a checkpoint's own weights
 * is that checkpoint, so out-of-sample placement must put it where the picture draws the
 * checkpoint, on the training probe and on the held-out one; every model gets a residual.
 */
@Tag("slow")
class CanyonModelsTest {
    @TempDir static Path tmp;
    static final DatasetCatalog CATALOG = new DatasetCatalog();
    static Run run;
    static ExplorerSession session;

    @BeforeAll
    static void openAnMlpRunWithSnapshots() throws Exception {
        TrainingSpec spec = TrainingSpec.builder("digits").architecture(Architecture.MLP).width(16).epochs(1)
                .probeSize(200).checkpoints(6).snapshots(SnapshotPolicy.SPARSE).build();
        new TrainingRun(spec, CATALOG.load("digits"), tmp.resolve("mlp"), e -> {}).execute();
        run = Run.open(tmp.resolve("mlp"));
        session = new ExplorerSession(LiveEmbedding.Settings.defaults().withAxes(5).inForeground(), 1);
        session.openAll(List.of(run.dir()), (f, m) -> {});
    }

    @AfterAll
    static void close() { session.close(); }

    @Test
    void aModelAtACheckpointsOwnWeightsLandsOnThatCheckpointInBothPictures() throws Exception {
        for (ExplorerSession.Probe probe : List.of(ExplorerSession.Probe.TRAINING, ExplorerSession.Probe.HELD_OUT)) {
            PredictionPicture picture = session.picture(probe);
            PictureFrame frame = ExplorerSessionTest.waitFor(picture,
                    f -> f.embedding() != null && f.embedding().exactPoints() == f.size() && f.size() > 2);
            long[] saved = run.parameterSteps();
            long step = saved[saved.length / 2];
            int at = CanyonFixture.indexOf(frame, run, step);
            ModelGrid grid = CanyonFixture.planeThrough(run, CATALOG, step, 3);

            CanyonModels.Scored scored = CanyonModels.score(picture, probe, run.dir(), step, grid, CATALOG, JobMonitor.silent());
            OutOfSamplePoints.Placement placed = picture.place(scored.points(), () -> false);
            assertSame(frame.embedding().basis(), placed.basis(), "placed in the frame's basis");

            double extent = CanyonFixture.extent(frame);
            double[] centre = placed.coordinates()[1 * grid.columns() + 1];   // x = 0, y = 0: the checkpoint
            for (int a = 0; a < 3; a++) {   // the 3D point (axes 4 and 5, of small |lambda|, agree to 7e-7)
                assertEquals(frame.coordinate(at, a), centre[a], 1e-6 * extent, probe + " picture, axis " + (a + 1));
            }
            double[] corner = placed.coordinates()[0];
            double apart = 0;
            for (int a = 0; a < 3; a++) apart = Math.max(apart, Math.abs(corner[a] - centre[a]));
            assertTrue(apart > 1e-3 * extent, "a model half a step off along both directions is elsewhere: " + apart / extent);

            assertEquals(grid.rows() * grid.columns(), placed.residuals().length);
            for (double r : placed.residuals()) assertTrue(r >= 0 && Double.isFinite(r), "residual " + r);
            assertTrue(placed.embeddedResidual() >= 0, "the checkpoints' own residual " + placed.embeddedResidual());
            assertTrue(placed.describe().startsWith("placement residual"), placed.describe());
        }
    }

    @Test
    void theCheckpointModelsLossOnTheProbeIsTheRecordedOne() throws Exception {
        PredictionPicture picture = session.picture(ExplorerSession.Probe.TRAINING);
        long step = run.parameterSteps()[run.parameterSteps().length - 1];
        ModelGrid grid = CanyonFixture.planeThrough(run, CATALOG, step, 3);
        CanyonModels.Scored scored = CanyonModels.score(picture, ExplorerSession.Probe.TRAINING, run.dir(), step, grid,
                CATALOG, JobMonitor.silent());
        double recorded = run.metrics().stream().filter(m -> m.step() == step).findFirst().orElseThrow().trainLoss();
        // metrics.csv holds the float network's loss; the models are scored in double precision
        assertEquals(recorded, scored.loss()[1 * grid.columns() + 1], 1e-5);
        assertNotEquals(recorded, scored.loss()[0], 1e-3, "a corner of the plane is another model");
    }

    @Test
    void aPictureOfAnotherProbeIsRefusedInPlainWords() {
        PredictionPicture other = new PredictionPicture("training probe", LiveEmbedding.Settings.defaults().inForeground());
        other.admit("someone", new ProbeShape("another-probe", 200, 10), new int[200]);
        long step = run.parameterSteps()[0];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CanyonModels.score(other,
                ExplorerSession.Probe.TRAINING, run.dir(), step, CanyonFixture.planeThrough(run, CATALOG, step, 3), CATALOG, JobMonitor.silent()));
        assertTrue(e.getMessage().contains("shows another-probe"), e.getMessage());
        other.close();
    }

    @Test
    void theImprintedPictureIsRefusedInPlainWords() {
        long step = run.parameterSteps()[0];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CanyonModels.score(
                session.picture(ExplorerSession.Probe.IMPRINTED), ExplorerSession.Probe.IMPRINTED, run.dir(), step,
                CanyonFixture.planeThrough(run, CATALOG, step, 3), CATALOG, JobMonitor.silent()));
        assertTrue(e.getMessage().contains("not in the imprinted one"), e.getMessage());
    }

    /**
     * A batch-norm network's models are scored with its statistics recomputed on the train probe
     * at each model's weights (RunCheckpoint.forwardModel), as LinePath scores a point there.
     */
    @Test
    void aBatchNormNetworksModelsAreScoredWithStatisticsRecomputedAtEachModel() throws Exception {
        TrainingSpec spec = TrainingSpec.builder("digits").architecture(Architecture.MLP).width(16).batchNorm(true).epochs(1)
                .probeSize(200).checkpoints(6).snapshots(SnapshotPolicy.SPARSE).build();
        new TrainingRun(spec, CATALOG.load("digits"), tmp.resolve("bn"), e -> {}).execute();
        Run bn = Run.open(tmp.resolve("bn"));
        PredictionPicture picture = session.picture(ExplorerSession.Probe.TRAINING);
        ExplorerSessionTest.waitFor(picture, f -> f.embedding() != null && f.size() > 2);
        long step = bn.parameterSteps()[bn.parameterSteps().length - 1];
        ModelGrid grid = CanyonFixture.planeThrough(bn, CATALOG, step, 3);
        CanyonModels.Scored scored = CanyonModels.score(picture, ExplorerSession.Probe.TRAINING, bn.dir(), step, grid,
                CATALOG, JobMonitor.silent());
        RunCheckpoint checkpoint = RunCheckpoint.open(bn, step, CATALOG);
        Samples probe = checkpoint.samples(Integer.MAX_VALUE);
        for (int k : new int[] {0, 4, 8}) {
            double[] theta = grid.parameters(k / 3, k % 3);
            double expected = LinePath.between(checkpoint.forwardModel(), theta, theta, new double[] {0}, probe, probe)
                    .points().get(0).trainLoss();
            assertEquals(expected, scored.loss()[k], 1e-9, "model " + k);
        }
        assertNotEquals(scored.loss()[0], scored.loss()[8], 1e-6, "the corners are other models");
    }
}
