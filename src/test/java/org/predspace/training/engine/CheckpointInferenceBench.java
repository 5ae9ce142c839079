package org.predspace.training.engine;

import org.predspace.data.Dataset;
import org.predspace.data.DatasetCatalog;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A checkpoint's inference on the convolutional fast path (bench/checkpoint-inference.sh): 3,000
 * MNIST rows (a checkpoint's probe, test probe and prototypes) in chunks of 250, as ChunkedRows
 * feeds them, through the NCHW pass ({@link ConvPass}, training's layout, which inference ran
 * before) and the channels-last pass ({@link ChannelsLastInference}, what ConvNetwork runs now),
 * alternating; thread CPU time, medians of the repeats, and each step of both passes timed alone
 * over the same chunks (convolutions, ReLUs, batch norm, pooling; the rest is the dense layers and
 * the input copy). Not a test: a main.
 *
 * <p>Usage: CheckpointInferenceBench ARCH[,ARCH...] REPEATS, ARCH one of lenet, lenet-bn, allcnn
 */
public final class CheckpointInferenceBench {
    private static final int ROWS = 3000, CHUNK = 250;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        NativeBackend.configure();
        Dataset mnist = new DatasetCatalog().load("mnist").train();
        int size = mnist.shape().size();
        float[] chunk = Arrays.copyOf(mnist.featuresView(), CHUNK * size);
        int repeats = Integer.parseInt(args[1]);
        for (String arch : args[0].split(",")) {
            TrainingSpec spec = TrainingSpec.builder("mnist")
                    .architecture(arch.startsWith("lenet") ? Architecture.LENET : Architecture.ALLCNN)
                    .batchNorm(!arch.equals("lenet")).build();
            ConvNetwork net = ConvNetwork.of(NetworkFactory.build(spec, mnist.shape(), 10, 312), mnist.shape());
            ConvPass nchw = new ConvPass(CHUNK, net.shape(), net.stages(), net.denseLayers(), false);
            ChannelsLastInference nhwc = new ChannelsLastInference(CHUNK, net.shape(), net.stages(), net.denseLayers());
            double[] before = new double[repeats], after = new double[repeats];
            for (int w = 0; w < 3; w++) {
                checkpoint(() -> nchw.forward(chunk));
                checkpoint(() -> nhwc.forward(chunk));
            }
            for (int r = 0; r < repeats; r++) {
                before[r] = checkpoint(() -> nchw.forward(chunk));
                after[r] = checkpoint(() -> nhwc.forward(chunk));
            }
            double b = median(before), a = median(after);
            System.out.printf(Locale.ROOT, "%s checkpoint (%d rows) CPU ms: NCHW %.1f, channels-last %.1f; NCHW/channels-last %.2f%n",
                    arch, ROWS, b, a, b / a);
            System.out.printf(Locale.ROOT, "  NCHW steps alone: %s%n", steps(nchw, ConvPass.class));
            System.out.printf(Locale.ROOT, "  channels-last steps alone: %s%n", steps(nhwc, ChannelsLastInference.class));
        }
    }

    /** CPU ms of this thread for a checkpoint's chunks. */
    private static double checkpoint(Runnable chunk) {
        long start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < ROWS / CHUNK; i++) chunk.run();
        return (CPU.getCurrentThreadCpuTime() - start) / 1e6;
    }

    /** Each forward step of a pass (its private list, read reflectively) run alone over a checkpoint's chunks, CPU ms. */
    @SuppressWarnings("unchecked")
    private static String steps(Object pass, Class<?> type) throws ReflectiveOperationException {
        var field = type.getDeclaredField("forward");
        field.setAccessible(true);
        StringBuilder s = new StringBuilder();
        for (Runnable step : (List<Runnable>) field.get(pass)) s.append(String.format(Locale.ROOT, "%.1f ", checkpoint(step)));
        return s.toString().trim();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
