package org.predspace.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.Regularization.ApplyStep;

import java.util.List;

/**
 * DL4J 1.0.0-M2.1's parameter update, step for step (BaseMultiLayerUpdater.update and
 * UpdaterBlock.update): on the minibatch-averaged gradient, regularisations applied before the
 * updater (L2: g += l2 * w), then the updater (the same ND4J GradientUpdater DL4J instantiates
 * from the layer's IUpdater, i.e. the same fused native op), then regularisations applied after
 * it (WeightDecay with applyLR: u += wd * lr * w), then w -= u. The learning rate handed to
 * regularisations is the updater's rate at (iteration, epoch), as in UpdaterBlock.
 */
final class DenseUpdate {
    /** ComputationGraph.fit(INDArray[], INDArray[]) never advances DL4J's epoch counter. */
    private static final int EPOCH = 0;

    private final IUpdater config;
    private final GradientUpdater updater;
    private final List<DenseLayerParams> layers;
    private final INDArray params;
    private final INDArray gradients;
    private int iteration;

    DenseUpdate(IUpdater config, List<DenseLayerParams> layers, INDArray params, INDArray gradients, int iteration) {
        this.config = config;
        this.layers = layers;
        this.params = params;
        this.gradients = gradients;
        this.iteration = iteration;
        long stateSize = config.stateSize(params.length());
        INDArray state = stateSize > 0 ? Nd4j.create(DataType.FLOAT, 1, stateSize) : null;
        this.updater = config.instantiate(state, true);
    }

    /** Regularisation term DL4J adds to the score at the current parameters (0.5 l2 |w|^2 per term). */
    double regularizationScore() {
        double score = 0;
        for (DenseLayerParams l : layers) {
            score += score(l.weightRegularization(), l.w()) + score(l.biasRegularization(), l.b());
        }
        return score;
    }

    private double score(List<Regularization> regs, INDArray param) {
        double s = 0;
        if (regs != null) for (Regularization r : regs) s += r.score(param, iteration, EPOCH);
        return s;
    }

    /** Applies the gradient already in the flat gradient array and advances the iteration. */
    void apply() {
        double lr = config.hasLearningRate() ? config.getLearningRate(iteration, EPOCH) : 1.0;
        regularize(ApplyStep.BEFORE_UPDATER, lr);
        updater.applyUpdater(gradients, iteration, EPOCH);
        regularize(ApplyStep.POST_UPDATER, lr);
        params.subi(gradients);
        iteration++;
    }

    private void regularize(ApplyStep step, double lr) {
        for (DenseLayerParams l : layers) {
            regularize(l.weightRegularization(), step, l.w(), l.dw(), lr);
            regularize(l.biasRegularization(), step, l.b(), l.db(), lr);
        }
    }

    private void regularize(List<Regularization> regs, ApplyStep step, INDArray param, INDArray grad, double lr) {
        if (regs == null) return;
        for (Regularization r : regs) {
            if (r.applyStep() == step) r.apply(param, grad, lr, iteration, EPOCH);
        }
    }
}
