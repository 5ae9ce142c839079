package org.predspace.geometry.distance;

/**
 * Which probe set a point lives on, and its size. Points are comparable only on the same
 * probe set, in the same order (docs/science.md section 1), so every geometric operation checks
 * this before it touches any numbers.
 *
 * @param probeId identifies the probe samples and their order (e.g. a hash written by the run)
 * @param samples N, probe samples per checkpoint
 * @param classes C, classes per sample
 */
public record ProbeShape(String probeId, int samples, int classes) {
    public ProbeShape {
        if (probeId == null) throw new IllegalArgumentException("probe id must not be null");
        if (samples < 1) throw new IllegalArgumentException("a probe set needs at least one sample, got " + samples);
        if (classes < 2) throw new IllegalArgumentException("a probe set needs at least two classes, got " + classes);
    }

    /** Values per checkpoint, N * C. */
    public int values() { return samples * classes; }

    /**
     * Throws when two points (from runs {@code runA}, {@code runB}) cannot share one picture.
     * The message names both runs so that a CLI user knows which folder to drop.
     */
    public void requireSame(ProbeShape other, String runA, String runB) {
        if (!probeId.equals(other.probeId)) {
            throw new IllegalArgumentException("runs " + runA + " and " + runB + " have different probe sets (ids "
                    + probeId + ", " + other.probeId + ") and cannot be embedded together");
        }
        if (samples != other.samples || classes != other.classes) {
            throw new IllegalArgumentException("runs " + runA + " and " + runB + " have different probe shapes (N=" + samples
                    + ", C=" + classes + " versus N=" + other.samples + ", C=" + other.classes
                    + ") and cannot be embedded together");
        }
    }
}
