package org.predspace.training;

import org.predspace.data.Dataset;

/**
 * Softmax predictions of a network on a fixed sample set, with the loss and accuracy they
 * imply. Evaluated in inference mode (batch norm uses its running statistics).
 */
public record ProbeEvaluation(float[] probabilities, double loss, double accuracy, boolean finite) {
    /** Floor under p(label) in the loss, so a confident mistake costs ~34.5 nats rather than infinity. */
    public static final double LOSS_PROBABILITY_FLOOR = 1e-15;
    private static final int CHUNK = 250;

    public static ProbeEvaluation of(TrainableNetwork net, Dataset samples) {
        int n = samples.size();
        int d = samples.shape().size();
        int classes = samples.classes();
        float[] probs = new float[n * classes];
        float[] features = samples.featuresView();
        for (int start = 0; start < n; start += CHUNK) {
            int rows = Math.min(CHUNK, n - start);
            float[] chunk = new float[rows * d];
            System.arraycopy(features, start * d, chunk, 0, rows * d);
            System.arraycopy(net.predict(chunk, rows), 0, probs, start * classes, rows * classes);
        }
        return summarise(probs, samples);
    }

    static ProbeEvaluation summarise(float[] probs, Dataset samples) {
        int classes = samples.classes();
        double loss = 0;
        int correct = 0;
        boolean finite = true;
        for (int i = 0; i < samples.size(); i++) {
            int label = samples.label(i);
            int best = 0;
            for (int c = 0; c < classes; c++) {
                float p = probs[i * classes + c];
                if (!Float.isFinite(p)) finite = false;
                if (p > probs[i * classes + best]) best = c;
            }
            if (best == label) correct++;
            loss -= Math.log(Math.max(probs[i * classes + label], LOSS_PROBABILITY_FLOOR));
        }
        int n = samples.size();
        return new ProbeEvaluation(probs, loss / n, correct / (double) n, finite);
    }
}
