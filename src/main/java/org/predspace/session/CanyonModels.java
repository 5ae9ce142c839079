package org.predspace.session;

import org.predspace.data.DataFormatException;
import org.predspace.data.DatasetCatalog;
import org.predspace.geometry.distance.ProbeShape;
import org.predspace.landscape.ModelGrid;
import org.predspace.landscape.ModelPredictions;
import org.predspace.platform.JobMonitor;
import org.predspace.runs.Run;
import org.predspace.runs.RunFormatException;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.Samples;
import org.predspace.training.engine.NativeBackend;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The canyon in prediction space (docs/science.md §8): the models of a landscape's line or plane
 * scored on the probe a picture shows (the run's training probe or its held-out probe, the very
 * samples its checkpoints were recorded on) and made into points of that picture, ready to be
 * placed out of sample. The run is read from its folder, never from a live training thread.
 */
public final class CanyonModels {
    private CanyonModels() {}

    /**
     * Each model's loss and accuracy on the picture's probe (row by row) and the points its
     * predictions make; the softmax rows themselves are not kept (the points hold sqrt(p)).
     */
    public record Scored(double[] loss, double[] accuracy, OutOfSamplePoints points) {}

    /**
     * @param runDir the folder of the run whose network the models are (its spec rebuilds them)
     * @param step   a step of that run with a parameter snapshot (the network and probe come from it)
     * @throws IllegalArgumentException in plain words: the picture shows another probe than the
     *                                  run's or is the imprinted one, the step has no snapshot
     */
    public static Scored score(PredictionPicture picture, ExplorerSession.Probe probe, Path runDir, long step,
                               ModelGrid grid, DatasetCatalog catalog, JobMonitor monitor)
            throws RunFormatException, DataFormatException {
        if (probe == ExplorerSession.Probe.IMPRINTED) {
            // each model of the line or plane would need its own prototypes from its own features
            throw new IllegalArgumentException("a landscape is drawn in the training-probe or held-out picture, not in the"
                    + " imprinted one; switch the picture to draw it");
        }
        Run run = Run.open(runDir);
        String wanted = probe == ExplorerSession.Probe.TRAINING ? run.probe().id() : run.probe().id() + "/held-out";
        ProbeShape shown = picture.shape();
        if (shown == null) throw new IllegalStateException("the " + picture.title() + " picture is empty");
        if (!shown.probeId().equals(wanted)) {
            throw new IllegalArgumentException("run " + run.name() + " is on probe " + wanted + " but the "
                    + picture.title() + " picture shows " + shown.probeId());
        }
        if (probe == ExplorerSession.Probe.HELD_OUT && !run.hasTestSet()) {
            throw new IllegalArgumentException("run " + run.name() + " has no held-out probe");
        }
        RunCheckpoint checkpoint = RunCheckpoint.open(run, step, catalog);
        Samples samples = probe == ExplorerSession.Probe.TRAINING ? checkpoint.samples(Integer.MAX_VALUE) : checkpoint.testSamples();
        // forwardModel: a batch-norm network's statistics are recomputed on the train probe at every
        // model, also when the picture shows the held-out probe (docs/science.md §8)
        ModelPredictions predictions = ModelPredictions.of(checkpoint.forwardModel(), grid, samples, monitor, NativeBackend.cores());
        String what = (grid.isLine() ? "the line" : "the plane") + " of run " + run.name() + " at step " + step;
        return new Scored(predictions.loss(), predictions.accuracy(),
                picture.outOfSample(what, Arrays.asList(predictions.probabilities())));
    }
}
