package org.predspace.training.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.predspace.data.InputShape;
import org.predspace.platform.NativeLibraries;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path for convolutional networks without branches (LeNet-5, with or without batch
 * norm, and allcnn): convolutions, batch norm and max pooling with ReLU, global average pooling,
 * then ReLU dense layers and a softmax output, computed with prepared libnd4j ops (oneDNN
 * convolutions) and Java loops (batch norm, {@link BatchNormPass}) on preallocated arrays and
 * updated by the same Java loop as {@link DenseNetwork}. Inference (checkpoint predictions and
 * features) runs the same layers channels-last, {@link ChannelsLastInference}: oneDNN's NHWC
 * convolutions are 2-3x faster, and a checkpoint puts 3,000 rows through them.
 *
 * <p>Why it exists: DL4J's ComputationGraph took ~45 ms CPU per LeNet step at batch 128 on
 * one thread where PyTorch 1.13 takes ~14 ms. Most of it was not DL4J's bookkeeping but
 * libnd4j's oneDNN conv2d_bp on the one-channel first layer (~20 ms, see
 * {@link FirstLayerWeightGradient}); the rest was per-op overhead, workspaces and the fused
 * updater, as for the MLP (bench/README.md, training throughput).
 *
 * <p>Same training as DL4J, as for {@link DenseNetwork}: DL4J's initial parameters and their
 * layout (conv bias then weights, dense weights column-major, batch norm's gamma, beta and
 * running statistics), its updater and regularisation, its loss conventions.
 * ConvNetworkEquivalenceTest and BatchNormConvEquivalenceTest check it against DL4J.
 */
public final class ConvNetwork implements TrainableNetwork {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    private static final int MAX_INFERENCE_SHAPES = 4;
    private final InputShape shape;
    private final List<FeatureMapStage> stages;
    private final List<DenseLayerParams> denseLayers;
    private final FlatParameters params;
    private final double clipEps;
    private ConvPass training;
    /** Whether training passes hold their maps channels last ({@link ConvPass#channelsLast}); tests compare both layouts. */
    private boolean channelsLastTraining;
    /** By row count: probe evaluation alternates full chunks and a last, shorter one. */
    private final Map<Integer, ChannelsLastInference> inference = new HashMap<>();

    private ConvNetwork(InputShape shape, List<FeatureMapStage> stages, List<DenseLayerParams> denseLayers,
                        List<ParamRegion> regions, INDArray params, INDArray gradients, BaseLayer first, int iteration,
                        double clipEps) {
        this.shape = shape;
        this.stages = stages;
        this.denseLayers = denseLayers;
        this.params = new FlatParameters(params, gradients, first.getIUpdater(), regions, iteration);
        this.clipEps = clipEps;
        this.channelsLastTraining = ConvPass.channelsLast(shape, stages);
    }

    /** Whether the fast path can train this spec: LeNet and allcnn (the residual net has branches). */
    public static boolean supports(TrainingSpec spec) {
        return spec.architecture() == Architecture.LENET || spec.architecture() == Architecture.ALLCNN;
    }

