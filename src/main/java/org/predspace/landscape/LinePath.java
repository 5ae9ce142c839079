package org.predspace.landscape;

import org.predspace.runs.ProbeScore;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.Samples;
import org.predspace.platform.JobMonitor;

import java.util.List;

/**
 * Loss and accuracy along the straight line theta(a) = (1-a) theta_0 + a theta_1 between two
 * parameter vectors of one network (Goodfellow et al. 2015; docs/science.md, the landscape
 * section), on a train probe and a test probe, with the barrier between the ends.
 *
 * <p>Batch norm: the running statistics are a function of the weights, not parameters to
 * interpolate, so a network with batch norm is scored on a forward-only model
 * (CheckpointModel.forwardOnly, RunCheckpoint.forwardModel) that recomputes them on the train
 * probe at every theta(a) before scoring (docs/science.md §8): {@link #score} sets theta on the
 * model, which recomputes them there.
 */
public final class LinePath {
    /** Goodfellow et al.'s range: half a segment beyond either end shows whether the ends are minima along the line. */
    public static final double DEFAULT_FROM = -0.5;
    public static final double DEFAULT_TO = 1.5;
    public static final int DEFAULT_POINTS = 101;

    /** Loss (mean cross-entropy, as metrics.csv records it) and accuracy at one a. */
    public record Point(double alpha, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) {}

    private final List<Point> points;
    private final ProbeScore trainAtStart;
    private final ProbeScore trainAtEnd;
    private final double barrier;

    private LinePath(List<Point> points, ProbeScore trainAtStart, ProbeScore trainAtEnd, double barrier) {
        this.points = points;
        this.trainAtStart = trainAtStart;
        this.trainAtEnd = trainAtEnd;
        this.barrier = barrier;
    }

    /** {@code count} evenly spaced values from {@code from} to {@code to}, both included. */
    public static double[] alphas(double from, double to, int count) {
        if (count < 2) throw new IllegalArgumentException("a line needs at least 2 points, got " + count);
        if (!(from < to) || !Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException("the range of a must be finite and increasing, got [" + from + ", " + to + "]");
        }
        double[] a = new double[count];
        for (int i = 0; i < count; i++) a[i] = from + (to - from) * i / (count - 1);
        a[count - 1] = to;   // exact, not from + (to - from) rounded
        return a;
    }

    public static double[] defaultAlphas() {
        return alphas(DEFAULT_FROM, DEFAULT_TO, DEFAULT_POINTS);
    }

    /**
     * Evaluates the line on {@code model}'s network (its parameters are changed; own the model on
     * one thread). The barrier uses the train probe loss at the points with a in [0, 1] and the
     * losses at the ends themselves, so it is measured even when 0 and 1 are not among the alphas.
     */
    public static LinePath between(CheckpointModel model, double[] theta0, double[] theta1, double[] alphas,
                                   Samples train, Samples test) {
        return between(model, theta0, theta1, alphas, train, test, JobMonitor.silent());
    }

    /**
     * As above, reporting the fraction of points done to {@code monitor} after each point and
     * stopping with a CancellationException at the next point once it is cancelled.
     */
    public static LinePath between(CheckpointModel model, double[] theta0, double[] theta1, double[] alphas,
                                   Samples train, Samples test, JobMonitor monitor) {
        return between(model, theta0, theta1, alphas, train, test, monitor, 1);
    }

    /**
     * As above, the points scored on {@code workers} threads, one network copy each, with the
     * fast paths of plain dense and LeNet-like networks: a line is a one-row model grid
     * theta_0 + a (theta_1 - theta_0), scored as a plane's cells are (PlaneLandscape), so each
     * point equals the one-thread forward pass to rounding and does not depend on {@code workers}.
     */
    public static LinePath between(CheckpointModel model, double[] theta0, double[] theta1, double[] alphas,
                                   Samples train, Samples test, JobMonitor monitor, int workers) {
        int p = model.parameterCount();
        if (theta0.length != p || theta1.length != p) {
            throw new IllegalArgumentException("the ends have " + theta0.length + " and " + theta1.length
                    + " parameters but the network has " + p);
        }
        if (alphas.length == 0) throw new IllegalArgumentException("a line needs at least one value of a");
        for (double a : alphas) {
            if (!Double.isFinite(a)) throw new IllegalArgumentException("a must be finite, got " + a);
        }
        ProbeScore start = score(model, theta0, train);
        ProbeScore end = score(model, theta1, train);
        PlaneGrid grid = PlaneLandscape.evaluateAll(model, ModelGrid.line(theta0, theta1, alphas, new double[alphas.length]),
                train, test, monitor, workers, "line");
        double barrier = 0;   // a = 0 and a = 1 themselves lie on the chord
        Point[] points = new Point[alphas.length];
        for (int k = 0; k < alphas.length; k++) {
            double a = alphas[k];
            double loss = grid.trainLoss()[0][k];
            points[k] = new Point(a, loss, grid.trainAccuracy()[0][k], grid.testLoss()[0][k], grid.testAccuracy()[0][k]);
            if (a >= 0 && a <= 1) barrier = Math.max(barrier, loss - ((1 - a) * start.loss() + a * end.loss()));
        }
        return new LinePath(List.of(points), start, end, barrier);
    }

    /** Loss and accuracy of the network with parameters {@code theta} on {@code samples}. */
    static ProbeScore score(CheckpointModel model, double[] theta, Samples samples) {
        return score(model, theta, samples, CHUNK);
    }

    /**
     * Rows per forward pass: a whole large probe at once would hold its double-precision input
     * and every layer's activations together (LeNet on 10,000 images: gigabytes).
     */
    static final int CHUNK = 500;

    static ProbeScore score(CheckpointModel model, double[] theta, Samples samples, int chunk) {
        return ProbeScore.of(probabilities(model, theta, samples, chunk), samples.labels(), model.classCount());
    }

    /** The softmax rows of the network with parameters {@code theta} on {@code samples}, {@code chunk} rows per pass. */
    static double[] probabilities(CheckpointModel model, double[] theta, Samples samples, int chunk) {
        model.setParameters(theta);   // a forward-only batch-norm model recomputes its statistics on the train probe here
        int classes = model.classCount();
        double[] probs = new double[samples.size() * classes];
        for (int first = 0; first < samples.size(); first += chunk) {
            int rows = Math.min(chunk, samples.size() - first);
            System.arraycopy(model.probabilities(samples.features(), first, rows), 0, probs, first * classes, rows * classes);
        }
        return probs;
    }

    public List<Point> points() { return points; }
    /** Train probe loss and accuracy at theta_0 (a = 0). */
    public ProbeScore trainAtStart() { return trainAtStart; }
    /** Train probe loss and accuracy at theta_1 (a = 1). */
    public ProbeScore trainAtEnd() { return trainAtEnd; }
    /**
     * max over a in [0, 1] of L(theta(a)) - ((1-a) L(theta_0) + a L(theta_1)) on the train probe
     * (Frankle et al. 2020); 0 when the loss never rises above the chord, as for a convex loss.
     */
    public double barrier() { return barrier; }
}
