package org.predspace.geometry.distance;

import java.util.List;

/**
 * Checkpoints on one probe set, read one at a time, for collections too large to hold in
 * memory (200,000 checkpoints x N = 1000 x C = 10 is 8 GB of float32). The run-folder reader
 * implements it over mapped files; the landmark embedding streams through it.
 *
 * <p>{@link #read} may be called concurrently from several threads, for different indices.
 */
public interface CheckpointSource {
    /** Number of checkpoints. */
    int size();

    /** N, probe samples per checkpoint. */
    int samples();

    /** C, classes per sample. */
    int classes();

    /** Identifies the probe set (samples and order) all checkpoints were evaluated on. */
    String probeId();

    /** Writes checkpoint {@code index}'s softmax rows, N x C row-major, into {@code destProbabilities}. */
    void read(int index, float[] destProbabilities);

    /** Name of the run checkpoint {@code index} belongs to, for messages. */
    default String run(int index) { return "checkpoint " + index; }

    default ProbeShape shape() { return new ProbeShape(probeId(), samples(), classes()); }

    /**
     * Several sources (e.g. run folders) as one, in order.
     *
     * @throws IllegalArgumentException naming the two runs if their probe sets differ
     */
    static CheckpointSource concatenate(List<? extends CheckpointSource> sources) {
        return new ConcatenatedSource(sources);
    }

    /** Checkpoint {@code index} as a point (validated: finite, non-negative, rows summing to 1). */
    default SqrtProbabilities point(int index) {
        float[] p = new float[samples() * classes()];
        read(index, p);
        return SqrtProbabilities.of(run(index), shape(), p);
    }
}