    /**
     * A convolutional network with the parameters, updater and regularisation of {@code net}, which
     * must be a chain of ReLU (or linear) convolutions, batch norm layers (each may be followed by
     * a ReLU activation layer) and max pooling over NCHW images of {@code shape}, optionally a
     * global average pooling, then ReLU dense layers, ending in a softmax / multi-class
     * cross-entropy output.
     */
    public static ConvNetwork of(ComputationGraph net, InputShape shape) {
        if (!shape.image()) throw unsupported("the input is not an image");
        if (!net.getConfiguration().getDefaultConfiguration().isMiniBatch()) {
            throw unsupported("gradients are not averaged over the minibatch");
        }
        int size = (int) net.numParams();
        INDArray params = net.params().castTo(DataType.FLOAT).dup('c').reshape(1, size);
        INDArray gradients = Nd4j.create(DataType.FLOAT, 1, size);
        List<FeatureMapStage> stages = new ArrayList<>();
        List<DenseLayerParams> dense = new ArrayList<>();
        List<ParamRegion> regions = new ArrayList<>();
        BaseLayer first = null;
        BaseLayer last = null;
        String previous = null;
        int offset = 0;
        int channels = shape.channels(), height = shape.height(), width = shape.width();
        for (int i : net.topologicalSortOrder()) {
            GraphVertex v = net.getVertices()[i];
            if (v.isInputVertex()) {
                previous = v.getVertexName();
                continue;
            }
            if (!v.hasLayer()) throw unsupported("vertex " + v.getVertexName() + " is not a layer");
            if (!List.of(previous).equals(net.getConfiguration().getVertexInputs().get(v.getVertexName()))) {
                throw unsupported("layers do not form a chain at " + v.getVertexName());
            }
            previous = v.getVertexName();
            Layer layer = v.getLayer();
            var conf = layer.conf().getLayer();   // DL4J's configuration Layer, not the api Layer above
            if (conf instanceof SubsamplingLayer pool) {
                if (!dense.isEmpty()) throw unsupported("pooling after a dense layer");
                if (pool.getPoolingType() != PoolingType.MAX || !Arrays.equals(pool.getDilation(), new int[] {1, 1})
                        || pool.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
                    throw unsupported(pool.getLayerName() + " is not an NCHW max pooling without dilation");
                }
                MaxPoolGeometry geometry = MaxPoolGeometry.of(pool);
                stages.add(geometry);
                height = geometry.outputSize(height, true);
                width = geometry.outputSize(width, false);
                continue;
            }
            if (conf instanceof ActivationLayer activation) {
                boolean afterBatchNorm = !stages.isEmpty() && dense.isEmpty()
                        && stages.get(stages.size() - 1) instanceof BatchNormParams bn && !bn.relu();
                if (!afterBatchNorm || !isPlainRelu(activation.getActivationFn())) {
                    throw unsupported(activation.getLayerName() + " is not a ReLU after a batch norm");
                }
                stages.set(stages.size() - 1, ((BatchNormParams) stages.get(stages.size() - 1)).withRelu());
                continue;
            }
            if (conf instanceof GlobalPoolingLayer global) {
                if (!dense.isEmpty() || !GlobalAveragePool.matches(global)) {
                    throw unsupported(global.getLayerName() + " is not an average pooling of feature maps");
                }
                stages.add(new GlobalAveragePool());
                height = 1;
                width = 1;
                continue;
            }
            if (!(conf instanceof BaseLayer base)) throw unsupported(v.getVertexName() + " is neither a convolution, a batch norm, a pooling nor a dense layer");
            if (first == null) first = base;
            String why = LayerTraining.unsupported(base, first.getIUpdater());
            if (why != null) throw unsupported(why);
            if (conf instanceof BatchNormalization norm) {
                if (!dense.isEmpty() || stages.isEmpty()) throw unsupported(norm.getLayerName() + " does not normalise feature maps");
                BatchNormParams p = BatchNormParams.at(norm, layer, params, gradients, offset);
                p.channels(channels);
                stages.add(p);
                regions.addAll(p.regions());
                offset += p.size();
            } else if (conf instanceof ConvolutionLayer conv) {
                if (!dense.isEmpty()) throw unsupported("convolution after a dense layer");
                checkConvolution(conv);
                ConvLayerParams p = ConvLayerParams.at(conv, conv.getActivationFn() instanceof ActivationReLU, params, gradients, offset);
                if (p.nIn() != channels) throw unsupported(conv.getLayerName() + " reads " + p.nIn() + " channels of " + channels);
                checkLayout(layer, p.w(), p.b());
                stages.add(p);
                channels = p.nOut();
                height = p.outputSize(height, true);
                width = p.outputSize(width, false);
                regions.addAll(p.regions());
                offset += p.size();
            } else {
                DenseLayerParams p = DenseLayerParams.at(DenseNetwork.checked(base, first), params, gradients, offset);
                int in = dense.isEmpty() ? channels * height * width : dense.get(dense.size() - 1).nOut();
                if (p.nIn() != in) throw unsupported(base.getLayerName() + " reads " + p.nIn() + " values of " + in);
                checkLayout(layer, p.w(), p.b());
                dense.add(p);
                regions.addAll(p.regions());
                offset += p.size();
            }
            last = base;
        }
        LossMCXENT loss = last == null ? null : SoftmaxCrossEntropy.lossOf(last);
        if (loss == null || stages.isEmpty()) throw unsupported("not convolutions ending in a softmax multi-class cross-entropy output");
        if (offset != size) throw new IllegalStateException("parameter count differs from DL4J's");
        return new ConvNetwork(shape, List.copyOf(stages), List.copyOf(dense), regions, params, gradients, first,
                net.getIterationCount(), loss.getSoftmaxClipEps());
    }

