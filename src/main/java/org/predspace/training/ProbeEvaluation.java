package org.predspace.training;

import org.predspace.data.Dataset;
import org.predspace.runs.ProbeScore;

/**
 * Softmax predictions of a network on a fixed sample set, with the loss and accuracy they
 * imply. Evaluated in inference mode (batch norm uses its running statistics).
 */
public record ProbeEvaluation(float[] probabilities, double loss, double accuracy, boolean finite) {
    private static final int CHUNK = 250;

    public static ProbeEvaluation of(TrainableNetwork net, Dataset samples) {
        int n = samples.size();
        int d = samples.shape().size();
        int classes = samples.classes();
        float[] probs = new float[n * classes];
        float[] features = samples.featuresView();
        // The networks read their input and keep no reference to it, so a probe set that fits
        // one chunk goes in as it is and the full chunks share one buffer: the copies were the
        // largest garbage of a training (a probe's features at every checkpoint; JFR).
        float[] full = n > CHUNK ? new float[CHUNK * d] : null;
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            float[] chunk;
            if (rows == n) {   // Dataset holds exactly n * d feature values
                chunk = features;
            } else {
                chunk = rows == CHUNK ? full : new float[rows * d];
                System.arraycopy(features, start * d, chunk, 0, rows * d);
            }
            System.arraycopy(net.predict(chunk, rows), 0, probs, start * classes, rows * classes);
        }
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
