package org.predspace.spectra;

import org.bytedeco.javacpp.DoublePointer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.InputShape;
import org.predspace.platform.NativeLibraries;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A checkpoint's network rebuilt in double precision on its own copy of the parameters:
 * what every network spectrum differentiates. Never shares anything with a training thread
 * (DL4J networks are not thread-safe, docs/architecture.md); own one per task, on one thread.
 *
 * <p>Double precision because the spectra span many decades (docs/science.md §7): float gradients
 * carry ~1e-7 relative noise, which would swamp the small Fisher eigenvalues and make the
 * finite-difference Hessian-vector products useless.
 */
public final class CheckpointModel {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private final ComputationGraph net;
    private final int inputs;
    private final int classes;
    private final int parameters;
    /** Null, or the samples whose batch-norm statistics are set at every new parameter vector (forward-only models). */
    private final BatchNormStatistics statistics;
    /** The vector last given to setParameters, kept for a batch-norm model only: the same vector twice costs one recomputation. */
    private double[] lastSet;

    private CheckpointModel(ComputationGraph net, int inputs, int classes, BatchNormStatistics statistics) {
        this.net = net;
        this.inputs = inputs;
        this.classes = classes;
        this.parameters = Math.toIntExact(net.numParams());
        this.statistics = statistics;
    }

    /**
     * Rebuilds the spec's network for data of this shape and loads {@code params} (a snapshot in
     * the order of DL4J's flat parameter vector). Refuses batch norm: in training mode it couples
     * the samples of a batch, so per-sample gradients (Fisher) are not defined.
     */
    public static CheckpointModel of(TrainingSpec spec, InputShape shape, int classes, float[] params) {
        if (hasBatchNorm(spec)) {
            throw new IllegalArgumentException("spectra need per-sample gradients, which batch norm (architecture "
                    + spec.architecture().id() + (spec.batchNorm() ? " with batch norm" : "")
                    + ") does not have; use linear, mlp or lenet without batch norm");
        }
        return build(spec, shape, classes, params, null);
    }

    /**
     * A model for forward passes only (losses along lines and planes, predictions), which also
     * takes networks with batch norm: their running statistics are not parameters to interpolate
     * but a function of the weights, so at every parameter vector set they are recomputed as the
     * mean and (biased) variance of each batch-norm input over {@code trainProbe} (docs/science.md
     * §8), and every forward pass normalises with those. Gradients of such a model are refused.
     * Without batch norm this is {@link #of}.
     */
    public static CheckpointModel forwardOnly(TrainingSpec spec, InputShape shape, int classes, float[] params, Samples trainProbe) {
        return build(spec, shape, classes, params, hasBatchNorm(spec) ? new BatchNormStatistics(trainProbe) : null);
    }

    public static boolean hasBatchNorm(TrainingSpec spec) {
        return spec.batchNorm() || spec.architecture() == Architecture.ALLCNN || spec.architecture() == Architecture.RESNET;
    }

    private static CheckpointModel build(TrainingSpec spec, InputShape shape, int classes, float[] params, BatchNormStatistics statistics) {
        NativeBackend.configure();
        ComputationGraph floatNet = NetworkFactory.build(spec, shape, classes, 1);
        if (floatNet.numParams() != params.length) {
            throw new IllegalArgumentException("the snapshot has " + params.length + " parameters but the network "
                    + spec.architecture().id() + " on " + shape + " has " + floatNet.numParams());
        }
        ComputationGraph net = floatNet.convertDataType(DataType.DOUBLE);
        CheckpointModel model = new CheckpointModel(net, shape.size(), classes, statistics);
        double[] w = new double[params.length];
        for (int i = 0; i < w.length; i++) w[i] = params[i];
        model.setParameters(w);
        return model;
    }

