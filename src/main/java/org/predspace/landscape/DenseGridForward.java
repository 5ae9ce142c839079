package org.predspace.landscape;

import org.bytedeco.javacpp.DoublePointer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
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
import java.util.List;

/**
 * Scores the models of a grid of a plain dense network (softmax regression, ReLU MLP without
 * batch norm) faster than one DL4J forward pass per model, with the same result to rounding.
 *
 * <p>Why it is faster: the first layer's pre-activations are linear in its weights, so over the
 * grid theta = origin + x d_x + y d_y they are Z0 + x Zx + y Zy with Z0 = X W1(origin) + b1(origin)
 * and Zx, Zy the same for the directions, three products computed once. For the MLP 784-256-256-10
 * the first layer holds three quarters of the multiply-adds, so each model then costs about a
 * quarter of a full pass (bench/landscape-bench.sh). The later layers are computed per model as
 * usual, in double precision like CheckpointModel.
 *
 * <p>The network's structure is read, not assumed ({@link #of}): a chain of dense layers, each
 * weight matrix where DL4J's flat vector puts it; anything else gets null and the plain path.
 * One instance per worker thread.
 */
final class DenseGridForward {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    /** One dense layer: its weights at [w, w + in * out) of the flat vector ([in, out], column-major), bias at [b, b + out). */
    private record Dense(int in, int out, int w, int b, boolean relu) {}

    private final List<Dense> layers;
    private final ModelGrid models;
    private final int[] labels;
    private final int classes;
    private final INDArray z0, zx, zy;   // [n, out of layer 1]

    private DenseGridForward(List<Dense> layers, ModelGrid models, Samples samples) {
        this.layers = layers;
        this.models = models;
        this.labels = samples.labels();
        this.classes = layers.get(layers.size() - 1).out;
        double[] rows = new double[samples.features().length];
        for (int i = 0; i < rows.length; i++) rows[i] = samples.features()[i];
        INDArray x = Nd4j.create(rows, new long[] {samples.size(), samples.dimension()}, DataType.DOUBLE);
        Dense first = layers.get(0);
        z0 = preActivation(x, first, models.origin());
        zx = preActivation(x, first, models.xDirection());
        zy = preActivation(x, first, models.yDirection());
    }

    /**
     * The fast scorer of {@code models} on {@code samples} for {@code model}'s network, or null when
     * the network is not a plain dense chain (convolutions, batch norm, other activations).
     */
    static DenseGridForward of(CheckpointModel model, ModelGrid models, Samples samples) {
        List<Dense> layers = chain(model.network(), model.inputCount(), model.classCount());
        return layers == null ? null : new DenseGridForward(layers, models, samples);
    }

    /** Loss and accuracy of the model at (row, column). */
    ProbeScore score(int row, int column) {
        return ProbeScore.of(probabilities(row, column), labels, classes);
    }

    /** The softmax rows of the model at (row, column), [samples x classes] row-major. */
    double[] probabilities(int row, int column) {
        double x = models.xs()[column], y = models.ys()[row];
        INDArray h = z0.add(zx.mul(x)).addi(zy.mul(y));
        for (int k = 0; k < layers.size(); k++) {
            Dense layer = layers.get(k);
            if (k > 0) {
                h = h.mmul(weights(layer, x, y)).addiRowVector(bias(layer, x, y));
            }
            if (layer.relu) Transforms.relu(h, false);
        }
        // softmax as DL4J's ActivationSoftmax computes it: shifted by the row maximum
        h.subiColumnVector(h.max(true, 1));
        Transforms.exp(h, false);
        h.diviColumnVector(h.sum(true, 1));
        return h.dup('c').data().asDouble();
    }

    private INDArray weights(Dense layer, double x, double y) {
        return array(combine(layer.w, layer.in * layer.out, x, y), 'f', layer.in, layer.out);
    }

    private INDArray bias(Dense layer, double x, double y) {
        return array(combine(layer.b, layer.out, x, y), 'c', 1, layer.out);
    }

    private double[] combine(int from, int length, double x, double y) {
        return combine(models, from, length, x, y);
    }

    /**
     * A double array of this shape and order holding {@code values}, copied in one block:
     * Nd4j.create(double[], ...) copies element by element, which for LeNet's patch matrices
     * cost more than the products themselves.
     */
    static INDArray array(double[] values, char order, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape, order);
        new DoublePointer(a.data().addressPointer()).position(a.offset()).put(values, 0, values.length);
        return a;
    }

    /** origin + x d_x + y d_y of {@code models} over [from, from + length) of the flat vector. */
    static double[] combine(ModelGrid models, int from, int length, double x, double y) {
        double[] o = models.origin(), dx = models.xDirection(), dy = models.yDirection();
        double[] v = new double[length];
        for (int i = 0; i < length; i++) v[i] = o[from + i] + x * dx[from + i] + y * dy[from + i];
        return v;
    }

    private static INDArray preActivation(INDArray x, Dense layer, double[] theta) {
        double[] w = new double[layer.in * layer.out];
        System.arraycopy(theta, layer.w, w, 0, w.length);
        double[] b = new double[layer.out];
        System.arraycopy(theta, layer.b, b, 0, b.length);
        INDArray weights = Nd4j.create(w, new long[] {layer.in, layer.out}, 'f');
        return x.mmul(weights).addiRowVector(Nd4j.create(b, new long[] {1, layer.out}, DataType.DOUBLE));
    }

    /**
     * The dense layers of {@code net} in order, with where the flat vector holds their weights
     * (found by filling a copy's flat vector with its own indices, as ParameterLayout does), or
     * null unless the network is exactly: dense layers with ReLU, one after the other from the
     * input, ending in a softmax output layer, and nothing else.
     */
    static List<Dense> chain(ComputationGraph net, int inputs, int classes) {
        ComputationGraph indexed = net.clone();
        int n = Math.toIntExact(indexed.numParams());
        double[] index = new double[n];
        for (int i = 0; i < n; i++) index[i] = i;
        indexed.setParams(Nd4j.create(index, new long[] {1, n}, DataType.DOUBLE));
        List<Dense> layers = new ArrayList<>();
        int expectedIn = inputs, used = 0;
        Layer[] all = indexed.getLayers();
        for (int k = 0; k < all.length; k++) {
            org.deeplearning4j.nn.conf.layers.Layer conf = all[k].conf().getLayer();
            boolean last = k == all.length - 1;
            if (!(conf instanceof DenseLayer || (last && conf instanceof OutputLayer))) return null;
            Object activation = ((BaseLayer) conf).getActivationFn();
            if (last ? !(activation instanceof ActivationSoftmax) : !(activation instanceof ActivationReLU)) return null;
            INDArray w = all[k].getParam("W");
            INDArray b = all[k].getParam("b");
            if (w == null || b == null || w.rank() != 2 || all[k].paramTable().size() != 2) return null;
            int in = (int) w.size(0), out = (int) w.size(1);
            if (in != expectedIn) return null;
            double[] wIndex = w.dup('f').data().asDouble();   // column-major: [i + o * in]
            double[] bIndex = b.dup().data().asDouble();
            int wAt = (int) wIndex[0], bAt = (int) bIndex[0];
            for (int i = 0; i < wIndex.length; i++) if (wIndex[i] != wAt + i) return null;
            for (int o = 0; o < out; o++) if (bIndex[o] != bAt + o) return null;
            layers.add(new Dense(in, out, wAt, bAt, !last));
            used += in * out + out;
            expectedIn = out;
        }
        if (layers.isEmpty() || expectedIn != classes || used != n) return null;
        return layers;
    }
}
