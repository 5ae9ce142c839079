package org.predspace.training.engine;

import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.predspace.platform.NativeLibraries;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path for plain dense networks (softmax regression, ReLU MLPs without batch norm):
 * the same training as DL4J's ComputationGraph, computed with a dozen prepared ND4J ops on
 * preallocated arrays plus a Java loop for the update.
 *
 * <p>Why it exists: for an MLP 784-128-10, batch 128, Adam, one native thread, a DL4J fit
 * step costs ~4.5 ms on a quiet machine (28k samples/s) while PyTorch 1.13 takes ~1.1 ms.
 * The maths (two 128x784x128 GEMMs and small ones) takes ~0.7 ms; the rest was DL4J's
 * per-step overhead (workspaces, gradient maps, per-variable views, a fresh op context per
 * op) and the fused adam_updater op (~0.6 ms). This class keeps the maths, drops the overhead:
 * ~0.9 ms per step (bench/train-throughput.sh).
 *
 * <p>Same training: it starts from the DL4J network's parameters, reads the updater and
 * regularisation from the layer configuration DL4J built, applies them in DL4J's order with
 * libnd4j's formulas ({@link DenseUpdate}, {@link UpdateRule}), uses DL4J's loss conventions
 * (softmax clipped at LossMCXENT's epsilon, gradient and score averaged over the minibatch,
 * regularisation in the score) and keeps DL4J's parameter layout ({@link DenseLayerParams}).
 * DenseNetworkEquivalenceTest checks all of this against DL4J.
 */
public final class DenseNetwork implements TrainableNetwork {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private static final int MAX_INFERENCE_SHAPES = 4;
    private final List<DenseLayerParams> layers;
    private final FlatParameters params;
    private final double clipEps;
    private DenseActivations training;
    /** By row count: probe evaluation alternates full chunks and a last, shorter one. */
    private final Map<Integer, DenseActivations> inference = new HashMap<>();

    private DenseNetwork(List<DenseLayerParams> layers, INDArray params, INDArray gradients, IUpdater updater,
                         int iteration, double clipEps) {
        this.layers = layers;
        this.params = new FlatParameters(params, gradients, updater,
                layers.stream().flatMap(l -> l.regions().stream()).toList(), iteration);
        this.clipEps = clipEps;
    }

    /** Whether the fast path can train this spec: softmax regression, or an MLP without batch norm. */
    public static boolean supports(TrainingSpec spec) {
        return spec.architecture() == Architecture.LINEAR
                || (spec.architecture() == Architecture.MLP && !spec.batchNorm());
    }

    /**
     * A dense network with the parameters, updater and regularisation of {@code net}, which must
     * be a chain of ReLU dense layers ending in a softmax / multi-class cross-entropy output layer.
     */
    public static DenseNetwork of(ComputationGraph net) {
        List<BaseLayer> confs = new ArrayList<>();
        List<Layer> dl4jLayers = new ArrayList<>();
        if (!net.getConfiguration().getDefaultConfiguration().isMiniBatch()) {
            throw unsupported("gradients are not averaged over the minibatch");
        }
        for (int i : net.topologicalSortOrder()) {
            GraphVertex v = net.getVertices()[i];
            if (v.isInputVertex()) continue;
            if (!v.hasLayer()) throw unsupported("vertex " + v.getVertexName() + " is not a layer");
            dl4jLayers.add(v.getLayer());
            confs.add(checked((BaseLayer) v.getLayer().conf().getLayer(), confs.isEmpty() ? null : confs.get(0)));
        }
        LossMCXENT loss = SoftmaxCrossEntropy.lossOf(confs.get(confs.size() - 1));
        if (loss == null) throw unsupported("the output layer is not softmax with unweighted multi-class cross-entropy");
        int size = (int) net.numParams();
        INDArray params = net.params().castTo(DataType.FLOAT).dup('c').reshape(1, size);
        INDArray gradients = Nd4j.create(DataType.FLOAT, 1, size);
        List<DenseLayerParams> layers = new ArrayList<>();
        int offset = 0;
        for (int l = 0; l < confs.size(); l++) {
            DenseLayerParams p = DenseLayerParams.at(confs.get(l), params, gradients, offset);
            if (l > 0 && p.nIn() != layers.get(l - 1).nOut()) throw unsupported("layers do not form a chain");
            if (!p.w().equals(dl4jLayers.get(l).getParam("W"))) throw new IllegalStateException("parameter layout differs from DL4J's");
            layers.add(p);
            offset += p.size();
        }
        if (offset != size) throw new IllegalStateException("parameter count differs from DL4J's");
        return new DenseNetwork(layers, params, gradients, confs.get(0).getIUpdater(), net.getIterationCount(),
                loss.getSoftmaxClipEps());
    }

    /** {@code conf} when it is a ReLU dense layer or the output layer, trained like {@code first}. */
    static BaseLayer checked(BaseLayer conf, BaseLayer first) {
        boolean hidden = conf instanceof DenseLayer d && d.hasBias() && !d.hasLayerNorm()
                && conf.getActivationFn() instanceof ActivationReLU relu && relu.equals(new ActivationReLU());
        if (!hidden && !(conf instanceof OutputLayer o && o.hasBias())) throw unsupported(conf.getLayerName() + " is not a ReLU dense layer");
        String why = LayerTraining.unsupported(conf, first == null ? conf.getIUpdater() : first.getIUpdater());
        if (why != null) throw unsupported(why);
        return conf;
    }

    private static IllegalArgumentException unsupported(String why) {
        return new IllegalArgumentException("not a plain dense network: " + why);
    }

    @Override
    public double fitBatch(float[] x, float[] y, int batch) {
        if (training == null || training.rows != batch) training = new DenseActivations(batch, layers);
        double loss = SoftmaxCrossEntropy.lossAndDelta(training.forward(x), y, training.delta, batch, clipEps);
        training.backward();
        return params.step(loss);
    }

    @Override
    public float[] predict(float[] x, int rows) {
        return inference(rows).forward(x).clone();
    }

    @Override
    public int featureSize() {
        return layers.size() > 1 ? layers.get(layers.size() - 1).nIn() : 0;
    }

    @Override
    public float[] features(float[] x, int rows) {
        return inference(rows).features(x);
    }

    @Override
    public Outputs predictWithFeatures(float[] x, int rows) {
        DenseActivations pass = inference(rows);
        float[] probabilities = pass.forward(x).clone();
        return new Outputs(probabilities, pass.lastFeatures());
    }

    private DenseActivations inference(int rows) {
        if (inference.size() > MAX_INFERENCE_SHAPES) inference.clear();
        return inference.computeIfAbsent(rows, r -> new DenseActivations(r, layers));
    }

    @Override
    public float[] parameters() { return params.copy(); }

    @Override
    public long numParams() { return params.size(); }

    @Override
    public String implementation() { return "nd4j-dense"; }
}
