package org.predspace.geometry.inpca;

import org.predspace.geometry.distance.DistanceMatrix;
import org.predspace.geometry.distance.SqrtProbabilities;

/**
 * The result of {@link LandmarkInPca}: coordinates of every checkpoint in the frame of an
 * exact InPCA of the landmarks. Keeps the landmarks, so new checkpoints can be placed later
 * at m-independent cost (L N C). Immutable.
 */
public final class LandmarkEmbedding {
    private final int[] landmarks;
    private final Embedding frame;
    private final DistanceMatrix landmarkDistances;
    private final double[][] coordinates;

    LandmarkEmbedding(int[] landmarks, Embedding frame, DistanceMatrix landmarkDistances, double[][] coordinates) {
        this.landmarks = landmarks;
        this.frame = frame;
        this.landmarkDistances = landmarkDistances;
        this.coordinates = coordinates;
    }

    /** Checkpoints placed (the whole source). */
    public int size() { return coordinates.length; }

    public int axes() { return frame.axes(); }

    /** Source indices of the landmarks, in the order they were chosen. */
    public int[] landmarks() { return landmarks.clone(); }

    /** The exact InPCA of the landmarks: eigenvalues, stress, and the placement formula. */
    public Embedding frame() { return frame; }

    public double[] eigenvalues() { return frame.eigenvalues(); }

    public double[] explainedStress() { return frame.explainedStress(); }

    public boolean isTimeLike(int axis) { return frame.isTimeLike(axis); }

    public double coordinate(int point, int axis) { return coordinates[point][axis]; }

    /** [point][axis], a fresh copy. */
    public double[][] coordinates() {
        double[][] out = new double[coordinates.length][];
        for (int i = 0; i < out.length; i++) out[i] = coordinates[i].clone();
        return out;
    }

    /** Coordinates of a further checkpoint on the same probe set. */
    public double[] place(SqrtProbabilities checkpoint) {
        return frame.place(landmarkDistances.distancesFrom(checkpoint));
    }
}
