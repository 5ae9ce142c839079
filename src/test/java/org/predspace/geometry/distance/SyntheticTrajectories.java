package org.predspace.geometry.distance;

/**
 * Realistic training trajectories generated on the fly, deterministically from the checkpoint
 * index: nothing is stored, so 200,000 checkpoints cost no memory. Checkpoint
 * {@code run * checkpointsPerRun + t} of a run has logits
 *
 * <pre>
 *   z_nc = s(t) * (A [c = y_n] + B h_nc + G g_{group,n,c} + R r_{run,n,c}) + noise_{run,t,n,c}
 * </pre>
 *
 * with s(t) rising from 0 (near-uniform predictions at initialisation), fast at first, to a
 * run-dependent maximum (confident, mostly correct), h shared hard-sample confusions, g what runs of one
 * "architecture group" learn alike, r what a run learns alone, and a little per-checkpoint
 * noise. Uniform pseudo-random numbers come from a SplitMix64 hash of their indices, so
 * {@link #read} is cheap, stateless and thread-safe.
 */
public final class SyntheticTrajectories implements CheckpointSource {
    private final int runs;
    private final int checkpointsPerRun;
    private final int samples;
    private final int classes;
    private final int groups;
    private final long seed;
    private final int[] labels;

    public SyntheticTrajectories(int runs, int checkpointsPerRun, int samples, int classes, int groups, long seed) {
        this.runs = runs;
        this.checkpointsPerRun = checkpointsPerRun;
        this.samples = samples;
        this.classes = classes;
        this.groups = groups;
        this.seed = seed;
        this.labels = new int[samples];
        for (int n = 0; n < samples; n++) labels[n] = (int) Math.floorMod(hash(seed, 0, n, 0, 0), classes);
    }

    public int runs() { return runs; }

    public int checkpointsPerRun() { return checkpointsPerRun; }

    public int[] labels() { return labels.clone(); }

    /** Architecture group of a run (runs of one group move alike). */
    public int group(int run) { return run % groups; }

    @Override public int size() { return runs * checkpointsPerRun; }
    @Override public int samples() { return samples; }
    @Override public int classes() { return classes; }
    @Override public String probeId() { return "synthetic-" + seed + "-" + samples + "x" + classes; }
    @Override public String run(int index) { return "run-" + (index / checkpointsPerRun); }

    @Override
    public void read(int index, float[] dest) {
        int run = index / checkpointsPerRun;
        int t = index % checkpointsPerRun;
        int group = group(run);
        double speed = 0.6 + 0.8 * unit(hash(seed, 1, run, 0, 0));
        double reach = 5 + 4 * unit(hash(seed, 2, run, 0, 0));
        double time = t / (double) Math.max(1, checkpointsPerRun - 1);
        // Early training moves fastest, then progress slows down.
        double scale = reach * (1 - Math.exp(-3 * speed * time)) / (1 - Math.exp(-3 * speed));
        double[] z = new double[classes];
        for (int n = 0; n < samples; n++) {
            for (int c = 0; c < classes; c++) {
                double signal = (c == labels[n] ? 1.0 : 0.0)
                        + 0.5 * symmetric(hash(seed, 3, 0, n, c))
                        + 0.6 * symmetric(hash(seed, 4, group, n, c))
                        + 0.2 * symmetric(hash(seed, 5, run, n, c));
                z[c] = scale * signal + 0.15 * symmetric(hash(seed, 6, index, n, c));
            }
            TestPoints.softmax(z, dest, n * classes);
        }
    }

    private static long hash(long seed, long stream, long a, long b, long c) {
        long x = seed * 0x9E3779B97F4A7C15L + stream;
        x = mix(x ^ a);
        x = mix(x ^ b);
        return mix(x ^ c);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static double unit(long h) { return (h >>> 11) * 0x1.0p-53; }

    private static double symmetric(long h) { return 2 * unit(h) - 1; }
}
