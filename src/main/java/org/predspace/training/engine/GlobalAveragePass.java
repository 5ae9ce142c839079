package org.predspace.training.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.predspace.platform.NativeLibraries;

import java.nio.FloatBuffer;

/**
 * {@link GlobalAveragePool} over one {@link ConvPass}'s maps: each map's mean, and backward each
 * map's gradient spread evenly over its positions (DL4J's average global pooling).
 */
final class GlobalAveragePass {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private final int maps, plane;
    private final FloatBuffer input, output;
    private final FloatBuffer gradOutput, gradInput;
    private final float[] x, averages, g;

    /**
     * @param in      [rows, C, H, W]
     * @param out     [rows, C, 1, 1]
     * @param gradOut d loss / d out, or null for an inference pass
     * @param gradIn  d loss / d in, or null for an inference pass
     */
    GlobalAveragePass(INDArray in, INDArray out, INDArray gradOut, INDArray gradIn) {
        this.maps = (int) (in.size(0) * in.size(1));
        this.plane = (int) (in.size(2) * in.size(3));
        this.input = in.data().asNioFloat();
        this.output = out.data().asNioFloat();
        this.gradOutput = gradOut == null ? null : gradOut.data().asNioFloat();
        this.gradInput = gradIn == null ? null : gradIn.data().asNioFloat();
        this.x = new float[maps * plane];
        this.averages = new float[maps];
        this.g = gradIn == null ? null : new float[maps * plane];
    }

    void forward() {
        input.clear();
        input.get(x);
        for (int m = 0; m < maps; m++) averages[m] = (float) (BatchNormPass.planeSum(x, m * plane, plane) / plane);
        output.clear();
        output.put(averages);
    }

    void backward() {
        gradOutput.clear();
        gradOutput.get(averages);
        for (int m = 0; m < maps; m++) {
            float share = averages[m] / plane;
            for (int i = m * plane; i < (m + 1) * plane; i++) g[i] = share;
        }
        gradInput.clear();
        gradInput.put(g);
    }
}
