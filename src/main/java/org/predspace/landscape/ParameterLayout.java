package org.predspace.landscape;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.InputShape;
import org.predspace.platform.NativeLibraries;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.TrainingSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where each filter of a network sits in DL4J's flat parameter vector (the order of a snapshot).
 * A filter is what filter normalisation rescales (docs/science.md §8): a dense layer's output
 * neuron (a column of W, shaped [nIn, nOut]) or a convolution's output channel (W[o, :, :, :],
 * shaped [nOut, nIn, kH, kW]). Everything else (biases, batch-norm parameters) is "other".
 * Among the others, a batch-norm layer's running mean and variance are told apart: DL4J keeps
 * them in the flat vector, but they are statistics of the weights, not weights (docs/science.md §8).
 *
 * <p>The layout is read, not assumed: the flat vector is filled with its own indices and each
 * layer's weight view is read back, so DL4J's ordering (conv biases before weights, 'f'-ordered
 * dense weights) cannot be got wrong here.
 */
public final class ParameterLayout {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them
    /** Indices are stored in double precision, exact far beyond any network this app builds. */
    private static final long MAX_EXACT = 1L << 52;
    private final int parameters;
    private final List<int[]> filters;
    private final int[] others;
    private final int[] statistics;

    private ParameterLayout(int parameters, List<int[]> filters, int[] others, int[] statistics) {
        this.parameters = parameters;
        this.filters = filters;
        this.others = others;
        this.statistics = statistics;
    }

    /** The keys under which DL4J keeps a batch-norm layer's running statistics (variance or its log10 std). */
    private static final List<String> STATISTICS = List.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    /** The layout of the network that {@code spec} builds for data of this shape. */
    public static ParameterLayout of(TrainingSpec spec, InputShape shape, int classes) {
        NativeBackend.configure();
        return of(NetworkFactory.build(spec, shape, classes, 1));
    }

    /** The layout of {@code net}'s parameters; {@code net} is changed (its parameters overwritten), so pass a throwaway copy. */
    static ParameterLayout of(ComputationGraph net) {
        long count = net.numParams();
        if (count > MAX_EXACT || count > Integer.MAX_VALUE) throw new IllegalArgumentException("too many parameters: " + count);
        int n = (int) count;
        ComputationGraph indexed = net.convertDataType(DataType.DOUBLE);
        double[] index = new double[n];
        for (int i = 0; i < n; i++) index[i] = i;
        indexed.setParams(Nd4j.create(index, new long[] {1, n}, DataType.DOUBLE));
        boolean[] inFilter = new boolean[n];
        List<int[]> filters = new ArrayList<>();
        List<Integer> statistics = new ArrayList<>();
        for (Layer layer : indexed.getLayers()) {
            Map<String, INDArray> table = layer.paramTable();
            if (layer instanceof BatchNormalization) {
                for (String key : STATISTICS) {
                    INDArray v = table.get(key);
                    if (v == null) continue;
                    for (double at : v.dup().data().asDouble()) statistics.add((int) at);
                }
            }
            INDArray w = table.get("W");
            if (w == null) continue;
            if (w.rank() == 2) {
                // dense: [nIn, nOut], one filter per output neuron (column)
                for (long o = 0; o < w.size(1); o++) filters.add(denseFilter(w, o, inFilter));
            } else if (w.rank() == 4) {
                // convolution: [nOut, nIn, kH, kW], one filter per output channel
                for (long o = 0; o < w.size(0); o++) filters.add(convolutionFilter(w, o, inFilter));
            } else {
                throw new IllegalArgumentException("layer " + layer.conf().getLayer().getLayerName()
                        + " has weights of rank " + w.rank() + "; filter normalisation knows dense and 2-D convolution layers");
            }
        }
        int[] others = new int[n];
        int k = 0;
        for (int i = 0; i < n; i++) if (!inFilter[i]) others[k++] = i;
        int[] bn = statistics.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new ParameterLayout(n, List.copyOf(filters), Arrays.copyOf(others, k), bn);
    }

    private static int[] denseFilter(INDArray w, long o, boolean[] seen) {
        int[] out = new int[(int) w.size(0)];
        for (int i = 0; i < out.length; i++) out[i] = index(w.getDouble(i, o), seen);
        return out;
    }

    private static int[] convolutionFilter(INDArray w, long o, boolean[] seen) {
        long channels = w.size(1), height = w.size(2), width = w.size(3);
        int[] out = new int[(int) (channels * height * width)];
        int k = 0;
        for (long c = 0; c < channels; c++)
            for (long y = 0; y < height; y++)
                for (long x = 0; x < width; x++) out[k++] = index(w.getDouble(o, c, y, x), seen);
        return out;
    }

    private static int index(double value, boolean[] seen) {
        int index = (int) value;
        if (index != value || index < 0 || index >= seen.length || seen[index]) {
            throw new IllegalStateException("parameter index " + value + " read twice or not an index");
        }
        seen[index] = true;
        return index;
    }

    public int parameterCount() { return parameters; }
    public int filterCount() { return filters.size(); }
    /** The flat indices of filter {@code f} (a copy). */
    public int[] filter(int f) { return filters.get(f).clone(); }
    /** The flat indices of every parameter in no filter: biases and batch-norm parameters (a copy). */
    public int[] others() { return others.clone(); }
    /** The flat indices of the batch-norm layers' running means and variances, ascending (a copy; empty without batch norm). */
    public int[] batchNormStatistics() { return statistics.clone(); }
}
