package org.predspace.landscape;

import org.predspace.runs.ProbeScore;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.Samples;

/**
 * The softmax rows of the models of one {@link ModelGrid} on one probe, on one worker's network:
 * the fast paths for plain dense and LeNet-like networks (the same rows to rounding), else a
 * forward pass of the network per model. Owned by one thread, as its network is.
 */
interface ModelScorer {
    /** The model at (row, column)'s probabilities, [samples x classes] row-major. */
    double[] probabilities(int row, int column);

    static ModelScorer of(CheckpointModel model, ModelGrid models, Samples samples) {
        DenseGridForward dense = DenseGridForward.of(model, models, samples);
        if (dense != null) return dense::probabilities;
        ConvGridForward conv = ConvGridForward.of(model, models, samples);
        if (conv != null) return conv::probabilities;
        return (i, j) -> LinePath.probabilities(model, models.parameters(i, j), samples, LinePath.CHUNK);
    }

    /** Loss and accuracy of the model at (row, column) on {@code samples}, from its probabilities. */
    static ProbeScore score(ModelScorer scorer, int row, int column, Samples samples, int classes) {
        return ProbeScore.of(scorer.probabilities(row, column), samples.labels(), classes);
    }
}
