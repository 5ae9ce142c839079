package org.predspace.training;

import org.predspace.data.Dataset;
import org.predspace.runs.ProbeScore;
import org.predspace.training.engine.TrainableNetwork;

/**
 * Softmax predictions of a network on a fixed sample set, with the loss and accuracy they
 * imply. Evaluated in inference mode (batch norm uses its running statistics).
 */
public record ProbeEvaluation(float[] probabilities, double loss, double accuracy, boolean finite) {
    public static ProbeEvaluation of(TrainableNetwork net, Dataset samples) {
        float[] probs = ChunkedRows.of(samples, samples.classes(), net::predict);
        return summarise(probs, samples);
    }

    static ProbeEvaluation summarise(float[] probs, Dataset samples) {
        boolean finite = true;
        for (float p : probs) {
            if (!Float.isFinite(p)) {
                finite = false;
                break;
            }
        }
        ProbeScore score = ProbeScore.of(probs, samples.labels(), samples.classes());
        return new ProbeEvaluation(probs, score.loss(), score.accuracy(), finite);
    }
}
