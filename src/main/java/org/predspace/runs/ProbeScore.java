package org.predspace.runs;

/**
 * Mean cross-entropy and accuracy of softmax rows against labels: what the engine records as a
 * checkpoint's probe metrics, and what an import computes when it is given none.
 *
 * <p>Accuracy takes the first class of highest probability, so uniform predictions (the start of
 * many runs) count as predicting class 0.
 */
public record ProbeScore(double loss, double accuracy) {
    /** Floor under p(label) in the loss, so a confident mistake costs ~34.5 nats rather than infinity. */
    public static final double LOSS_PROBABILITY_FLOOR = 1e-15;

    /** @param probabilities labels.length rows of {@code classes}, row-major */
    public static ProbeScore of(float[] probabilities, int[] labels, int classes) {
        double[] wide = new double[probabilities.length];
        for (int i = 0; i < wide.length; i++) wide[i] = probabilities[i];   // exact: the same comparisons and logs
        return of(wide, labels, classes);
    }

    /** The same for double-precision rows (networks evaluated in double, as the landscape does). */
    public static ProbeScore of(double[] probabilities, int[] labels, int classes) {
        if (probabilities.length != (long) labels.length * classes) {
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + labels.length
                    + " labels of " + classes + " classes");
        }
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int base = i * classes;
            int best = 0;
            for (int c = 1; c < classes; c++) if (probabilities[base + c] > probabilities[base + best]) best = c;
            if (best == labels[i]) correct++;
            loss -= Math.log(Math.max(probabilities[base + labels[i]], LOSS_PROBABILITY_FLOOR));
        }
        int n = labels.length;
        return new ProbeScore(loss / n, correct / (double) n);
    }
}
