package org.predspace.training.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.predspace.platform.NativeLibraries;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * A fast path's parameters and gradients in DL4J's flat layout, held twice: native, where the
 * ops read the parameters and write the gradients through views, and on the heap, where the
 * Java update ({@link DenseUpdate}) runs. One step copies the gradients in and the parameters out.
 */
final class FlatParameters {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private final FloatBuffer nativeParams;
    private final FloatBuffer nativeGradients;
    private final float[] params;
    private final float[] gradients;
    private final DenseUpdate update;

    /**
     * @param params    the native parameters [1, n], which the ops' views read
     * @param gradients the native gradients [1, n], which the ops' views write
     * @param regions   what DL4J regularises, and how
     * @param iteration DL4J's iteration count so far (the schedules' position)
     */
    FlatParameters(INDArray params, INDArray gradients, IUpdater updater, List<ParamRegion> regions, int iteration) {
        this.nativeParams = params.data().asNioFloat();
        this.nativeGradients = gradients.data().asNioFloat();
        this.params = params.data().asFloat();
        this.gradients = new float[this.params.length];
        this.update = new DenseUpdate(updater, regions, this.params, this.gradients, iteration);
    }

    /**
     * Applies the gradients the backward pass left in the native array and returns DL4J's score
     * for the step: {@code loss} plus the regularisation at the parameters before the update.
     */
    double step(double loss) {
        nativeGradients.clear();
        nativeGradients.get(gradients);
        double score = loss + update.regularizationScore();
        update.apply();
        nativeParams.clear();
        nativeParams.put(params);
        return score;
    }

    float[] copy() { return params.clone(); }

    int size() { return params.length; }
}
