package org.predspace.geometry.distance;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/** Reads checkpoints of a source a block at a time, each block in parallel, in order. */
public final class BatchedReads {
    private BatchedReads() {}

    /** Hands the checkpoints at {@code indices} to {@code sink} in order, {@link ModelBlock#CAPACITY} at a time. */
    public static void read(CheckpointSource source, int[] indices, Parallelism parallelism, Consumer<List<SqrtProbabilities>> sink) {
        int batch = ModelBlock.CAPACITY;
        for (int start = 0; start < indices.length; start += batch) {
            int from = start;
            SqrtProbabilities[] read = new SqrtProbabilities[Math.min(batch, indices.length - start)];
            parallelism.forEach(read.length, i -> read[i] = source.point(indices[from + i]));
            sink.accept(Arrays.asList(read));
        }
    }

    static int[] all(CheckpointSource source) {
        return IntStream.range(0, source.size()).toArray();
    }
}
