package org.predspace.geometry.inpca;

/**
 * An InPCA embedding of m checkpoints (docs/science.md section 3): coordinates
 * x_ik = V_ik sqrt(|lambda_k|) on k axes ordered by |lambda|, with the signed eigenvalues
 * (an axis with lambda < 0 is time-like), the explained stress, and what is needed to place
 * new checkpoints without recomputing. Immutable: safe to hand to any thread.
 */
public final class Embedding {
    private final double[] eigenvalues;
    private final double[][] coordinates;
    /** placement[j][a]: x_a = sum_j b_j placement[j][a] (lazy_embed of [A], alignment folded in). */
    private final double[][] placement;
    private final double[] columnMeans;
    private final double grandMean;
    private final double frobeniusSquared;
    private final AxisAlignment alignment;

    private Embedding(double[] eigenvalues, double[][] coordinates, double[][] placement, double[] columnMeans,
                      double grandMean, double frobeniusSquared, AxisAlignment alignment) {
        this.eigenvalues = eigenvalues;
        this.coordinates = coordinates;
        this.placement = placement;
        this.columnMeans = columnMeans;
        this.grandMean = grandMean;
        this.frobeniusSquared = frobeniusSquared;
        this.alignment = alignment;
    }

    static Embedding of(Eigenpairs pairs, CenteredGram gram) {
        return of(pairs, gram, AxisAlignment.identity(pairs.count()));
    }

    /** Coordinates and placement with the alignment R applied: x R. */
    static Embedding of(Eigenpairs pairs, CenteredGram gram, AxisAlignment alignment) {
        int m = gram.size();
        int k = pairs.count();
        double[] lambda = pairs.values();
        double tiny = (k == 0 ? 0 : Math.abs(lambda[0])) * 1e-12;
        double[][] raw = new double[m][k];
        double[][] rawPlacement = new double[m][k];
        for (int a = 0; a < k; a++) {
            double root = Math.sqrt(Math.abs(lambda[a]));
            // x_k = sum_j b_j V_jk / (sign(lambda_k) sqrt|lambda_k|); a zero eigenvalue carries no axis.
            double inverse = Math.abs(lambda[a]) > tiny ? Math.signum(lambda[a]) / root : 0;
            double[] v = pairs.vectors()[a];
            for (int i = 0; i < m; i++) {
                raw[i][a] = v[i] * root;
                rawPlacement[i][a] = v[i] * inverse;
            }
        }
        double[][] coords = new double[m][];
        double[][] place = new double[m][];
        for (int i = 0; i < m; i++) {
            coords[i] = alignment.apply(raw[i]);
            place[i] = alignment.apply(rawPlacement[i]);
        }
        return new Embedding(lambda.clone(), coords, place, gram.columnMeans().clone(), gram.grandMean(),
                gram.frobeniusSquared(), alignment);
    }

    /** Checkpoints embedded exactly (the m of the eigendecomposition). */
    public int size() { return coordinates.length; }

    public int axes() { return eigenvalues.length; }

    /** Signed eigenvalues ordered by |lambda|, largest first. */
    public double[] eigenvalues() { return eigenvalues.clone(); }

    /** lambda_k < 0: embedded squared distance along this axis counts negatively (drawn differently). */
    public boolean isTimeLike(int axis) { return eigenvalues[axis] < 0; }

    public double coordinate(int point, int axis) { return coordinates[point][axis]; }

    /** [point][axis], a fresh copy. */
    public double[][] coordinates() {
        double[][] out = new double[coordinates.length][];
        for (int i = 0; i < out.length; i++) out[i] = coordinates[i].clone();
        return out;
    }

    /** S_1 .. S_k (docs/science.md section 3). */
    public double[] explainedStress() { return ExplainedStress.cumulative(eigenvalues, frobeniusSquared); }

    /** ||W||_F^2, the sum of all squared eigenvalues. */
    public double frobeniusSquared() { return frobeniusSquared; }

    /** The map applied to the raw eigenvector coordinates (identity unless aligned to an earlier picture). */
    public AxisAlignment alignment() { return alignment; }

    /**
     * Coordinates of a checkpoint from its distances delta_j to the m embedded ones
     * (lazy_embed of [A], docs/science.md section 6): b_j = -(1/2)(delta_j - mean(delta) - dbar_j + dbarbar),
     * x_k = sum_j b_j V_jk / (sign(lambda_k) sqrt|lambda_k|). Exact for embedded checkpoints; m*k work.
     */
    public double[] place(double[] distances) {
        int m = coordinates.length;
        if (distances.length < m) throw new IllegalArgumentException("need distances to all " + m + " embedded checkpoints");
        double mean = 0;
        for (int j = 0; j < m; j++) mean += distances[j];
        mean /= m;
        double[] x = new double[eigenvalues.length];
        for (int j = 0; j < m; j++) {
            double b = -0.5 * (distances[j] - mean - columnMeans[j] + grandMean);
            double[] p = placement[j];
            for (int a = 0; a < x.length; a++) x[a] += b * p[a];
        }
        return x;
    }
}