    private static void checkConvolution(ConvolutionLayer conv) {
        IActivation activation = conv.getActivationFn();
        boolean plain = conv.getClass() == ConvolutionLayer.class
                && Arrays.equals(conv.getDilation(), new int[] {1, 1}) && conv.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && (activation instanceof ActivationIdentity || isPlainRelu(activation));
        if (!plain) throw unsupported(conv.getLayerName() + " is not an NCHW convolution with ReLU or no activation, no dilation");
    }

    private static boolean isPlainRelu(IActivation activation) {
        return activation instanceof ActivationReLU relu && relu.equals(new ActivationReLU());
    }

    private static void checkLayout(Layer layer, INDArray w, INDArray b) {
        boolean same = w.equals(layer.getParam("W"))
                && (b == null ? layer.getParam("b") == null : b.equals(layer.getParam("b").reshape(b.shape())));
        if (!same) throw new IllegalStateException("parameter layout differs from DL4J's");
    }

    private static IllegalArgumentException unsupported(String why) {
        return new IllegalArgumentException("not a plain convolutional network: " + why);
    }

    @Override
    public double fitBatch(float[] x, float[] y, int batch) {
        if (training == null || training.rows != batch) {
            training = new ConvPass(batch, shape, stages, denseLayers, true, channelsLastTraining);
        }
        double loss = SoftmaxCrossEntropy.lossAndDelta(training.forward(x), y, training.dense.delta, batch, clipEps);
        training.backward();
        return params.step(loss);
    }

    /** Trains with NHWC maps ({@code channelsLast}) or NCHW ones from the next step on, whatever the default: tests compare the two. */
    void trainChannelsLast(boolean channelsLast) {
        channelsLastTraining = channelsLast;
        training = null;
    }

    boolean trainsChannelsLast() { return channelsLastTraining; }

    @Override
    public float[] predict(float[] x, int rows) {
        return inference(rows).forward(x).clone();
    }

    @Override
    public int featureSize() {
        return denseLayers.get(denseLayers.size() - 1).nIn();   // with no hidden dense layer: the flattened maps
    }

    @Override
    public float[] features(float[] x, int rows) {
        return predictWithFeatures(x, rows).features();
    }

    @Override
    public Outputs predictWithFeatures(float[] x, int rows) {
        ChannelsLastInference pass = inference(rows);
        float[] probabilities = pass.forward(x).clone();
        return new Outputs(probabilities, pass.features());
    }

    /** Inference runs channels-last ({@link ChannelsLastInference}): the same outputs as training's NCHW pass, faster. */
    private ChannelsLastInference inference(int rows) {
        if (inference.size() > MAX_INFERENCE_SHAPES) inference.clear();
        return inference.computeIfAbsent(rows, r -> new ChannelsLastInference(r, shape, stages, denseLayers));
    }

    /** The input shape, feature map stages and dense layers, for passes built outside (tests comparing layouts). */
    InputShape shape() { return shape; }

    List<FeatureMapStage> stages() { return stages; }

    List<DenseLayerParams> denseLayers() { return denseLayers; }

    @Override
    public float[] parameters() { return params.copy(); }

    @Override
    public long numParams() { return params.size(); }

    @Override
    public String implementation() { return "nd4j-conv"; }
}
