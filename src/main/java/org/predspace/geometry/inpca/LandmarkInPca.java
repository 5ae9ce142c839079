package org.predspace.geometry.inpca;

import org.predspace.geometry.distance.BatchedReads;
import org.predspace.geometry.distance.BhattacharyyaKernel;
import org.predspace.geometry.distance.CheckpointBlocks;
import org.predspace.geometry.distance.CheckpointSource;
import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.geometry.distance.ModelBlock;
import org.predspace.geometry.distance.Parallelism;
import org.predspace.geometry.distance.ProbeShape;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleConsumer;

/**
 * InPCA for collections too large for an m x m matrix (docs/science.md section 3, landmark MDS
 * of de Silva and Tenenbaum): embed L landmarks exactly, then place every checkpoint by the
 * lazy_embed formula against the landmarks alone. Checkpoints stream from a
 * {@link CheckpointSource} in blocks; only the landmarks (L N C floats), an optional candidate
 * pool and the m x k coordinates are held. Cost: m L N C multiply-adds and m L logs.
 */
public final class LandmarkInPca {
    /** How landmarks are chosen. */
    public enum Choice {
        /**
         * One landmark per stratum: the source order is cut into L equal strata and each gives
         * the checkpoint at a pseudo-random (fixed-seed) position inside it, so a run-by-run
         * source is sampled over runs and over training time alike. (Even spacing can alias
         * with the run length: with a stride that is a multiple of the checkpoints per run,
         * every landmark is a step-0 checkpoint.) The landmarks are a fair sample of the cloud,
         * so their principal axes are those of the whole (figures in bench/README.md). The default.
         */
        STRATIFIED,
        /**
         * Farthest-point sampling in d_B over a stratified pool of candidates: each next
         * landmark is the candidate farthest from all landmarks so far, so the extremes of the
         * cloud (starts and ends of trajectories) are all landmarks. It over-weights those
         * extremes, so the frame's axes differ from the full embedding's (7 % RMS at L = 500,
         * distances still correlate at 0.998), and it costs L x pool distance rows.
         */
        FARTHEST_POINT
    }

    /**
     * @param landmarks  L (all checkpoints if the source has no more)
     * @param axes       k
     * @param choice     landmark choice
     * @param poolFactor farthest-point candidates = poolFactor * L stratified checkpoints
     */
    public record Settings(int landmarks, int axes, Choice choice, int poolFactor, Parallelism parallelism) {
        public Settings {
            if (landmarks < 2) throw new IllegalArgumentException("need at least 2 landmarks, got " + landmarks);
            if (axes < 1) throw new IllegalArgumentException("need at least one axis, got " + axes);
            if (poolFactor < 1) throw new IllegalArgumentException("pool factor must be at least 1, got " + poolFactor);
        }

        /** 500 stratified landmarks: see the distortion figures in bench/README.md. */
        public static Settings defaults() {
            return new Settings(500, InPca.DEFAULT_AXES, Choice.STRATIFIED, 4, Parallelism.allCores());
        }

        public Settings withLandmarks(int l) { return new Settings(l, axes, choice, poolFactor, parallelism); }
        public Settings withChoice(Choice c) { return new Settings(landmarks, axes, c, poolFactor, parallelism); }
        public Settings withParallelism(Parallelism p) { return new Settings(landmarks, axes, choice, poolFactor, p); }
    }

    private LandmarkInPca() {}

    public static LandmarkEmbedding embed(CheckpointSource source, Settings settings) {
        return embed(source, settings, fraction -> { });
    }

    /** @param progress receives the fraction of checkpoints placed so far, from worker threads */
    public static LandmarkEmbedding embed(CheckpointSource source, Settings settings, DoubleConsumer progress) {
        int m = source.size();
        if (m < 2) throw new IllegalArgumentException("need at least 2 checkpoints, got " + m);
        int[] landmarks = settings.choice() == Choice.STRATIFIED || settings.landmarks() >= m
                ? stratified(m, Math.min(m, settings.landmarks()))
                : farthestPoints(source, settings);
        DistanceMatrix landmarkDistances = new DistanceMatrix(source.shape(), settings.parallelism());
        BatchedReads.read(source, landmarks, settings.parallelism(), landmarkDistances::addAll);
        Embedding frame = InPca.embed(landmarkDistances, settings.axes());
        double[][] coordinates = placeAll(source, landmarkDistances, frame, settings.parallelism(), progress);
        return new LandmarkEmbedding(landmarks, frame, landmarkDistances, coordinates);
    }

    /** One index in each of {@code count} equal strata of [0, m), at a fixed-seed random place; all of them if count = m. */
    static int[] stratified(int m, int count) {
        SplittableRandom random = new SplittableRandom(20240601L);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            long lo = (long) i * m / count;
            long hi = (long) (i + 1) * m / count;
            out[i] = (int) (lo + random.nextLong(hi - lo));
        }
        return out;
    }

    static int[] farthestPoints(CheckpointSource source, Settings settings) {
        int m = source.size();
        int[] pool = stratified(m, Math.min(m, settings.poolFactor() * settings.landmarks()));
        CheckpointBlocks candidates = new CheckpointBlocks(source.shape());
        BatchedReads.read(source, pool, settings.parallelism(), batch -> batch.forEach(p -> candidates.add(p.values())));
        BhattacharyyaKernel kernel = new BhattacharyyaKernel();
        double[] nearest = new double[pool.length];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        int[] chosen = new int[settings.landmarks()];
        int next = 0; // the first candidate of the pool
        for (int l = 0; l < chosen.length; l++) {
            chosen[l] = pool[next];
            double[] d = candidates.distancesFrom(candidates.get(next), kernel, settings.parallelism());
            for (int c = 0; c < pool.length; c++) nearest[c] = Math.min(nearest[c], d[c]);
            nearest[next] = -1; // chosen: never again
            int best = 0;
            for (int c = 1; c < pool.length; c++) if (nearest[c] > nearest[best]) best = c;
            next = best;
        }
        return chosen;
    }

    /** Streams every checkpoint in blocks, each block on one worker, and places it in the frame. */
    private static double[][] placeAll(CheckpointSource source, DistanceMatrix landmarks, Embedding frame,
                                       Parallelism parallelism, DoubleConsumer progress) {
        int m = source.size();
        int batch = ModelBlock.CAPACITY;
        int batches = (m + batch - 1) / batch;
        double[][] coordinates = new double[m][];
        ProbeShape shape = source.shape();
        ThreadLocal<ModelBlock> blocks = ThreadLocal.withInitial(() -> new ModelBlock(shape, batch));
        AtomicInteger placed = new AtomicInteger();
        parallelism.forEach(batches, b -> {
            ModelBlock block = blocks.get();
            block.clear();
            int from = b * batch;
            int count = Math.min(batch, m - from);
            for (int i = 0; i < count; i++) {
                block.set(i, source.point(from + i).values());
            }
            double[][] d = new double[count][landmarks.size()];
            landmarks.checkpoints().distancesFrom(block, landmarks.kernel(), d);
            for (int i = 0; i < count; i++) coordinates[from + i] = frame.place(d[i]);
            progress.accept(placed.addAndGet(count) / (double) m);
        });
        return coordinates;
    }
}
