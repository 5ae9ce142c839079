package org.predspace.training.engine;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.predspace.data.InputShape;
import org.predspace.platform.NativeLibraries;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.ArchitectureFit;
import org.predspace.training.spec.OptimizerKind;
import org.predspace.training.spec.TrainingSpec;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the DL4J network for a {@link TrainingSpec}. Every architecture is a
 * ComputationGraph (the residual net needs one), fed flat rows of {@code shape.size()}
 * floats; convolutional nets reshape them to C x H x W through DL4J's flat-image input type.
 */
public final class NetworkFactory {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    /** Classic momentum for SGD with Nesterov, as in Mao et al. */
    static final double NESTEROV_MOMENTUM = 0.9;
    /** Images at least this wide use LeNet's original unpadded convolutions. */
    private static final int LENET_VALID_MIN_SIZE = 20;

    private NetworkFactory() {}

    public static ComputationGraph build(TrainingSpec spec, InputShape shape, int classes, long totalSteps) {
        ArchitectureFit.check(spec, shape);
        long warmup = Math.round(spec.warmupFraction() * totalSteps);
        ISchedule rate = new CosineWarmupSchedule(spec.schedule(), spec.learningRate(), totalSteps, warmup);

        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(initSeed(spec.seed()))
                .dataType(DataType.FLOAT)
                .updater(updater(spec.optimizer(), rate))
                .weightInit(spec.architecture() == Architecture.LINEAR ? WeightInit.XAVIER : WeightInit.RELU)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        if (spec.weightDecay() > 0) {
            if (spec.optimizer() == OptimizerKind.ADAMW) {
                // decoupled decay, scaled by the learning rate: AdamW (Loshchilov and Hutter)
                base.regularization(List.of(new WeightDecay(spec.weightDecay(), true)));
            } else {
                // classical coupled L2 penalty, what "weight decay" means for SGD-style optimisers
                base.l2(spec.weightDecay());
            }
        }

        GraphBuilder g = base.graphBuilder().addInputs("in");
        String last = switch (spec.architecture()) {
            case LINEAR -> "in";
            case MLP -> mlp(g, spec);
            case LENET -> lenet(g, spec, shape);
            case ALLCNN -> globalAverage(g, allCnn(g));
            case RESNET -> globalAverage(g, resNet(g));
        };
        g.addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(classes).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), last);
        g.setOutputs("out");
        g.setInputTypes(shape.image()
                ? InputType.convolutionalFlat(shape.height(), shape.width(), shape.channels())
                : InputType.feedForward(shape.size()));

        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    /**
     * DL4J treats seed 0 as "no seed" and then initialises from the clock, so user seed 0
     * would not be reproducible. Every user seed is mapped through SplitMix64 to a non-zero one.
     */
    static long initSeed(long seed) {
        long mixed = new SplittableRandom(seed).nextLong();
        return mixed != 0 ? mixed : 1;
    }

    static IUpdater updater(OptimizerKind kind, ISchedule rate) {
        return switch (kind) {
            case SGD -> new Sgd(rate);
            case NESTEROV -> new Nesterovs(rate, NESTEROV_MOMENTUM);
            case ADAM, ADAMW -> new Adam(rate);
            case RMSPROP -> new RmsProp(rate);
        };
    }

    private static String mlp(GraphBuilder g, TrainingSpec spec) {
        String prev = "in";
        for (int i = 0; i < spec.hiddenLayers(); i++) {
            String name = "dense" + i;
            g.addLayer(name, new DenseLayer.Builder().nOut(spec.width())
                    .activation(spec.batchNorm() ? Activation.IDENTITY : Activation.RELU).build(), prev);
            prev = spec.batchNorm() ? batchNormRelu(g, name) : name;
        }
        return prev;
    }

    /** Batch norm between the linear map and its ReLU, as in Ioffe and Szegedy. */
    private static String batchNormRelu(GraphBuilder g, String input) {
        g.addLayer(input + "_bn", new BatchNormalization.Builder().build(), input);
        g.addLayer(input + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), input + "_bn");
        return input + "_relu";
    }

    private static String conv(GraphBuilder g, String name, String input, int channels, int kernel, int stride,
                               ConvolutionMode mode, boolean batchNorm) {
        g.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(channels)
                .convolutionMode(mode).activation(batchNorm ? Activation.IDENTITY : Activation.RELU)
                .hasBias(!batchNorm).build(), input);
        return batchNorm ? batchNormRelu(g, name) : name;
    }

    /** LeNet-5 widths (6 and 16 channels, dense 120 and 84); padded on small images such as 8x8 digits. */
    private static String lenet(GraphBuilder g, TrainingSpec spec, InputShape shape) {
        ConvolutionMode mode = Math.min(shape.height(), shape.width()) >= LENET_VALID_MIN_SIZE
                ? ConvolutionMode.Truncate : ConvolutionMode.Same;
        String c1 = conv(g, "conv1", "in", 6, 5, 1, mode, spec.batchNorm());
        g.addLayer("pool1", maxPool(), c1);
        String c2 = conv(g, "conv2", "pool1", 16, 5, 1, mode, spec.batchNorm());
        g.addLayer("pool2", maxPool(), c2);
        g.addLayer("fc1", new DenseLayer.Builder().nOut(120).activation(Activation.RELU).build(), "pool2");
        g.addLayer("fc2", new DenseLayer.Builder().nOut(84).activation(Activation.RELU).build(), "fc1");
        return "fc2";
    }

    private static String globalAverage(GraphBuilder g, String input) {
        g.addLayer("global_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), input);
        return "global_pool";
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .convolutionMode(ConvolutionMode.Same).build();
    }

    /** Springenberg et al.'s all-convolutional idea, shrunk: strided convs instead of pooling. */
    private static String allCnn(GraphBuilder g) {
        ConvolutionMode same = ConvolutionMode.Same;
        // 16/32 channels rather than the paper's 96/192: ~1.5 GFLOP per 128-image step on one core
        String x = conv(g, "conv1", "in", 16, 3, 1, same, true);
        x = conv(g, "conv2", x, 16, 3, 2, same, true);
        x = conv(g, "conv3", x, 32, 3, 1, same, true);
        x = conv(g, "conv4", x, 32, 3, 2, same, true);
        return conv(g, "conv5", x, 32, 1, 1, same, true);
    }

    /** A small ResNet: 16-channel stem, one identity block, one down-sampling block to 32 channels. */
    private static String resNet(GraphBuilder g) {
        String stem = conv(g, "stem", "in", 16, 3, 1, ConvolutionMode.Same, true);
        String b1 = residualBlock(g, "block1", stem, 16, 1);
        return residualBlock(g, "block2", b1, 32, 2);
    }

    private static String residualBlock(GraphBuilder g, String name, String input, int channels, int stride) {
        ConvolutionMode same = ConvolutionMode.Same;
        String a = conv(g, name + "_conv1", input, channels, 3, stride, same, true);
        g.addLayer(name + "_conv2", new ConvolutionLayer.Builder(3, 3).nOut(channels).convolutionMode(same)
                .activation(Activation.IDENTITY).hasBias(false).build(), a);
        g.addLayer(name + "_bn2", new BatchNormalization.Builder().build(), name + "_conv2");
        String shortcut = input;
        if (stride != 1) {
            // projection shortcut: the identity cannot change resolution or width
            g.addLayer(name + "_proj", new ConvolutionLayer.Builder(1, 1).stride(stride, stride).nOut(channels)
                    .convolutionMode(same).activation(Activation.IDENTITY).hasBias(false).build(), input);
            g.addLayer(name + "_proj_bn", new BatchNormalization.Builder().build(), name + "_proj");
            shortcut = name + "_proj_bn";
        }
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "_bn2", shortcut);
        g.addLayer(name + "_out", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_add");
        return name + "_out";
    }
}
