package org.predspace.landscape;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.predspace.platform.NativeLibraries;
import org.predspace.runs.ProbeScore;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.Samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Scores the models of a grid of a LeNet-like network (valid 2-D convolutions with ReLU, each
 * followed by 2 x 2 max pooling, then ReLU dense layers and a softmax output, no batch norm) in
 * double precision, much faster than DL4J's double-precision convolutions (oneDNN, which DL4J
 * uses for convolutions, works in float only; its generic double path took ~1.4 s per 500
 * Fashion-MNIST images for LeNet, bench/README.md).
 *
 * <p>As in {@link DenseGridForward}, the first convolution is linear in its weights: its
 * pre-activations over the grid are Z0 + x Zx + y Zy, computed once. Later convolutions are one
 * matrix product per model (the patches of the samples times the filters), the dense layers too.
 *
 * <p>The structure is read from the network ({@link #of}); anything it does not recognise exactly
 * gets null and the plain path. One instance per worker thread.
 */
final class ConvGridForward {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private static final int ROWS = 100;   // samples per block: bounds the patch matrix (100 x 64 x 150 doubles for LeNet's conv2)

    /** A valid convolution, stride 1, with ReLU and then 2 x 2 max pooling: [c, h, w] in, [out, (h-k+1)/2, (w-k+1)/2] out. */
    private record Conv(int c, int h, int w, int out, int k, int wAt, int bAt) {
        int oh() { return h - k + 1; }
        int ow() { return w - k + 1; }
        int pooledSize() { return out * (oh() / 2) * (ow() / 2); }
    }

    private record Dense(int in, int out, int wAt, int bAt, boolean relu) {}

    private final List<Conv> convs;
    private final List<Dense> dense;
    private final ModelGrid models;
    private final int[] labels;
    private final int classes;
    private final int n;
    /** The first convolution's pre-activations [n, out, oh, ow] for the origin and the two directions. */
    private final double[] z0, zx, zy;

    private ConvGridForward(List<Conv> convs, List<Dense> dense, ModelGrid models, Samples samples) {
        this.convs = convs;
        this.dense = dense;
        this.models = models;
        this.labels = samples.labels();
        this.classes = dense.get(dense.size() - 1).out;
        this.n = samples.size();
        Conv first = convs.get(0);
        z0 = firstConvolution(samples, first, models.origin());
        zx = firstConvolution(samples, first, models.xDirection());
        zy = firstConvolution(samples, first, models.yDirection());
    }

    /** The fast scorer, or null when the network is not exactly of the kind the class comment names. */
    static ConvGridForward of(CheckpointModel model, ModelGrid models, Samples samples) {
        ComputationGraph net = model.network();
        Object[] structure = structure(net, model.classCount());
        if (structure == null) return null;
        @SuppressWarnings("unchecked") List<Conv> convs = (List<Conv>) structure[0];
        @SuppressWarnings("unchecked") List<Dense> dense = (List<Dense>) structure[1];
        Conv first = convs.get(0);
        if (first.c * first.h * first.w != samples.dimension()) return null;
        return new ConvGridForward(convs, dense, models, samples);
    }

    ProbeScore score(int row, int column) {
        return ProbeScore.of(probabilities(row, column), labels, classes);
    }

    /** The softmax rows of the model at (row, column), [samples x classes] row-major. */
    double[] probabilities(int row, int column) {
        double x = models.xs()[column], y = models.ys()[row];
        List<INDArray> convWeights = new ArrayList<>();
        for (int k = 1; k < convs.size(); k++) {
            Conv c = convs.get(k);
            // [out, c, k, k] row-major is [out, c k k]; the product takes its transpose
            convWeights.add(DenseGridForward.array(combine(c.wAt, c.out * c.c * c.k * c.k, x, y), 'c', c.out, (long) c.c * c.k * c.k));
        }
        List<INDArray[]> denseWeights = new ArrayList<>();
        for (Dense d : dense) {
            denseWeights.add(new INDArray[] {DenseGridForward.array(combine(d.wAt, d.in * d.out, x, y), 'f', d.in, d.out),
                    DenseGridForward.array(combine(d.bAt, d.out, x, y), 'c', 1, d.out)});
        }
        double[][] convBiases = new double[convs.size()][];
        for (int k = 1; k < convs.size(); k++) convBiases[k] = combine(convs.get(k).bAt, convs.get(k).out, x, y);
        double[] probabilities = new double[n * classes];
        for (int first = 0; first < n; first += ROWS) {
            int rows = Math.min(ROWS, n - first);
            double[] h = firstPooled(first, rows, x, y);
            for (int k = 1; k < convs.size(); k++) h = convolvePool(h, rows, convs.get(k), convWeights.get(k - 1), convBiases[k]);
            INDArray a = DenseGridForward.array(h, 'c', rows, h.length / rows);
            for (int k = 0; k < dense.size(); k++) {
                a = a.mmul(denseWeights.get(k)[0]).addiRowVector(denseWeights.get(k)[1]);
                if (dense.get(k).relu) Transforms.relu(a, false);
            }
            a.subiColumnVector(a.max(true, 1));   // softmax as DL4J computes it
            Transforms.exp(a, false);
            a.diviColumnVector(a.sum(true, 1));
            System.arraycopy(a.dup('c').data().asDouble(), 0, probabilities, first * classes, rows * classes);
        }
        return probabilities;
    }

    /** ReLU and pooling of Z0 + x Zx + y Zy for samples [first, first + rows): [rows, out, oh/2, ow/2]. */
    private double[] firstPooled(int first, int rows, double x, double y) {
        Conv c = convs.get(0);
        int oh = c.oh(), ow = c.ow(), ph = oh / 2, pw = ow / 2;
        double[] out = new double[rows * c.out * ph * pw];
        int o = 0;
        for (int s = first; s < first + rows; s++) {
            for (int ch = 0; ch < c.out; ch++) {
                int base = (s * c.out + ch) * oh * ow;
                for (int py = 0; py < ph; py++) {
                    for (int px = 0; px < pw; px++) {
                        double best = 0;   // max of ReLU outputs: never below 0
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                int at = base + (2 * py + dy) * ow + 2 * px + dx;
                                double v = z0[at] + x * zx[at] + y * zy[at];
                                if (v > best) best = v;
                            }
                        }
                        out[o++] = best;
                    }
                }
            }
        }
        return out;
    }

    /** A convolution of pooled maps [rows, c, h, w] as one product of patches and filters, then ReLU and pooling. */
    private static double[] convolvePool(double[] in, int rows, Conv c, INDArray filters, double[] bias) {
        int oh = c.oh(), ow = c.ow(), span = c.c * c.k * c.k;
        double[] patches = new double[rows * oh * ow * span];
        int p = 0;
        for (int s = 0; s < rows; s++) {
            for (int yy = 0; yy < oh; yy++) {
                for (int xx = 0; xx < ow; xx++) {
                    for (int ch = 0; ch < c.c; ch++) {
                        int base = ((s * c.c + ch) * c.h + yy) * c.w + xx;
                        for (int ky = 0; ky < c.k; ky++) {
                            System.arraycopy(in, base + ky * c.w, patches, p, c.k);
                            p += c.k;
                        }
                    }
                }
            }
        }
        INDArray z = DenseGridForward.array(patches, 'c', (long) rows * oh * ow, span).mmul(filters.transpose());
        double[] v = z.dup('c').data().asDouble();   // [(s, y, x), out]
        int ph = oh / 2, pw = ow / 2;
        double[] out = new double[rows * c.out * ph * pw];
        int o = 0;
        for (int s = 0; s < rows; s++) {
            for (int ch = 0; ch < c.out; ch++) {
                for (int py = 0; py < ph; py++) {
                    for (int px = 0; px < pw; px++) {
                        double best = 0;
                        for (int dy = 0; dy < 2; dy++) {
                            for (int dx = 0; dx < 2; dx++) {
                                double value = v[((s * oh + 2 * py + dy) * ow + 2 * px + dx) * c.out + ch] + bias[ch];
                                if (value > best) best = value;
                            }
                        }
                        out[o++] = best;
                    }
                }
            }
        }
        return out;
    }

    /** The first convolution of every sample with the filters and bias found in {@code theta}: [n, out, oh, ow]. */
    private static double[] firstConvolution(Samples samples, Conv c, double[] theta) {
        int oh = c.oh(), ow = c.ow();
        float[] x = samples.features();
        double[] z = new double[samples.size() * c.out * oh * ow];
        for (int s = 0; s < samples.size(); s++) {
            for (int o = 0; o < c.out; o++) {
                int zBase = (s * c.out + o) * oh * ow;
                Arrays.fill(z, zBase, zBase + oh * ow, theta[c.bAt + o]);
                for (int ch = 0; ch < c.c; ch++) {
                    for (int ky = 0; ky < c.k; ky++) {
                        for (int kx = 0; kx < c.k; kx++) {
                            double w = theta[c.wAt + ((o * c.c + ch) * c.k + ky) * c.k + kx];
                            int xBase = (s * c.c + ch) * c.h * c.w;
                            for (int yy = 0; yy < oh; yy++) {
                                int xr = xBase + (yy + ky) * c.w + kx, zr = zBase + yy * ow;
                                for (int xx = 0; xx < ow; xx++) z[zr + xx] += w * x[xr + xx];
                            }
                        }
                    }
                }
            }
        }
        return z;
    }

    private double[] combine(int from, int length, double x, double y) {
        return DenseGridForward.combine(models, from, length, x, y);
    }

    /**
     * {convolutions, dense layers} of {@code net} with where the flat vector holds their
     * parameters, or null unless it is exactly: from the input, one or more (valid convolution
     * with bias and ReLU, stride 1, then 2 x 2 max pooling of even-sized maps), then ReLU dense
     * layers and a softmax output layer, each layer feeding the next.
     */
    static Object[] structure(ComputationGraph net, int classes) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        Map<String, GraphVertex> vertices = conf.getVertices();
        Map<String, List<String>> inputs = conf.getVertexInputs();
        ComputationGraph indexed = net.clone();
        int n = Math.toIntExact(indexed.numParams());
        double[] index = new double[n];
        for (int i = 0; i < n; i++) index[i] = i;
        indexed.setParams(Nd4j.create(index, new long[] {1, n}, DataType.DOUBLE));
        Layer[] layers = indexed.getLayers();
        List<Conv> convs = new ArrayList<>();
        List<Dense> dense = new ArrayList<>();
        String previous = conf.getNetworkInputs().size() == 1 ? conf.getNetworkInputs().get(0) : null;
        int c = 0, h = 0, w = 0, used = 0, flat = -1;
        for (int k = 0; k < layers.length; k++) {
            String name = layers[k].conf().getLayer().getLayerName();
            if (previous == null || !List.of(previous).equals(inputs.get(name))) return null;
            previous = name;
            org.deeplearning4j.nn.conf.layers.Layer layer = layers[k].conf().getLayer();
            boolean last = k == layers.length - 1;
            if (k == 0) {
                if (!(vertices.get(name) instanceof LayerVertex v) || !(v.getPreProcessor() instanceof FeedForwardToCnnPreProcessor p)) return null;
                c = (int) p.getNumChannels();
                h = (int) p.getInputHeight();
                w = (int) p.getInputWidth();
            }
            if (layer instanceof ConvolutionLayer conv && layer.getClass() == ConvolutionLayer.class) {
                if (!dense.isEmpty() || (!convs.isEmpty() && convs.size() * 2 != k) || convs.isEmpty() && k != 0) return null;
                int kernel = conv.getKernelSize()[0];
                boolean plain = conv.getKernelSize()[1] == kernel && Arrays.equals(conv.getStride(), new int[] {1, 1})
                        && Arrays.equals(conv.getPadding(), new int[] {0, 0}) && Arrays.equals(conv.getDilation(), new int[] {1, 1})
                        && conv.getConvolutionMode() == ConvolutionMode.Truncate && conv.hasBias()
                        && conv.getActivationFn() instanceof ActivationReLU && conv.getNIn() == c;
                if (!plain || h < kernel || w < kernel) return null;
                INDArray weights = layers[k].getParam("W");
                INDArray bias = layers[k].getParam("b");
                int out = (int) conv.getNOut();
                if (layers[k].paramTable().size() != 2 || !contiguous(weights.dup('c').data().asDouble())
                        || !contiguous(bias.dup().data().asDouble()) || weights.length() != (long) out * c * kernel * kernel) return null;
                convs.add(new Conv(c, h, w, out, kernel, (int) weights.getDouble(0), (int) bias.getDouble(0)));
                used += (int) weights.length() + out;
                c = out;
                h = h - kernel + 1;
                w = w - kernel + 1;
            } else if (layer instanceof SubsamplingLayer pool && layer.getClass() == SubsamplingLayer.class) {
                if (convs.size() * 2 - 1 != k) return null;
                boolean plain = pool.getPoolingType() == PoolingType.MAX && Arrays.equals(pool.getKernelSize(), new int[] {2, 2})
                        && Arrays.equals(pool.getStride(), new int[] {2, 2}) && Arrays.equals(pool.getPadding(), new int[] {0, 0})
                        && h % 2 == 0 && w % 2 == 0;   // even maps: Same and Truncate pool alike, no padding
                if (!plain) return null;
                h /= 2;
                w /= 2;
                flat = c * h * w;
            } else if (layer instanceof DenseLayer || (last && layer instanceof OutputLayer)) {
                if (convs.isEmpty() || (dense.isEmpty() && convs.size() * 2 != k)) return null;
                Object activation = ((BaseLayer) layer).getActivationFn();
                if (last ? !(activation instanceof ActivationSoftmax) : !(activation instanceof ActivationReLU)) return null;
                INDArray weights = layers[k].getParam("W");
                INDArray bias = layers[k].getParam("b");
                if (weights == null || bias == null || weights.rank() != 2 || layers[k].paramTable().size() != 2) return null;
                int in = (int) weights.size(0), out = (int) weights.size(1);
                if (in != flat || !contiguous(weights.dup('f').data().asDouble()) || !contiguous(bias.dup().data().asDouble())) return null;
                dense.add(new Dense(in, out, (int) weights.getDouble(0, 0), (int) bias.getDouble(0), !last));
                used += in * out + out;
                flat = out;
            } else {
                return null;
            }
        }
        if (convs.isEmpty() || dense.isEmpty() || flat != classes || used != n) return null;
        return new Object[] {convs, dense};
    }

    private static boolean contiguous(double[] indices) {
        for (int i = 1; i < indices.length; i++) if (indices[i] != indices[0] + i) return false;
        return true;
    }
}
