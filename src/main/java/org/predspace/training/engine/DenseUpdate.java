package org.predspace.training.engine;

import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.predspace.platform.NativeLibraries;

import java.util.List;

/**
 * DL4J 1.0.0-M2.1's parameter update, step for step (BaseMultiLayerUpdater.update and
 * UpdaterBlock.update), on the parameters and the minibatch-averaged gradient held as float
 * arrays: regularisations applied before the updater (L2: g += l2 w, an Axpy), then the
 * updater ({@link UpdateRule}), then regularisations applied after it (WeightDecay with
 * applyLR: u += wd lr w), then w -= u. The learning rate is the updater's rate at
 * (iteration, epoch), as UpdaterBlock hands it to regularisations too. Statistics regions
 * (batch norm's running mean and variance, {@link ParamRegion#statistics()}) have DL4J's NoOp
 * updater: w -= g, the "gradient" being the update the layer computed.
 */
final class DenseUpdate {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    /** ComputationGraph.fit(INDArray[], INDArray[]) never advances DL4J's epoch counter. */
    private static final int EPOCH = 0;

    private final IUpdater config;
    private final UpdateRule rule;
    private final List<ParamRegion> regions;
    private final float[] params;
    private final float[] gradients;
    /** The statistics regions' values, kept aside while the updater runs over the whole array. */
    private final float[] statistics;
    private int iteration;

    DenseUpdate(IUpdater config, List<ParamRegion> regions, float[] params, float[] gradients, int iteration) {
        for (ParamRegion region : regions) {
            for (Regularization r : region.regularizations()) checkSupported(r);
        }
        this.config = config;
        this.rule = UpdateRule.of(config, params.length);
        this.regions = regions;
        this.params = params;
        this.gradients = gradients;
        this.iteration = iteration;
        this.statistics = new float[regions.stream().filter(ParamRegion::statistics).mapToInt(ParamRegion::length).sum()];
    }

    private static void checkSupported(Regularization r) {
        if (!(r instanceof L2Regularization) && !(r instanceof WeightDecay)) {
            throw new IllegalArgumentException("no dense implementation of regularisation " + r);
        }
    }

    /**
     * The regularisation term DL4J adds to the score at the current parameters:
     * 0.5 c |w|^2 for L2 and weight decay alike (their score methods).
     */
    double regularizationScore() {
        double score = 0;
        for (ParamRegion region : regions) score += score(region.regularizations(), region.offset(), region.length());
        return score;
    }

    private double score(List<Regularization> regs, int from, int length) {
        if (regs.isEmpty()) return 0;
        double squares = 0;
        for (int i = from; i < from + length; i++) squares += (double) params[i] * params[i];
        double score = 0;
        for (Regularization r : regs) score += 0.5 * coefficient(r) * squares;
        return score;
    }

    /** Applies the gradient in the gradient array to the parameter array and advances the iteration. */
    void apply() {
        double lr = config.hasLearningRate() ? config.getLearningRate(iteration, EPOCH) : 1.0;
        regularize(Regularization.ApplyStep.BEFORE_UPDATER, lr);
        moveStatistics(true);
        // element-wise rules: the state they keep for statistics positions is never read
        rule.toUpdate(gradients, lr, iteration);
        moveStatistics(false);
        regularize(Regularization.ApplyStep.POST_UPDATER, lr);
        for (int i = 0; i < params.length; i++) params[i] -= gradients[i];
        iteration++;
    }

    /** Saves the statistics regions' updates aside ({@code save}) or puts them back over what the updater made of them. */
    private void moveStatistics(boolean save) {
        if (statistics.length == 0) return;
        int at = 0;
        for (ParamRegion region : regions) {
            if (!region.statistics()) continue;
            if (save) {
                System.arraycopy(gradients, region.offset(), statistics, at, region.length());
            } else {
                System.arraycopy(statistics, at, gradients, region.offset(), region.length());
            }
            at += region.length();
        }
    }

    private void regularize(Regularization.ApplyStep step, double lr) {
        for (ParamRegion region : regions) {
            regularize(region.regularizations(), step, lr, region.offset(), region.length());
        }
    }

    /** Axpy(param, grad, grad, c) as L2Regularization and WeightDecay call it: g += (float) c * w. */
    private void regularize(List<Regularization> regs, Regularization.ApplyStep step, double lr, int from, int length) {
        for (Regularization r : regs) {
            if (r.applyStep() != step) continue;
            double c = coefficient(r);
            if (r instanceof WeightDecay wd && wd.isApplyLR()) c *= lr;
            float a = (float) c;
            for (int i = from; i < from + length; i++) gradients[i] = gradients[i] + a * params[i];
        }
    }

    private double coefficient(Regularization r) {
        if (r instanceof L2Regularization l2) return l2.getL2().valueAt(iteration, EPOCH);
        return ((WeightDecay) r).getCoeff().valueAt(iteration, EPOCH);
    }
}
