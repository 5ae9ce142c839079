package org.predspace.training.engine;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.predspace.platform.NativeLibraries;

/** DL4J's softmax output layer with multi-class cross-entropy (LossMCXENT), as the fast paths compute it. */
final class SoftmaxCrossEntropy {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private SoftmaxCrossEntropy() {}

    /** The loss of {@code last} when it is a softmax output layer with unweighted LossMCXENT, else null. */
    static LossMCXENT lossOf(BaseLayer last) {
        return last instanceof OutputLayer out && out.getActivationFn() instanceof ActivationSoftmax
                && out.getLossFn() instanceof LossMCXENT loss && loss.getWeights() == null ? loss : null;
    }

    /**
     * Mean cross-entropy of the batch, as LossMCXENT scores it (probabilities clipped below at
     * its epsilon {@code clipEps}), and its gradient w.r.t. the output pre-activations into
     * {@code delta}: (clipped p - y) / batch. DL4J divides the summed gradients by the batch size
     * after the GEMMs; dividing first is the same in exact arithmetic and bit-identical for
     * power-of-two batches.
     */
    static double lossAndDelta(float[] p, float[] y, float[] delta, int batch, double clipEps) {
        float eps = (float) clipEps;
        double loss = 0;
        for (int i = 0; i < p.length; i++) {
            float clipped = Math.max(p[i], eps);
            if (y[i] != 0f) loss -= y[i] * Math.log(clipped);
            delta[i] = (clipped - y[i]) / batch;
        }
        return loss / batch;
    }
}