    /**
     * An independent copy (network, parameters, buffers) for another thread: DL4J networks are
     * not thread-safe, so parallel per-sample gradients take one copy per worker.
     */
    public CheckpointModel copy() {
        CheckpointModel copy = new CheckpointModel(net.clone(), inputs, classes, statistics);
        copy.lastSet = lastSet;   // never changed in place, so shared safely
        return copy;
    }

    /** Whether batch-norm statistics are recomputed at each parameter vector (and gradients refused). */
    public boolean recomputesBatchNorm() { return statistics != null; }

    public int parameterCount() { return parameters; }
    public int inputCount() { return inputs; }
    public int classCount() { return classes; }

    /** A copy of the current parameters. */
    public double[] parameters() {
        return net.params().dup().data().asDouble();
    }

    public void setParameters(double[] w) {
        if (w.length != parameters) throw new IllegalArgumentException("expected " + parameters + " parameters, got " + w.length);
        if (statistics != null && Arrays.equals(w, lastSet)) return;   // e.g. the test probe after the train probe
        net.setParams(Nd4j.create(w, new long[] {1, parameters}, DataType.DOUBLE));
        if (statistics != null) {
            statistics.recompute(net, this::rowsOf);
            lastSet = w.clone();
        }
    }

    /** Softmax outputs for {@code rows} samples of {@code features} starting at sample {@code first}, row-major [rows, C]. */
    public double[] probabilities(float[] features, int first, int rows) {
        INDArray x = rowsOf(features, first, rows);
        return net.outputSingle(false, x).dup('c').data().asDouble();
    }

    /**
     * Gradient of the summed cross-entropy of the samples {@code first..first+rows-1} against
     * the given target rows ([rows, C], one-hot or soft), written into {@code dest}. Summed, not
     * averaged: callers scale. Regularisation is not included (DL4J applies it in the updater).
     */
    public void lossGradient(float[] features, int first, int rows, double[] targets, double[] dest) {
        if (statistics != null) throw new IllegalStateException("a forward-only model with batch norm has no per-sample gradients");
        net.setInputs(rowsOf(features, first, rows));
        net.setLabels(reused(targetBuffers, rows, classes, targets));
        net.computeGradientAndScore();
        INDArray g = net.gradient().gradient();
        // Read straight from the (reused) flattened gradient buffer: dup() per call would allocate
        // an off-heap copy freed only by the garbage collector, which on LeNet's 5,000 rows
        // cost seconds and hundreds of MB of resident memory.
        if (g.length() != parameters || g.elementWiseStride() != 1 || g.dataType() != DataType.DOUBLE) {
            System.arraycopy(g.dup().data().asDouble(), 0, dest, 0, parameters);
        } else {
            DoublePointer p = new DoublePointer(g.data().addressPointer());
            p.position(g.offset()).get(dest, 0, parameters);
        }
    }

    /**
     * The input rows as a double array, reusing one buffer per batch size: per-sample gradients
     * call this thousands of times, and each fresh off-heap array would be freed only when the
     * garbage collector gets round to it (LeNet, n = 500: +0.5 GB resident).
     */
    INDArray rowsOf(float[] features, int first, int rows) {
        double[] x = new double[rows * inputs];
        for (int i = 0; i < x.length; i++) x[i] = features[first * inputs + i];
        return reused(inputBuffers, rows, inputs, x);
    }

    private final Map<Integer, INDArray> inputBuffers = new HashMap<>();
    private final Map<Integer, INDArray> targetBuffers = new HashMap<>();

    private static INDArray reused(Map<Integer, INDArray> cache, int rows, int columns, double[] values) {
        INDArray a = cache.get(rows);
        if (a == null) {
            a = Nd4j.create(DataType.DOUBLE, rows, columns);
            if (cache.size() < 4) cache.put(rows, a);
        }
        new DoublePointer(a.data().addressPointer()).position(a.offset()).put(values, 0, values.length);
        return a;
    }

    /** The network itself, for code that reads its structure (the landscape's fast dense path); do not change it. */
    public ComputationGraph network() { return net; }
}
