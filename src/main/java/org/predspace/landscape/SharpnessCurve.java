package org.predspace.landscape;

/**
 * The sharpness of a run along training: the top eigenvalue of the train-loss Hessian at each
 * checkpoint with a snapshot, and the learning rate, whose 2 / lr is the largest sharpness at
 * which gradient descent on a quadratic is stable (the edge of stability, Cohen et al. 2021;
 * docs/science.md §8).
 *
 * @param samples the train probe samples the Hessian was taken on
 */
public record SharpnessCurve(long[] steps, double[] sharpness, double learningRate, int samples) {
    public SharpnessCurve {
        if (steps.length != sharpness.length) throw new IllegalArgumentException(steps.length + " steps for " + sharpness.length + " eigenvalues");
        steps = steps.clone();
        sharpness = sharpness.clone();
    }

    /** 2 / lr: the line the sharpness of full-batch gradient descent rises to and hovers at. */
    public double edgeOfStability() { return 2 / learningRate; }

    @Override public long[] steps() { return steps.clone(); }
    @Override public double[] sharpness() { return sharpness.clone(); }
}
