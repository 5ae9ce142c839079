package org.predspace.training.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.predspace.platform.NativeLibraries;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * {@link GlobalAveragePool} over one {@link ConvPass}'s maps: each map's mean, and backward each
 * map's gradient spread evenly over its positions (DL4J's average global pooling). Over NCHW or
 * NHWC maps; the output, [rows, C] in memory, is the same in both.
 */
final class GlobalAveragePass {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private final int maps, plane, channels;
    private final boolean channelsLast;
    private final FloatBuffer input, output;
    private final FloatBuffer gradOutput, gradInput;
    private final float[] x, averages, g;
    private final double[] sums;

    /**
     * @param in           [rows, C, H, W], or [rows, H, W, C] when {@code channelsLast}
     * @param out          [rows, C, 1, 1] (or [rows, 1, 1, C])
     * @param gradOut      d loss / d out, or null for an inference pass
     * @param gradIn       d loss / d in, or null for an inference pass
     */
    GlobalAveragePass(INDArray in, INDArray out, INDArray gradOut, INDArray gradIn, boolean channelsLast) {
        this.channelsLast = channelsLast;
        this.channels = (int) in.size(channelsLast ? 3 : 1);
        this.maps = (int) in.size(0) * channels;
        this.plane = (int) (in.length() / maps);
        this.input = in.data().asNioFloat();
        this.output = out.data().asNioFloat();
        this.gradOutput = gradOut == null ? null : gradOut.data().asNioFloat();
        this.gradInput = gradIn == null ? null : gradIn.data().asNioFloat();
        this.x = new float[maps * plane];
        this.averages = new float[maps];
        this.g = gradIn == null ? null : new float[maps * plane];
        this.sums = new double[channels];
    }

    void forward() {
        input.clear();
        input.get(x);
        if (channelsLast) {
            channelsLastAverages();
        } else {
            for (int m = 0; m < maps; m++) averages[m] = (float) (BatchNormPass.planeSum(x, m * plane, plane) / plane);
        }
        output.clear();
        output.put(averages);
    }

    void backward() {
        gradOutput.clear();
        gradOutput.get(averages);
        if (channelsLast) {
            // averages becomes the shares; every position of row r gets the row's C of them
            for (int m = 0; m < maps; m++) averages[m] /= plane;
            for (int r = 0; r < maps / channels; r++) {
                for (int p = 0; p < plane; p++) System.arraycopy(averages, r * channels, g, (r * plane + p) * channels, channels);
            }
        } else {
            for (int m = 0; m < maps; m++) {
                float share = averages[m] / plane;
                for (int i = m * plane; i < (m + 1) * plane; i++) g[i] = share;
            }
        }
        gradInput.clear();
        gradInput.put(g);
    }

    /** Each row's channel means over NHWC maps, summed in double (a few hundred values each). */
    private void channelsLastAverages() {
        for (int r = 0; r < maps / channels; r++) {
            Arrays.fill(sums, 0);
            for (int i = r * plane * channels; i < (r + 1) * plane * channels; i++) sums[i % channels] += x[i];
            for (int c = 0; c < channels; c++) averages[r * channels + c] = (float) (sums[c] / plane);
        }
    }
}
